# A tf.data pipeline without .batch(): Keras takes each (28, 28, 1) image as a batch, a rank-3
# input for a model declared (None, 28, 28, 1).
import numpy as np
import tensorflow as tf

images = np.zeros((1000, 28, 28, 1), dtype="float32")
labels = np.zeros((1000,), dtype="int64")
dataset = tf.data.Dataset.from_tensor_slices((images, labels)).shuffle(1000)

model = tf.keras.Sequential([
    tf.keras.layers.Conv2D(16, 3, activation="relu", input_shape=(28, 28, 1)),  # expect: error DS0007 col=5
    tf.keras.layers.GlobalAveragePooling2D(),
    tf.keras.layers.Dense(10),
])
model.fit(dataset, epochs=2)
