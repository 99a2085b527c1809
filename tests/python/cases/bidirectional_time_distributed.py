# expect: ok
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    layers.Embedding(20000, 128, input_length=100),
    layers.Bidirectional(layers.LSTM(64, return_sequences=True)),
    layers.TimeDistributed(layers.Dense(8, activation="softmax")),
])
model.build()
