# ImageDataGenerator.flow(x, y, batch_size) yields (x[batch], y[batch]) with x's own image shape
# (NumpyArrayIterator takes rank-4 arrays as they are). The labels are class ids, shape (n, 1)
# as keras.datasets.cifar10 gives them, fed to a model compiled with categorical_crossentropy.
import numpy as np
from tensorflow import keras

(x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
shifter = keras.preprocessing.image.ImageDataGenerator(width_shift_range=0.1)
shifter.fit(x_train)
model = keras.Sequential([
    keras.layers.Conv2D(16, 3, activation="relu", input_shape=(32, 32, 3)),
    keras.layers.GlobalAveragePooling2D(),
    keras.layers.Dense(10, activation="softmax"),  # expect: error DS0014 col=5 label=7
])
model.compile(optimizer="adam", loss="categorical_crossentropy")
model.fit(shifter.flow(x_train, y_train, batch_size=64), epochs=5)
