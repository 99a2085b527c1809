# The twin of star_arguments.py with a bug: the helper's **kwargs carry padding="valid" to a
# 3x3 convolution on 2x2 maps, which Keras rejects (2 - 3 + 1 = 0 rows), at the layer call in
# the helper, where Keras' traceback points.
#   Input (6, 6, 3); MaxPooling2D(3): 6 // 3 = 2; Conv2D(8, 3, padding="valid") on 2x2: error.
from tensorflow import keras
from tensorflow.keras import layers

settings = {"padding": "valid", "activation": "relu"}


def conv(x, filters, *args, **kwargs):
    return layers.Conv2D(filters, *args, **kwargs)(x)  # expect: error DS0001 col=12


inputs = keras.Input(shape=(6, 6, 3))
x = layers.MaxPooling2D(3)(inputs)
x = conv(x, 8, 3, **settings)
model = keras.Model(inputs, x)
