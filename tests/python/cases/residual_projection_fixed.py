# expect: ok
# The fix: project the shortcut with a strided 1x1 convolution.
from tensorflow import keras
from tensorflow.keras import layers


def block(x, filters, stride=1):
    shortcut = x
    if stride != 1 or x.shape[-1] != filters:
        shortcut = layers.Conv2D(filters, 1, strides=stride)(x)
    y = layers.Conv2D(filters, 3, strides=stride, padding="same", activation="relu")(x)
    y = layers.Conv2D(filters, 3, padding="same")(y)
    return layers.add([y, shortcut])


inputs = keras.Input(shape=(32, 32, 16))
x = block(inputs, 16)
x = block(x, 32, stride=2)
x = layers.GlobalAveragePooling2D()(x)
model = keras.Model(inputs, layers.Dense(10)(x))
