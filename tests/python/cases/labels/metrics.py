# Metrics read the labels too. sparse_categorical_accuracy on one-hot labels: tf.keras 2 squeezes
# the labels' last axis ("Can not squeeze dim[1], expected a dimension of 1, got 10"): an error.
# categorical_accuracy on class ids runs but compares the output's class with the argmax of one
# column, always 0: a warning. "accuracy" picks the right one from the shapes.
import numpy as np
from tensorflow import keras

x = np.random.rand(500, 16)
ids = np.random.randint(0, 10, size=(500, 1))
onehot = keras.utils.to_categorical(ids, 10)

wrong = keras.Sequential([keras.layers.Dense(10, activation="softmax", input_shape=(16,))])  # expect: error DS0017 col=27 "categorical_accuracy"
wrong.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["sparse_categorical_accuracy"])
wrong.fit(x, onehot)

quiet = keras.Sequential([keras.layers.Dense(10, activation="softmax", input_shape=(16,))])  # expect: warning DS0017 col=27 "sparse_categorical_accuracy"
quiet.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["categorical_accuracy"])
quiet.fit(x, ids)

right = keras.Sequential([keras.layers.Dense(10, activation="softmax", input_shape=(16,))])
right.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
right.fit(x, ids)
