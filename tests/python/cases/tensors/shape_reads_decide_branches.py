# Code that reads sizes from symbolic tensors and branches on them, as Keras runs it: every
# KerasTensor knows its shape when the line runs.
#   inputs (None, 32, 32, 3); Conv2D(16, 3, padding="same") -> (None, 32, 32, 16)
#   x.shape[-1] == 16 != 32, so the projection branch runs: Conv2D(32, 1) -> (None, 32, 32, 32),
#   1*1*16*32 + 32 = 544 params; the other branch (Dense(7)) never runs.
#   K.int_shape(x)[1] * K.int_shape(x)[2] = 1024; tf.reshape(x, (-1, 1024, 32)) -> (None, 1024, 32)
#   len(x.shape) == 3, so GlobalAveragePooling1D -> (None, 32); Dense(10): 32*10 + 10 = 330
#   params: conv 3*3*3*16 + 16 = 448, projection 544, dense 330: 1,322
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import backend as K
from tensorflow.keras import layers

inputs = keras.Input(shape=(32, 32, 3))
x = layers.Conv2D(16, 3, padding="same")(inputs)
if x.shape[-1] != 32:
    x = layers.Conv2D(32, 1, name="projection")(x)
else:
    x = layers.Dense(7)(x)
cells = K.int_shape(x)[1] * K.int_shape(x)[2]
x = tf.reshape(x, (-1, cells, x.shape[-1]))
if len(x.shape) == 3:
    x = layers.GlobalAveragePooling1D()(x)
outputs = layers.Dense(10, name="logits")(x)
model = keras.Model(inputs, outputs)
# expect: ok
# expect: params 1322
# expect: shape "(None, 32, 32, 32)" layer=projection
# expect: shape "(None, 10)"
