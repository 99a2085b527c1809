# Found by fuzzing: bytes that are no UTF-8 in a loss name and a layer name broke --format json.
import numpy as np
from tensorflow import keras

x = np.random.rand(100, 20)
y = np.random.randint(0, 11, size=(100,))
model = keras.Sequential([keras.layers.Dense(11, input_shape=(20,), name="out°ú")])
model.compile(optimizer="adam", loss="sparse_categorical°úçêssentropy")
model.fit(x, y)
