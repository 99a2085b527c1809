# A partial whose bound padding="valid" shrinks maps until a 3x3 convolution has no room:
# 7x7 -> 5x5 -> 3x3 -> 1x1, and the fourth has 1 - 3 + 1 < 1 rows.
from functools import partial

from tensorflow import keras
from tensorflow.keras import layers

Conv = partial(layers.Conv2D, kernel_size=3, padding="valid")
inputs = keras.Input(shape=(7, 7, 1))
x = Conv(8)(inputs)
x = Conv(8)(x)
x = Conv(8)(x)
x = Conv(8)(x)  # expect: error DS0001 col=5
model = keras.Model(inputs, x)
