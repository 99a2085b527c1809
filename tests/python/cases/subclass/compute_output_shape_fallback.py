# A custom layer whose call() uses an op dimsum has no rule for (tf.image.extract_patches), but
# whose class says its output shape in compute_output_shape(): dimsum takes that shape, notes
# the op it could not follow inside call(), and checks the layers after it.
#   (None, 24, 24, 2) in 6x6 tiles: 4 x 4 tiles of 6*6*2 = 72 values -> (None, 4, 4, 72)
#   Reshape((16, 72)); Dense(5): 72*5 + 5 = 365; Reshape((16, 73)) would need 16*73 = 1168
#   values where there are 16*5 = 80: the seeded error after the custom layer.
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers


class Tiles(layers.Layer):
    def __init__(self, tile, **kwargs):
        super().__init__(**kwargs)
        self.tile = tile

    def call(self, images):
        step = [1, self.tile, self.tile, 1]
        return tf.image.extract_patches(images, step, step, [1, 1, 1, 1], "VALID")  # expect: note DS0103 col=16

    def compute_output_shape(self, input_shape):
        across = input_shape[1] // self.tile
        down = input_shape[2] // self.tile
        return (input_shape[0], across, down, self.tile * self.tile * input_shape[3])


inputs = keras.Input(shape=(24, 24, 2))
x = Tiles(6, name="tiles")(inputs)
x = layers.Reshape((16, 72))(x)
x = layers.Dense(5)(x)
x = layers.Reshape((16, 73))(x)  # expect: error DS0003 col=5 "80" "1168"
model = keras.Model(inputs, x)
# expect: verdict "compute_output_shape"
