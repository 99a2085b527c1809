# A tf.data pipeline whose map() turns class ids into one-hot rows (tf.one_hot(ids, 4) gives
# shape (4,) per element) and adds a channel axis (tf.expand_dims(img, -1): (16, 16, 1)); batch(8)
# gives batches (8, 16, 16, 1) and (8, 4) (tf.data.Dataset.batch: the last batch may be smaller).
# Fed to a model compiled with categorical_crossentropy, which takes one-hot labels: it fits.
# expect: ok
import numpy as np
import tensorflow as tf

pictures = np.random.rand(200, 16, 16).astype("float32")
ids = np.random.randint(0, 4, size=(200,))


def to_training_pair(picture, label):
    return tf.expand_dims(picture, -1), tf.one_hot(label, 4)


pairs = tf.data.Dataset.from_tensor_slices((pictures, ids)).map(to_training_pair).batch(8)
net = tf.keras.Sequential([
    tf.keras.layers.Conv2D(4, 3, activation="relu", input_shape=(16, 16, 1)),
    tf.keras.layers.GlobalMaxPooling2D(),
    tf.keras.layers.Dense(4, activation="softmax"),
])
net.compile(optimizer="sgd", loss="categorical_crossentropy")
net.fit(pairs, epochs=2)
