# expect: ok
# label_out_of_range.py fixed: eleven classes, eleven units.
import numpy as np
from tensorflow import keras

x = np.random.rand(1000, 20)
y = np.random.randint(0, 11, size=(1000,))
model = keras.Sequential([
    keras.layers.Dense(32, activation="relu", input_shape=(20,)),
    keras.layers.Dense(11, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y, epochs=5)
