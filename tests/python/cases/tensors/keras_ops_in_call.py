# keras.ops and TensorFlow ops inside a custom layer's call(), with a weight from add_weight:
#   input (None, 6, 8); tf.split(x, 2, axis=-1): two (None, 6, 4)
#   ops.concatenate([b, a], axis=-1): (None, 6, 8)
#   tf.matmul with the (8, 5) kernel: (None, 6, 5)
#   tf.math.top_k(k=2): values (None, 6, 2); ops.mean(axis=1): (None, 2)
#   own weights: 8*5 = 40 (the kernel), 5 (the bias): 45; Dense(3) after: 2*3 + 3 = 9
import keras
import tensorflow as tf
from keras import layers, ops


class Mixer(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units))
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros")

    def call(self, x):
        a, b = tf.split(x, 2, axis=-1)
        x = ops.concatenate([b, a], axis=-1)
        x = tf.matmul(x, self.kernel) + self.bias
        values, _ = tf.math.top_k(x, k=2)
        return ops.mean(values, axis=1)


inputs = keras.Input(shape=(6, 8))
x = Mixer(5, name="mixer")(inputs)
outputs = layers.Dense(3)(x)
model = keras.Model(inputs, outputs)
# expect: ok
# expect: params 54
# expect: params 45 layer=mixer
# expect: shape "(None, 2)" layer=mixer
