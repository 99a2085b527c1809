# expect: ok
# regression_units.py fixed: one unit for one target; (N,) targets fit a (None, 1) output too
# (tf.keras 2 and Keras 3 add the axis of 1).
import numpy as np
from tensorflow import keras

x = np.random.rand(200, 13)
y = np.random.rand(200, 1)
model = keras.Sequential()
model.add(keras.layers.Dense(64, activation="relu", input_shape=(13,)))
model.add(keras.layers.Dense(1))
model.compile(optimizer="rmsprop", loss="mse", metrics=["mae"])
model.fit(x, y, epochs=20, batch_size=16)
model.fit(x, y.ravel(), epochs=20, batch_size=16)
