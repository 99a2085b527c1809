# Class ids 0..10 for 10 classes under sparse_categorical_crossentropy: tf.keras 2 raises
# "Received a label value of 10 which is outside the valid range of [0, 10)" (on the CPU).
import numpy as np
from tensorflow import keras

x = np.random.rand(1000, 20)
y = np.random.randint(0, 11, size=(1000,))
model = keras.Sequential([
    keras.layers.Dense(32, activation="relu", input_shape=(20,)),
    keras.layers.Dense(10, activation="softmax"),  # expect: error DS0016 col=5 "Dense" "11" label=7
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y, epochs=5)
