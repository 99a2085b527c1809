# expect: ok
import numpy as np
import tensorflow as tf

images = np.zeros((1000, 28, 28, 1), dtype="float32")
labels = np.zeros((1000,), dtype="int64")
dataset = tf.data.Dataset.from_tensor_slices((images, labels)).shuffle(1000).batch(64).prefetch(1)

model = tf.keras.Sequential([
    tf.keras.layers.Conv2D(16, 3, activation="relu", input_shape=(28, 28, 1)),
    tf.keras.layers.GlobalAveragePooling2D(),
    tf.keras.layers.Dense(10),
])
model.fit(dataset, epochs=2)
