# expect: ok
# The usual MNIST CNN: 28 -> 26 -> 13 -> 11 -> 5, flattened to 5*5*64 = 1600 features.
import tensorflow as tf
from tensorflow.keras import layers, models

(x_train, y_train), (x_test, y_test) = tf.keras.datasets.mnist.load_data()
x_train = x_train[..., tf.newaxis] / 255.0
x_test = x_test[..., tf.newaxis] / 255.0

model = models.Sequential([
    layers.Conv2D(32, 3, activation="relu", input_shape=(28, 28, 1)),
    layers.MaxPooling2D(),
    layers.Conv2D(64, 3, activation="relu"),
    layers.MaxPooling2D(),
    layers.Flatten(),
    layers.Dense(10),
])
model.fit(x_train, y_train, epochs=1, validation_data=(x_test, y_test))
model.evaluate(x_test, y_test)
