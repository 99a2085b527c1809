# The fixed twin of tf_data_dict_features.py: the 'stats' input takes the 6 columns the dataset
# holds. Dataset.zip((features, answers)) gives (dict, label) elements; batch(30) batches of 30.
# expect: ok
import numpy as np
import tensorflow as tf

photos = np.zeros((300, 24, 24, 3), "float32")
stats = np.zeros((300, 6), "float32")
sold = np.zeros((300, 1), "float32")
features = tf.data.Dataset.from_tensor_slices({"photo": photos, "stats": stats})
answers = tf.data.Dataset.from_tensor_slices(sold)

photo_in = tf.keras.Input(shape=(24, 24, 3), name="photo")
stats_in = tf.keras.Input(shape=(6,), name="stats")
flat = tf.keras.layers.Flatten()(photo_in)
joined = tf.keras.layers.Concatenate()([flat, stats_in])
score = tf.keras.layers.Dense(1, activation="sigmoid")(joined)
model = tf.keras.Model(inputs=[photo_in, stats_in], outputs=score)
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(tf.data.Dataset.zip((features, answers)).batch(30), epochs=1)
# 300 samples in batches of 30: every batch, and so the output, is (30, 1).
# expect: shape "(30, 1)"
