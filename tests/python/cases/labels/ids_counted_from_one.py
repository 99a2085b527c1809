# Class ids counted from 1: MNIST's digits shifted to 1..10 for a Dense(10) output under
# sparse_categorical_crossentropy, whose classes are 0..9. tf.keras 2 raises "Received a label
# value of 10 which is outside the valid range of [0, 10)" on the CPU (NaN losses on a GPU).
from tensorflow import keras

(x_train, y_train), _ = keras.datasets.mnist.load_data()
y_train = y_train + 1
model = keras.Sequential([
    keras.layers.Flatten(input_shape=(28, 28)),
    keras.layers.Dense(10, activation="softmax"),  # expect: error DS0016 col=5 "y - 1" label=7
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=5)
