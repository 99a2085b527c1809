# Poolings that outrun the image: 28 -> pool 14 -> pool 7 -> pool 3 -> pool 1 -> a 2x2 pool of
# a 1x1 map (Keras: "Negative dimension size caused by subtracting 2 from 1").
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential()
model.add(layers.Conv2D(16, 3, padding="same", activation="relu", input_shape=(28, 28, 1)))
model.add(layers.MaxPooling2D(2))
model.add(layers.MaxPooling2D(2))
model.add(layers.MaxPooling2D(2))
model.add(layers.MaxPooling2D(2))
model.add(layers.MaxPooling2D(2))  # expect: error DS0001 col=11 "2" "1"
model.add(layers.Flatten())
model.add(layers.Dense(10))
model.predict(np.zeros((8, 28, 28, 1)))
