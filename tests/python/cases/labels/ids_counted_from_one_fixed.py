# expect: ok
# ids_counted_from_one.py fixed: the ids counted from 0 again.
from tensorflow import keras

(x_train, y_train), _ = keras.datasets.mnist.load_data()
y_train = y_train + 1
model = keras.Sequential([
    keras.layers.Flatten(input_shape=(28, 28)),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train - 1, epochs=5)
