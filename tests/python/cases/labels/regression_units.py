# One target per sample for a Dense(4) output under mse: tf.keras 2 and Keras 3 broadcast the
# (None, 1) labels across the 4 units (every unit learns the same target, silently); standalone
# Keras raises "A target array with shape (200, 1) was passed for an output of shape (None, 4)".
# An error in every generation.
import numpy as np
from tensorflow import keras

x = np.random.rand(200, 13)
y = np.random.rand(200, 1)
model = keras.Sequential()
model.add(keras.layers.Dense(64, activation="relu", input_shape=(13,)))
model.add(keras.layers.Dense(4))  # expect: error DS0014 col=11 "Dense(1)" "broadcast" label=9
model.compile(optimizer="rmsprop", loss="mse", metrics=["mae"])
model.fit(x, y, epochs=20, batch_size=16)
