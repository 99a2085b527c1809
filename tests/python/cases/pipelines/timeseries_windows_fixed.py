# The fixed twin of timeseries_windows.py: sequence_length=24, sampled every 2 steps, in batches
# of 64: windows (64, 24, 3) and targets (64,), which mse takes against the (64, 1) output.
# expect: ok
import numpy as np
from tensorflow import keras

readings = np.random.rand(5000, 3).astype("float32")
next_temp = np.random.rand(5000).astype("float32")
windows = keras.utils.timeseries_dataset_from_array(
    readings, next_temp, sequence_length=24, sampling_rate=2, batch_size=64)
model = keras.Sequential([
    keras.Input(shape=(24, 3)),
    keras.layers.LSTM(16),
    keras.layers.Dense(1),
])
model.compile(optimizer="adam", loss="mse")
model.fit(windows, epochs=2)
# expect: shape "(64, 1)"
