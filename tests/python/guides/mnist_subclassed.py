# Guide pattern: a keras.Model subclass for MNIST digits. Its layers are attributes made in
# __init__, call() chains them (with a tf.concat joining two feature maps), and build() with
# the input shape makes Keras trace call() on a symbolic tensor, so summary() has shapes and
# counts.
#
# Worked out by hand (Keras: Conv2D "valid" gives n - k + 1, "same" keeps n; a Conv2D has
# k*k*in*filters + filters params; Dense has in*units + units):
#   input                                       (None, 28, 28, 1)
#   edges  Conv2D(16, 3) valid: 28 - 3 + 1 = 26 (None, 26, 26, 16)  3*3*1*16 + 16 = 160
#   detail Conv2D(16, 3, "same")                (None, 26, 26, 16)  3*3*16*16 + 16 = 2,320
#   tf.concat on the last axis: 16 + 16 = 32    (None, 26, 26, 32)
#   pool   MaxPooling2D(2): floor(26 / 2) = 13  (None, 13, 13, 32)
#   shapes Conv2D(32, 3) valid: 13 - 3 + 1 = 11 (None, 11, 11, 32)  3*3*32*32 + 32 = 9,248
#   flatten: 11*11*32 = 3,872                   (None, 3872)
#   dropout                                     (None, 3872)
#   digits Dense(10): 3872*10 + 10 = 38,730     (None, 10)
# Total 160 + 2,320 + 9,248 + 38,730 = 50,458.
# Checked with TensorFlow.js 4.22 (the same layers as a functional model, tf.concatenate for
# tf.concat): countParams() = 50458, output [null, 10].
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers


class DigitNet(keras.Model):
    def __init__(self, classes=10, **kwargs):
        super().__init__(**kwargs)
        self.edges = layers.Conv2D(16, 3, activation="relu", name="edges")
        self.detail = layers.Conv2D(16, 3, padding="same", activation="relu", name="detail")
        self.pool = layers.MaxPooling2D(2, name="pool")
        self.shapes = layers.Conv2D(32, 3, activation="relu", name="shapes")
        self.flatten = layers.Flatten(name="flatten")
        self.dropout = layers.Dropout(0.3)
        self.digits = layers.Dense(classes, activation="softmax", name="digits")

    def call(self, images, training=False):
        coarse = self.edges(images)
        fine = self.detail(coarse)
        x = tf.concat([coarse, fine], axis=-1)
        x = self.pool(x)
        x = self.shapes(x)
        x = self.flatten(x)
        x = self.dropout(x, training=training)
        return self.digits(x)


model = DigitNet(name="digit_net")
model.build((None, 28, 28, 1))
model.summary()
# expect: ok
# expect: results 1
# expect: params 50458
# expect: shape "(None, 10)"
# expect: shape "(None, 26, 26, 16)" layer=detail
# expect: shape "(None, 11, 11, 32)" layer=shapes
# expect: params 9248 layer=shapes
# expect: shape "(None, 3872)" layer=flatten
# expect: params 38730 layer=digits
