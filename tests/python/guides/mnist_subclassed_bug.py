# The subclassed MNIST model of mnist_subclassed.py with one seeded bug: the second
# convolution lost its padding="same", so it shrinks its input. call() then joins two feature
# maps of different heights and widths:
#   coarse = edges(images):  28 - 3 + 1 = 26 -> (None, 26, 26, 16)
#   fine = detail(coarse):   26 - 3 + 1 = 24 -> (None, 24, 24, 16)
# tf.concat on the last axis needs every other axis equal; axis 1 has 26 and 24. TensorFlow's
# shape function for ConcatV2 fails when build() traces call(): "Dimension 1 in both shapes
# must be equal, but are 26 and 24". The error belongs on the tf.concat line inside call().
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers


class DigitNet(keras.Model):
    def __init__(self, classes=10, **kwargs):
        super().__init__(**kwargs)
        self.edges = layers.Conv2D(16, 3, activation="relu", name="edges")
        self.detail = layers.Conv2D(16, 3, activation="relu", name="detail")
        self.pool = layers.MaxPooling2D(2, name="pool")
        self.shapes = layers.Conv2D(32, 3, activation="relu", name="shapes")
        self.flatten = layers.Flatten(name="flatten")
        self.dropout = layers.Dropout(0.3)
        self.digits = layers.Dense(classes, activation="softmax", name="digits")

    def call(self, images, training=False):
        coarse = self.edges(images)
        fine = self.detail(coarse)
        x = tf.concat([coarse, fine], axis=-1)  # expect: error DS0005 col=13 "26" "24"
        x = self.pool(x)
        x = self.shapes(x)
        x = self.flatten(x)
        x = self.dropout(x, training=training)
        return self.digits(x)


model = DigitNet(name="digit_net")
model.build((None, 28, 28, 1))
model.summary()
