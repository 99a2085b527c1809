# A tf.data pipeline of (x, y) pairs carries the labels: here class ids (N,) into a model compiled
# with categorical_crossentropy (tf.keras 2: "Shapes (None, 1) and (None, 5) are incompatible").
# The validation pipeline is one-hot and fits.
import numpy as np
import tensorflow as tf

x = np.random.rand(640, 8).astype("float32")
y = np.random.randint(0, 5, size=(640,))
train = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(640).batch(32)
valid = tf.data.Dataset.from_tensor_slices((x, tf.keras.utils.to_categorical(y, 5))).batch(32)
model = tf.keras.Sequential([
    tf.keras.layers.Dense(16, activation="relu", input_shape=(8,)),
    tf.keras.layers.Dense(5, activation="softmax"),  # expect: error DS0014 col=5 "to_categorical(y, 5)" label=8
])
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(train, epochs=3)
model.fit(valid, epochs=3)
