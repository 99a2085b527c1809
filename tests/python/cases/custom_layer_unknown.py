# expect: ok
# A custom layer whose call() uses an op dimsum has no rule for: its output is unknown (a note
# at the op, inside call()), and nothing after it becomes an error.
import tensorflow as tf
from tensorflow import keras


class Patches(keras.layers.Layer):
    def __init__(self, size):
        super().__init__()
        self.size = size

    def call(self, images):
        return tf.image.extract_patches(images, [1, self.size, self.size, 1],  # expect: note DS0103 col=16
                                        [1, self.size, self.size, 1], [1, 1, 1, 1], "VALID")


inputs = keras.Input(shape=(32, 32, 3))
x = Patches(4)(inputs)
x = keras.layers.Dense(64)(x)
model = keras.Model(inputs, x)
# expect: verdict "not checked" "2 of 2 layers" "'patches'"
