# The fixed twin of tf_data_windows.py: 8 past values predict the next one.
# expect: ok
import numpy as np
import tensorflow as tf

signal = np.sin(np.arange(2000, dtype="float32") / 10.0)
windows = tf.data.Dataset.from_tensor_slices(signal).window(9, shift=1, drop_remainder=True)
windows = windows.flat_map(lambda w: w.batch(9, drop_remainder=True))
pairs = windows.map(lambda w: (w[:-1], w[-1:])).shuffle(100).batch(64).prefetch(1)

regressor = tf.keras.Sequential([
    tf.keras.layers.Dense(16, activation="relu", input_shape=(8,)),
    tf.keras.layers.Dense(1),
])
regressor.compile(optimizer="adam", loss="mse")
regressor.fit(pairs, epochs=3)
# expect: params 161
