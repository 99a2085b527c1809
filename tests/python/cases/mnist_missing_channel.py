# Standalone Keras (keras.utils.np_utils is its module: docs/semantics.md, "Keras generations")
# checks the data's rank strictly: MNIST images are (60000, 28, 28), and without a channel axis
# they do not fit input_shape=(28, 28, 1) ("expected conv2d_1_input to have 4 dimensions, but got
# array with shape (60000, 28, 28)"; standardize_input_data expands only rank-1 arrays). The
# model's input belongs to its first layer; the data's lines are labelled.
import keras
from keras.utils import np_utils

mnist = keras.datasets.mnist
(x_train, y_train), (x_test, y_test) = mnist.load_data()
x_train, x_test = x_train / 255.0, x_test / 255.0

model = keras.models.Sequential([
    keras.layers.Conv2D(32, (3, 3), activation="relu", input_shape=(28, 28, 1)),  # expect: error DS0007 col=5 label=21
    keras.layers.MaxPooling2D(2, 2),
    keras.layers.Flatten(),
    keras.layers.Dense(128, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="categorical_crossentropy")
model.fit(x_train, np_utils.to_categorical(y_train, 10), epochs=5)
