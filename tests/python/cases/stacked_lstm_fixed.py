# expect: ok
from keras.models import Sequential
from keras.layers import LSTM, Dense
import numpy as np

model = Sequential()
model.add(LSTM(64, return_sequences=True, input_shape=(50, 8)))
model.add(LSTM(32))
model.add(Dense(1))
model.fit(np.random.rand(200, 50, 8), np.random.rand(200, 1), epochs=2)
