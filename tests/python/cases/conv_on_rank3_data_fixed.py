# expect: ok
# The channel axis added three ways: x[..., None], np.expand_dims and reshape.
import numpy as np
import tensorflow as tf

model = tf.keras.Sequential([
    tf.keras.layers.Conv2D(32, 3, activation="relu"),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(10),
])
x = np.random.rand(16, 28, 28)
model(x[..., None])
model(np.expand_dims(x, axis=-1))
model(x.reshape((x.shape[0], 28, 28, 1)))
model(tf.reshape(x, [-1, 28, 28, 1]))
