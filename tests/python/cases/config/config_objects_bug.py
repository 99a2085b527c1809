# A dataclass config whose field given at construction makes the model wrong: Cfg(kernel=5) on
# 4x4 maps, where a valid 5x5 convolution has no room (4 - 5 + 1 = 0). The default (3) would fit.
from dataclasses import dataclass

from tensorflow import keras
from tensorflow.keras import layers


@dataclass
class Cfg:
    filters: int = 8
    kernel: int = 3


cfg = Cfg(kernel=5)
inputs = keras.Input(shape=(4, 4, 1))
x = layers.Conv2D(cfg.filters, cfg.kernel)(inputs)  # expect: error DS0001 col=5
model = keras.Model(inputs, x)
