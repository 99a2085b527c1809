# Sliding windows with Dataset.window + flat_map: window(9, shift=1, drop_remainder=True) makes
# each element a dataset of 9 values, and batch(9, drop_remainder=True) inside flat_map turns it
# into one tensor of static shape (9,) (Dataset.batch: drop_remainder=True gives the batch axis
# its size). w[:-1] is 8 values and w[-1:] one, so the model must take 8 inputs, not 9.
import numpy as np
import tensorflow as tf

signal = np.sin(np.arange(2000, dtype="float32") / 10.0)
windows = tf.data.Dataset.from_tensor_slices(signal).window(9, shift=1, drop_remainder=True)
windows = windows.flat_map(lambda w: w.batch(9, drop_remainder=True))
pairs = windows.map(lambda w: (w[:-1], w[-1:])).shuffle(100).batch(64).prefetch(1)

regressor = tf.keras.Sequential([
    tf.keras.layers.Dense(16, activation="relu", input_shape=(9,)),  # expect: error DS0007 col=5 "(None, 9)"
    tf.keras.layers.Dense(1),
])
regressor.compile(optimizer="adam", loss="mse")
regressor.fit(pairs, epochs=3)
