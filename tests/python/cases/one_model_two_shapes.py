# One model called with data of two shapes: 32x32 images fit the 5x5 kernel, 4x4 images do not.
# Each call is checked on its own.
import numpy as np
import tensorflow as tf

model = tf.keras.Sequential([
    tf.keras.layers.Conv2D(8, 5),  # expect: error DS0001 col=5 "5" "4"
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(2),
])
big = np.zeros((4, 32, 32, 3))
small = np.zeros((4, 4, 4, 3))
model(big)
model(small)
# expect: results 2
