# Guide pattern: a residual block written as a keras.layers.Layer subclass whose build() reads
# the input's channels (input_shape[-1]) and makes a 1x1 projection for the shortcut only when
# they differ from the block's filters; call() decides the same way from x.shape[-1]. The
# block is used twice inside a functional model, once needing the projection and once not.
#
# Worked out by hand (Conv2D "same" keeps the size; k*k*in*filters + filters params; a Layer
# subclass counts the weights of the layers it tracks as attributes):
#   input                                              (None, 32, 32, 3)
#   stem Conv2D(24, 3, "same"): 3*3*3*24 + 24 = 672    (None, 32, 32, 24)
#   block_a ResidualUnit(24): 24 channels in, no projection
#     first Conv2D(24, 3): 3*3*24*24 + 24 = 5,208
#     second Conv2D(24, 3): 5,208                total 10,416       (None, 32, 32, 24)
#   halve MaxPooling2D(2): 32 / 2 = 16                              (None, 16, 16, 24)
#   block_b ResidualUnit(48): 24 channels in, projection
#     first Conv2D(48, 3): 3*3*24*48 + 48 = 10,416
#     second Conv2D(48, 3): 3*3*48*48 + 48 = 20,784
#     projection Conv2D(48, 1): 1*1*24*48 + 48 = 1,200
#                                                total 32,400       (None, 16, 16, 48)
#   GlobalAveragePooling2D                                          (None, 48)
#   classes Dense(10): 48*10 + 10 = 490                             (None, 10)
# Total 672 + 10,416 + 32,400 + 490 = 43,978.
# Checked with TensorFlow.js 4.22 (the blocks' convolutions, projection and tf.layers.add laid
# out as a functional model): countParams() = 43978, output [null, 10].
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers


class ResidualUnit(layers.Layer):
    def __init__(self, filters, **kwargs):
        super().__init__(**kwargs)
        self.filters = filters

    def build(self, input_shape):
        self.first = layers.Conv2D(self.filters, 3, padding="same", activation="relu")
        self.second = layers.Conv2D(self.filters, 3, padding="same")
        self.projection = None
        if input_shape[-1] != self.filters:
            self.projection = layers.Conv2D(self.filters, 1)

    def call(self, x):
        shortcut = x
        if x.shape[-1] != self.filters:
            shortcut = self.projection(x)
        y = self.first(x)
        y = self.second(y)
        return tf.nn.relu(y + shortcut)


inputs = keras.Input(shape=(32, 32, 3))
x = layers.Conv2D(24, 3, padding="same", activation="relu", name="stem")(inputs)
x = ResidualUnit(24, name="block_a")(x)
x = layers.MaxPooling2D(2, name="halve")(x)
x = ResidualUnit(48, name="block_b")(x)
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(10, activation="softmax", name="classes")(x)
model = keras.Model(inputs, outputs, name="resnet_mini")
model.summary()
# expect: ok
# expect: results 1
# expect: params 43978
# expect: shape "(None, 10)"
# expect: shape "(None, 32, 32, 24)" layer=block_a
# expect: params 10416 layer=block_a
# expect: shape "(None, 16, 16, 48)" layer=block_b
# expect: params 32400 layer=block_b
