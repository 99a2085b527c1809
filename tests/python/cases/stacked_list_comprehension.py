# expect: ok
# Samples stacked from a list comprehension: np.stack of 8 arrays of (28, 28, 1) is
# (8, 28, 28, 1).
import numpy as np
import tensorflow as tf

samples = [np.zeros((28, 28, 1)) for _ in range(8)]
batch = np.stack(samples)
model = tf.keras.Sequential([
    tf.keras.layers.Conv2D(4, 3, input_shape=(28, 28, 1)),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(2),
])
model.predict(batch)
