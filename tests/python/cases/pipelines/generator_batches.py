# A Python generator given to fit: Keras takes every value it yields as one batch, split as
# (x, y). This one yields single images (64, 64, 3), with no batch axis, to a model that takes
# batches (None, 64, 64, 3); the generator below it yields proper batches and is fine.
import numpy as np
from tensorflow import keras


def single_images():
    while True:
        yield np.random.rand(64, 64, 3), 1


def image_batches(size):
    while True:
        yield np.random.rand(size, 64, 64, 3), np.random.randint(0, 2, size=(size, 1))


model = keras.Sequential([
    keras.layers.Conv2D(8, 3, input_shape=(64, 64, 3)),  # expect: error DS0007 col=5 "(64, 64, 3)" label=10
    keras.layers.GlobalAveragePooling2D(),
    keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(image_batches(16), steps_per_epoch=20, epochs=2)
model.fit(single_images(), steps_per_epoch=20, epochs=2)
