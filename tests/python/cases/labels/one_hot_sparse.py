# One-hot labels under sparse_categorical_crossentropy, made with np.eye(k)[y]: tf.keras 2
# flattens the (None, 10) labels into 10 ids per sample, against one row of classes per sample
# ("logits and labels must have the same first dimension"); Keras 3 wants (None,) or (None, 1).
import numpy as np
import tensorflow as tf

(x_train, y_train), _ = tf.keras.datasets.fashion_mnist.load_data()
y_onehot = np.eye(10)[y_train]  # (60000, 10)
model = tf.keras.Sequential([
    tf.keras.layers.Flatten(input_shape=(28, 28)),
    tf.keras.layers.Dense(10),  # expect: error DS0014 col=5 "categorical_crossentropy" "argmax" label=8
])
model.compile(optimizer="adam",
              loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
              metrics=["accuracy"])
model.fit(x_train, y_onehot, epochs=10)
