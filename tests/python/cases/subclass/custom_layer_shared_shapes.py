# One custom layer object without weights called on tensors of two shapes, (None, 4) and
# (None, 6): Keras builds it at the first call and calls it again on the second shape, which
# fits (it has no weights); Concatenate joins (None, 4) and (None, 6) into (None, 10).
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

class Double(layers.Layer):
    def call(self, x):
        return x * 2.0

a = keras.Input(shape=(4,))
b = keras.Input(shape=(6,))
d = Double()
y = layers.Concatenate()([d(a), d(b)])
model = keras.Model([a, b], y)
# expect: ok
# expect: shape "(None, 10)"
