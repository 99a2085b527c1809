# One 0/1 label per sample for a two-unit softmax under binary_crossentropy: tf.keras 2 expands
# the (N,) labels to (None, 1) and broadcasts them across both units, silently; Keras 3 raises
# (binary_crossentropy wants equal shapes); standalone Keras refuses the targets.
import numpy as np
from tensorflow import keras

x = np.random.rand(300, 30)
y = np.random.randint(0, 2, size=(300,))
model = keras.Sequential()
model.add(keras.layers.Dense(16, activation="relu", input_shape=(30,)))
model.add(keras.layers.Dense(2, activation="softmax"))  # expect: error DS0014 col=11 "sigmoid" "sparse_categorical_crossentropy"
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(x, y, epochs=10, validation_split=0.2)
