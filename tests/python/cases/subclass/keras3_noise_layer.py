# A Keras 3 layer that draws noise of its input's shape inside call(): keras.ops.shape gives
# (None, 4) for the symbolic input, and keras.random.normal takes that shape, the batch None
# included; the noise broadcasts onto the input, so the layer keeps (None, 4).
#   Dense(4) on 6 features: 6*4 + 4 = 28; Noisy: no weights; Dense(1): 4*1 + 1 = 5; total 33
import keras
from keras import layers, ops


class Noisy(layers.Layer):
    def __init__(self, scale, **kwargs):
        super().__init__(**kwargs)
        self.scale = scale
        self.seeds = keras.random.SeedGenerator(7)

    def call(self, x):
        rows, width = ops.shape(x)[0], ops.shape(x)[1]
        noise = keras.random.normal(shape=(rows, width), seed=self.seeds)
        return x + self.scale * noise


inputs = keras.Input(shape=(6,))
h = layers.Dense(4)(inputs)
h = Noisy(0.1, name="noisy")(h)
outputs = layers.Dense(1)(h)
model = keras.Model(inputs, outputs)
# expect: ok
# expect: params 33
# expect: shape "(None, 4)" layer=noisy
