# expect: ok
# class_ids_categorical.py fixed both ways: one-hot labels for categorical_crossentropy, and the
# class ids under sparse_categorical_crossentropy.
from keras.datasets import mnist
from keras.models import Sequential
from keras.layers import Dense, Flatten
from keras.utils import np_utils

(x_train, y_train), (x_test, y_test) = mnist.load_data()
model = Sequential()
model.add(Flatten(input_shape=(28, 28)))
model.add(Dense(128, activation="relu"))
model.add(Dense(10, activation="softmax"))
model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
model.fit(x_train, np_utils.to_categorical(y_train), batch_size=128, epochs=3)

sparse = Sequential([Flatten(input_shape=(28, 28)), Dense(10, activation="softmax")])
sparse.compile(loss="sparse_categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
sparse.fit(x_train, y_train, validation_data=(x_test, y_test))
