# The same residual mistake written with `+` on symbolic tensors, inside a helper function.
import tensorflow as tf
from tensorflow.keras import layers


def residual_block(x, filters, stride):
    shortcut = x
    y = layers.Conv2D(filters, 3, strides=stride, padding="same", activation="relu")(x)
    y = layers.Conv2D(filters, 3, padding="same")(y)
    return tf.nn.relu(y + shortcut)  # expect: error DS0005 col=23


inputs = tf.keras.Input(shape=(64, 64, 32))
h = residual_block(inputs, 32, 1)
h = residual_block(h, 32, 2)
model = tf.keras.Model(inputs, h)
