# np.shape, np.ndim and np.size of arrays (NumPy: the shape tuple, its length, the product of
# its sizes) and np.shape / np.ndim of symbolic tensors (NumPy reads x.shape and x.ndim).
#   x_train (100, 28, 28): np.shape(x_train)[1:] = (28, 28), np.size(x_train) = 78,400.
#   Reshape((28, 28, 1)): np.ndim(x) = 4, so Conv2D(4 * 2 = 8, 3): 26x26x8, 3*3*1*8 + 8 = 80.
#   np.shape(x)[-1] = 8: Conv2D(8, 1): 8*8 + 8 = 72. Flatten: 26*26*8 = 5,408.
#   Dense(78,400 // 7,840 = 10): 5,408*10 + 10 = 54,090. Total 80 + 72 + 54,090 = 54,242.
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

x_train = np.zeros((100, 28, 28))

inputs = keras.Input(shape=np.shape(x_train)[1:])
x = layers.Reshape((np.shape(x_train)[1], np.shape(x_train)[2], 1))(inputs)
x = layers.Conv2D(np.ndim(x) * 2, 3, name="conv")(x)
x = layers.Conv2D(np.shape(x)[-1], 1, name="pointwise")(x)
x = layers.Flatten()(x)
outputs = layers.Dense(np.size(x_train) // 7840)(x)
model = keras.Model(inputs, outputs)
# expect: ok
# expect: params 54242
# expect: shape "(None, 26, 26, 8)" layer=pointwise
