# A Sequential without an input shape is built by its first call: the Dense gets a kernel for
# 26 * 26 * 8 = 5408 features. Fed 32x32 images next, Flatten gives 30 * 30 * 8 = 7200 features,
# which that kernel does not take (Keras: "expected axis -1 of input shape to have value 5408").
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    layers.Conv2D(8, 3, activation="relu"),
    layers.Flatten(),
    layers.Dense(10),  # expect: error DS0011 col=5 "5408" "7200" label=13
])
model(np.zeros((2, 28, 28, 1)))
model(np.zeros((2, 32, 32, 1)))
