# functools.partial of layer classes and of a helper: the partial's arguments come first, the
# call's keywords override its keywords.
#   Input (32, 32, 3). Conv(16): Conv2D(16, kernel_size=3, padding="same"): 32x32x16,
#   3*3*3*16 + 16 = 448. Conv(8, kernel_size=1): 1x1: 16*8 + 8 = 136. Pool(): MaxPooling2D(2):
#   16x16x8. block(x) = Conv2D(4, 3, padding="valid"): 14x14x4, 3*3*8*4 + 4 = 292.
#   Flatten: 784; Dense(10, activation="relu" from the partial): 7,850. Total 8,726.
import functools
from functools import partial

from tensorflow import keras
from tensorflow.keras import layers

Conv = partial(layers.Conv2D, kernel_size=3, padding="same")
Pool = functools.partial(layers.MaxPooling2D, 2)
Dense = partial(layers.Dense, activation="relu")


def conv_block(x, filters, padding):
    return layers.Conv2D(filters, 3, padding=padding, name="block")(x)


block = partial(conv_block, filters=4, padding="valid")

inputs = keras.Input(shape=(32, 32, 3))
x = Conv(16)(inputs)
x = Conv(8, kernel_size=1, name="pointwise")(x)
x = Pool()(x)
x = block(x)
x = layers.Flatten()(x)
outputs = Dense(10)(x)
model = keras.Model(inputs, outputs)
# expect: ok
# expect: params 8726
# expect: shape "(None, 32, 32, 8)" layer=pointwise
# expect: shape "(None, 14, 14, 4)" layer=block
