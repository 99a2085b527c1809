# A subclassed model whose Conv2D kernel (32x32) is larger than the 28x28 images it is given by
# model(x): with "valid" padding the output size is 28 - 32 + 1 = -3, and TensorFlow fails with
# "Negative dimension size". The error is reported where call() calls the layer, with the
# place __init__ makes it.
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers


class Net(keras.Model):
    def __init__(self):
        super().__init__()
        self.conv = layers.Conv2D(8, 32)
        self.flatten = layers.Flatten()
        self.out = layers.Dense(10, activation="softmax")

    def call(self, inputs):
        return self.out(self.flatten(self.conv(inputs)))  # expect: error DS0001 col=38 label=13


net = Net()
images = np.zeros((16, 28, 28, 1), dtype="float32")
predictions = net(images)
