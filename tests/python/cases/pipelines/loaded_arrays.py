# Arrays loaded from files have shapes dimsum cannot know; a reshape with known sizes tells them
# (numpy.reshape: the sizes given, -1 inferred). Here the loaded images are reshaped to 32x32 RGB
# for a model built for 28x28 gray images; the labels from the text file stay unknown.
import numpy as np
from tensorflow import keras

pixels = np.load("pixels.npy")
images = pixels.reshape(-1, 32, 32, 3) / 255.0
labels = np.loadtxt("labels.txt")
model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),  # expect: error DS0007 col=5 "(None, 32, 32, 3)" label=8
    keras.layers.Conv2D(8, 3),
    keras.layers.Flatten(),
    keras.layers.Dense(10),
])
model.compile(optimizer="adam", loss="mse")
model.fit(images, labels, epochs=1)
model.fit(np.load("other.npy"), labels, epochs=1)
