# A keras.utils.Sequence subclass: Keras calls __getitem__(i) for batch i and splits what it
# returns as (x, y). Its batches are the flattened images, (32, 784), for a model that takes
# 28x28 images.
import numpy as np
from tensorflow import keras


class FlatBatches(keras.utils.Sequence):
    def __init__(self, images, labels, batch_size=32):
        super().__init__()
        self.images = images
        self.labels = labels
        self.batch_size = batch_size

    def __len__(self):
        return len(self.images) // self.batch_size

    def __getitem__(self, index):
        start = index * self.batch_size
        chunk = self.images[start:start + self.batch_size]
        return chunk.reshape(len(chunk), -1), self.labels[start:start + self.batch_size]


(x_train, y_train), _ = keras.datasets.mnist.load_data()
model = keras.Sequential([
    keras.Input(shape=(28, 28)),  # expect: error DS0007 col=5 "(32, 784)" label=21
    keras.layers.Flatten(),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(FlatBatches(x_train, y_train), epochs=1)
