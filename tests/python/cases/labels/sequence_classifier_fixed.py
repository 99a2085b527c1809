# expect: ok
# sequence_classifier.py fixed: the LSTM gives one vector per review.
from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras.preprocessing.sequence import pad_sequences

(x_train, y_train), _ = keras.datasets.imdb.load_data(num_words=10000)
x_train = pad_sequences(x_train, maxlen=100)
model = keras.Sequential([
    layers.Embedding(10000, 32, input_length=100),
    layers.LSTM(32),
    layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=3, batch_size=64)
