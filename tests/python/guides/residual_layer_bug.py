# The residual block of residual_layer.py with one seeded bug in build(): the projection is
# sized from the input's channels (input_shape[-1]) instead of the block's filters, a
# copy-paste slip. For block_b, 24 channels in and 48 filters:
#   y = second(first(x))          (None, 16, 16, 48)
#   shortcut = projection(x)      (None, 16, 16, 24)
# y + shortcut broadcasts the last axes 48 and 24, which are neither equal nor 1: TensorFlow's
# AddV2 fails when the functional model calls the block ("Dimensions must be equal, but are 48
# and 24"). The error belongs on the addition inside call(). block_a (no projection) is fine.
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
            self.projection = layers.Conv2D(input_shape[-1], 1)

    def call(self, x):
        shortcut = x
        if x.shape[-1] != self.filters:
            shortcut = self.projection(x)
        y = self.first(x)
        y = self.second(y)
        return tf.nn.relu(y + shortcut)  # expect: error DS0005 col=27 "48" "24"


inputs = keras.Input(shape=(32, 32, 3))
x = layers.Conv2D(24, 3, padding="same", activation="relu", name="stem")(inputs)
x = ResidualUnit(24, name="block_a")(x)
x = layers.MaxPooling2D(2, name="halve")(x)
x = ResidualUnit(48, name="block_b")(x)
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(10, activation="softmax", name="classes")(x)
model = keras.Model(inputs, outputs, name="resnet_mini")
model.summary()
