# IMDB reviews padded to 80 tokens, then conv/pool stages: 80 -> 76 -> 38 -> 34 -> 17 -> 13 -> 6
# -> 2 -> 1, and the fifth Conv1D (kernel 5) gets 1 step.
from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras.preprocessing.sequence import pad_sequences

(x_train, y_train), _ = keras.datasets.imdb.load_data(num_words=20000)
x_train = pad_sequences(x_train, maxlen=80)
model = keras.Sequential([layers.Embedding(20000, 32)])
for _ in range(5):
    model.add(layers.Conv1D(32, 5, activation="relu"))  # expect: error DS0001 col=15 "5" "1"
    model.add(layers.MaxPooling1D(2))
model.add(layers.GlobalMaxPooling1D())
model.add(layers.Dense(1))
model.fit(x_train, y_train, batch_size=128)
