# A keras.layers.Layer subclass among a Sequential's layers: Keras builds it with the output of
# the layers before it, (None, 13, 13, 8), so its build() makes a (8, 4) kernel:
#   Conv2D(8, 3) on (None, 28, 28, 1): 3*3*1*8 + 8 = 80 params, (None, 26, 26, 8)
#   MaxPooling2D(2): (None, 13, 13, 8)
#   ChannelMix(4): kernel 8*4 = 32, tf.matmul over the last axis -> (None, 13, 13, 4)
#   Flatten: 13*13*4 = 676; Dense(10): 676*10 + 10 = 6770
#   total 80 + 32 + 6770 = 6882
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers


class ChannelMix(layers.Layer):
    def __init__(self, channels, **kwargs):
        super().__init__(**kwargs)
        self.channels = channels

    def build(self, input_shape):
        self.kernel = self.add_weight(name="kernel", shape=(input_shape[-1], self.channels))

    def call(self, inputs):
        return tf.matmul(inputs, self.kernel)


model = keras.Sequential([
    layers.Conv2D(8, 3, input_shape=(28, 28, 1)),
    layers.MaxPooling2D(2),
    ChannelMix(4, name="mix"),
    layers.Flatten(),
    layers.Dense(10),
])
model.summary()
# expect: ok
# expect: params 6882
# expect: params 32 layer=mix
# expect: shape "(None, 13, 13, 4)" layer=mix
