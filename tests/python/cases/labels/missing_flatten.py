# The most common Keras mistake: a Dense on a 4-D feature map without Flatten. The model builds
# (Dense applies to the last axis: (None, 13, 13, 10)), and only training fails, on the labels:
# tf.keras 2's categorical_crossentropy asserts the labels' shape is compatible with the output's
# ("Shapes (None, 10) and (None, 13, 13, 10) are incompatible"); Keras 3 demands equal shapes.
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

(x_train, y_train), _ = keras.datasets.mnist.load_data()
x_train = x_train.reshape(-1, 28, 28, 1) / 255.0
y_train = keras.utils.to_categorical(y_train, 10)  # (60000, 10)

model = keras.Sequential([
    layers.Conv2D(32, 3, activation="relu", input_shape=(28, 28, 1)),
    layers.MaxPooling2D(2),
    layers.Dense(10, activation="softmax"),  # expect: error DS0014 col=5 "Flatten" label=11
])
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=5, batch_size=64)
