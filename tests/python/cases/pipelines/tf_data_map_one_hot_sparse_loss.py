# The twin of tf_data_map_one_hot.py: the pipeline's lambda one-hot encodes the labels
# (tf.one_hot(label, 4): (4,) per element), but the model is compiled with
# sparse_categorical_crossentropy, which takes one class id per sample; Keras raises on the
# labels (8, 4) against the output (8, 4).
import numpy as np
import tensorflow as tf

pictures = np.random.rand(200, 16, 16).astype("float32")
ids = np.random.randint(0, 4, size=(200,))
pairs = tf.data.Dataset.from_tensor_slices((pictures, ids))
pairs = pairs.map(lambda p, l: (tf.expand_dims(p, -1), tf.one_hot(l, 4))).shuffle(50).batch(8)
net = tf.keras.Sequential([
    tf.keras.layers.Conv2D(4, 3, activation="relu", input_shape=(16, 16, 1)),
    tf.keras.layers.GlobalMaxPooling2D(),
    tf.keras.layers.Dense(4, activation="softmax"),  # expect: error DS0014 col=5 "one-hot" label=11
])
net.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")
net.fit(pairs, epochs=2)
