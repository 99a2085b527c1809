# *args and **kwargs of known lists and dicts, at call sites and in definitions: a helper that
# passes them through to a layer's constructor, keyword-only parameters with defaults.
#   Input (28, 28, 1). block(inputs, 32, padding="same"): Conv2D(32, 3, padding="same") keeps
#   28x28: 3*3*1*32 + 32 = 320. conv(x, 16, 3, strides=2): Conv2D(16, 3, strides=2), valid:
#   floor((28 - 3) / 2) + 1 = 13: 3*3*32*16 + 16 = 4,624. Flatten: 13*13*16 = 2,704.
#   Dense(**cfg) with units=64: 2,704*64 + 64 = 173,120. Dense(*head): Dense(10): 650.
#   Total 320 + 4,624 + 173,120 + 650 = 178,714.
from tensorflow import keras
from tensorflow.keras import layers

cfg = {"units": 64, "activation": "relu"}
dims = [28, 28, 1]
head = (10,)


def block(x, filters, *args, kernel_size=3, **kwargs):
    return layers.Conv2D(filters, kernel_size, *args, **kwargs)(x)


def conv(x, *args, **kwargs):
    return layers.Conv2D(*args, **kwargs)(x)


inputs = keras.Input(shape=(*dims,))
x = block(inputs, 32, padding="same", name="block")
x = conv(x, 16, 3, strides=2, name="strided")
x = layers.Flatten()(x)
x = layers.Dense(**cfg)(x)
outputs = layers.Dense(*head)(x)
model = keras.Model(inputs, outputs)
# expect: ok
# expect: params 178714
# expect: shape "(None, 28, 28, 32)" layer=block
# expect: shape "(None, 13, 13, 16)" layer=strided
# expect: shape "(None, 10)"
