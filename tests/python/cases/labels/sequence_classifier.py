# An LSTM left with return_sequences=True before the classifier: the output is (None, 100, 1), one
# prediction per time step, against one label per review ((25000,)). tf.keras 2's
# binary_crossentropy takes the sigmoid's logits and sigmoid_cross_entropy_with_logits raises
# "logits and labels must have the same shape"; Keras 3's binary_crossentropy raises on the
# ranks; standalone Keras refuses the targets.
from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras.preprocessing.sequence import pad_sequences

(x_train, y_train), _ = keras.datasets.imdb.load_data(num_words=10000)
x_train = pad_sequences(x_train, maxlen=100)
model = keras.Sequential([
    layers.Embedding(10000, 32, input_length=100),
    layers.LSTM(32, return_sequences=True),
    layers.Dense(1, activation="sigmoid"),  # expect: error DS0014 col=5 "return_sequences=False" label=10
])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=3, batch_size=64)
