# Two stacked LSTMs, the first without return_sequences=True: it gives (None, 64), and the second
# LSTM needs a sequence (Keras: "expected ndim=3, found ndim=2").
from keras.models import Sequential
from keras.layers import LSTM, Dense

model = Sequential()
model.add(LSTM(64, input_shape=(50, 8)))
model.add(LSTM(32))  # expect: error DS0002 col=11 "return_sequences"
model.add(Dense(1))
model.compile(loss="mse", optimizer="adam")
