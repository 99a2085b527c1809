# The fixed twin of image_generator_flow.py: one-hot labels (to_categorical) with
# validation_split=0.1 and subset: flow keeps the last 90% for training (NumpyArrayIterator: the
# validation subset is the first int(n * split) samples), 45000 of 50000.
# expect: ok
import numpy as np
from tensorflow import keras

(x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
y_hot = keras.utils.to_categorical(y_train, 10)
shifter = keras.preprocessing.image.ImageDataGenerator(width_shift_range=0.1, validation_split=0.1)
model = keras.Sequential([
    keras.layers.Conv2D(16, 3, activation="relu", input_shape=(32, 32, 3)),
    keras.layers.GlobalAveragePooling2D(),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="categorical_crossentropy")
model.fit(shifter.flow(x_train, y_hot, batch_size=64, subset="training"),
          validation_data=shifter.flow(x_train, y_hot, batch_size=64, subset="validation"),
          epochs=5)
