# A Sequential without an input shape takes it from the data: (16, 28, 28) has no channel axis,
# and Conv2D needs rank 4 (Keras: "expected min_ndim=4, found ndim=3").
import numpy as np
import tensorflow as tf

model = tf.keras.Sequential([
    tf.keras.layers.Conv2D(32, 3, activation="relu"),  # expect: error DS0002 col=5 label=11
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(10),
])
x = np.random.rand(16, 28, 28)
predictions = model(x)
