# keras.utils.timeseries_dataset_from_array(data, targets, sequence_length=48) yields batches of
# windows (batch_size, 48, features) with their targets (batch_size,); batch_size is 128 by
# default. The LSTM's Input says 24 steps.
import numpy as np
from tensorflow import keras

readings = np.random.rand(5000, 3).astype("float32")
next_temp = np.random.rand(5000).astype("float32")
windows = keras.utils.timeseries_dataset_from_array(readings, next_temp, sequence_length=48)
model = keras.Sequential([
    keras.Input(shape=(24, 3)),  # expect: error DS0007 col=5 "(128, 48, 3)" label=7
    keras.layers.LSTM(16),
    keras.layers.Dense(1),
])
model.compile(optimizer="adam", loss="mse")
model.fit(windows, epochs=2)
