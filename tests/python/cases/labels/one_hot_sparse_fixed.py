# expect: ok
# one_hot_sparse.py fixed: the loss for one-hot labels.
import numpy as np
import tensorflow as tf

(x_train, y_train), _ = tf.keras.datasets.fashion_mnist.load_data()
y_onehot = np.eye(10)[y_train]
model = tf.keras.Sequential([
    tf.keras.layers.Flatten(input_shape=(28, 28)),
    tf.keras.layers.Dense(10),
])
model.compile(optimizer="adam",
              loss=tf.keras.losses.CategoricalCrossentropy(from_logits=True),
              metrics=["accuracy"])
model.fit(x_train, y_onehot, epochs=10)
