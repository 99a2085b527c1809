# A helper that adds conv + pool, called for four filter sizes on 32x32 images:
# 32 -> 30 -> 15 -> 13 -> 6 -> 4 -> 2, and the fourth 3x3 convolution gets a 2x2 map.
from tensorflow import keras
from tensorflow.keras import layers


def conv_block(x, filters, pool=True):
    x = layers.Conv2D(filters, 3, activation="relu")(x)  # expect: error DS0001 col=9 "3" "2"
    if pool:
        x = layers.MaxPooling2D(2)(x)
    return x


inputs = keras.Input(shape=(32, 32, 3))
x = inputs
for filters in [32, 64, 128, 256]:
    x = conv_block(x, filters)
outputs = layers.Dense(10)(layers.Flatten()(x))
model = keras.Model(inputs, outputs)
