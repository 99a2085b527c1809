# The "TensorFlow 2 quickstart for experts" model, subclassed: its layers made in __init__, its
# call() chaining them, fed MNIST images with a channel axis added.
#
# Keras builds a subclassed model at its first call, here fit()'s first batch of 32 images
# (batch_size defaults to 32): (32, 28, 28, 1).
#   Conv2D(32, 3), "valid": 28 - 3 + 1 = 26 -> (32, 26, 26, 32), 3*3*1*32 + 32 = 320 params
#   Flatten -> 26*26*32 = 21632
#   Dense(128): 21632*128 + 128 = 2,769,024 params
#   Dense(10): 128*10 + 10 = 1,290 params -> output (32, 10)
# Total 320 + 2,769,024 + 1,290 = 2,770,634. The labels, (60000,) class ids under
# SparseCategoricalCrossentropy, fit the 10 logits. Keras names a subclassed model after its
# class in snake case: MyModel -> "my_model".
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train = x_train[..., tf.newaxis].astype("float32") / 255.0


class MyModel(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.conv1 = layers.Conv2D(32, 3, activation="relu")
        self.flatten = layers.Flatten()
        self.d1 = layers.Dense(128, activation="relu")
        self.d2 = layers.Dense(10)

    def call(self, x, training=False):
        x = self.conv1(x)
        x = self.flatten(x)
        x = self.d1(x)
        return self.d2(x)


model = MyModel()
model.compile(optimizer="adam",
              loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
              metrics=["accuracy"])
model.fit(x_train, y_train, epochs=5)
# expect: ok
# expect: results 1
# expect: verdict "ok model 'my_model'" "(32, 10)" "2,770,634"
