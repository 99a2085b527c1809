# A 10-step series: Conv1D 3 -> 8, pool 2 -> 4, Conv1D 3 -> 2, pool 2 -> 1, Conv1D 3 on 1 step.
import numpy as np
from tensorflow.keras import Sequential
from tensorflow.keras.layers import Conv1D, MaxPooling1D, Flatten, Dense

WINDOW = 10
model = Sequential()
model.add(Conv1D(16, 3, activation="relu", input_shape=(WINDOW, 1)))
model.add(MaxPooling1D(2))
model.add(Conv1D(16, 3, activation="relu"))
model.add(MaxPooling1D(2))
model.add(Conv1D(16, 3, activation="relu"))  # expect: error DS0001 col=11 "3" "1"
model.add(Flatten())
model.add(Dense(1))
series = np.random.rand(500, WINDOW, 1)
model.fit(series, np.random.rand(500, 1), epochs=1)
