# Channels-first data, (64, 1, 28, 28), fed to a channels-last model declared (28, 28, 1).
import numpy as np
from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Conv2D, Flatten, Dense

x = np.zeros((64, 1, 28, 28), dtype="float32")
y = np.zeros((64,))
model = Sequential()
model.add(Conv2D(8, (3, 3), input_shape=(28, 28, 1)))  # expect: error DS0007 col=11 label=6
model.add(Flatten())
model.add(Dense(10))
model.fit(x, y, batch_size=16)
