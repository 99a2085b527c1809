# Class ids under categorical_crossentropy: MNIST's labels are (60000,) integers. tf.keras 2
# expands them to (None, 1) (compile_utils.match_dtype_and_rank) and the loss raises "Shapes
# (None, 1) and (None, 10) are incompatible"; standalone Keras raises "Error when checking
# target: expected dense_1 to have shape (10,) but got array with shape (1,)".
from keras.datasets import mnist
from keras.models import Sequential
from keras.layers import Dense, Flatten

(x_train, y_train), (x_test, y_test) = mnist.load_data()
model = Sequential()
model.add(Flatten(input_shape=(28, 28)))
model.add(Dense(128, activation="relu"))
model.add(Dense(10, activation="softmax"))  # expect: error DS0014 col=11 "to_categorical(y, 10)" "sparse_categorical_crossentropy" label=9
model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
model.fit(x_train, y_train, batch_size=128, epochs=3)
