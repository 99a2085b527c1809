# Dataset elements (features, label) whose features are a dict: Keras feeds each key to the
# model input of that name (Functional models take dict inputs by name), and the second item of
# the tuple is the label (keras data_adapter_utils.unpack_x_y_sample_weight: (x, y)). A third
# item is the sample weight. Here the dict's 'stats' column is 6 wide but the input takes 5.
import numpy as np
import tensorflow as tf

photos = np.zeros((300, 24, 24, 3), "float32")
stats = np.zeros((300, 6), "float32")
sold = np.zeros((300, 1), "float32")
features = tf.data.Dataset.from_tensor_slices({"photo": photos, "stats": stats})
answers = tf.data.Dataset.from_tensor_slices(sold)
weights = tf.data.Dataset.from_tensor_slices(np.ones(300, "float32"))

photo_in = tf.keras.Input(shape=(24, 24, 3), name="photo")
stats_in = tf.keras.Input(shape=(5,), name="stats")  # expect: error DS0007 col=12 "(None, 5)"
flat = tf.keras.layers.Flatten()(photo_in)
joined = tf.keras.layers.Concatenate()([flat, stats_in])
score = tf.keras.layers.Dense(1, activation="sigmoid")(joined)
model = tf.keras.Model(inputs=[photo_in, stats_in], outputs=score)
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(tf.data.Dataset.zip((features, answers, weights)).batch(30), epochs=1)
