# Help never suggests a reshape the data cannot take. Flattened MNIST rows (784 values each) for an
# input of (28, 28, 1): 784 = 28 * 28 * 1, so x.reshape(-1, 28, 28, 1) fits (the batch axis left
# to NumPy). Images of 32x32x3 (3,072 values) for the same input cannot be reshaped to it.
import numpy as np
import tensorflow as tf

model = tf.keras.Sequential([
    tf.keras.Input(shape=(28, 28, 1)),  # expect: error DS0007 col=5 "x.reshape(-1, 28, 28, 1)" label=14
    tf.keras.layers.Conv2D(8, 3),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(10),
])
rows = np.zeros((600, 784))
model.predict(rows)
