# The fixed twin of sequence_batches.py: the model takes the flattened (784,) rows the
# Sequence's __getitem__ returns, in batches of 50.
# expect: ok
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
    keras.Input(shape=(784,)),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(FlatBatches(x_train, y_train, batch_size=50), epochs=1)
# expect: shape "(50, 10)"
