# The dict-input model of dict_inputs.py with one seeded bug: the features are joined along
# axis 0, the batch axis, instead of the last. Concatenate needs every axis but the joined one
# equal, and axis 1 has 8, 8 and 1: Concatenate.build (tf.keras 2 and Keras 3 alike drop the
# joined axis from each shape and compare the rest) raises "A `Concatenate` layer requires
# inputs with matching shapes except for the concatenation axis. Received: input_shape=
# [(None, 8), (None, 8), (None, 1)]" as the functional model is built, before any data is fed.
# This model has no Layer subclass, so the error belongs on the concatenate line itself.
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

title = keras.Input(shape=(12,), name="title", dtype="int32")
tags = keras.Input(shape=(30,), name="tags")
price = keras.Input(shape=(1,), name="price")

title_vec = layers.Embedding(1000, 8, name="title_words")(title)
title_vec = layers.GlobalAveragePooling1D()(title_vec)
tag_vec = layers.Dense(8, activation="relu", name="tag_features")(tags)
x = layers.concatenate([title_vec, tag_vec, price],  # expect: error DS0005 col=5 "8" "1"
                       axis=0, name="joined")
x = layers.Dense(16, activation="relu", name="hidden")(x)
score = layers.Dense(1, activation="sigmoid", name="score")(x)
model = keras.Model(inputs={"title": title, "tags": tags, "price": price}, outputs=score,
                    name="listing_scorer")
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])

samples = 512
features = {
    "title": np.random.randint(0, 1000, size=(samples, 12)),
    "tags": np.random.randint(0, 2, size=(samples, 30)).astype("float32"),
    "price": np.random.rand(samples, 1).astype("float32"),
}
clicked = np.random.randint(0, 2, size=(samples, 1))
model.fit(features, clicked, epochs=3)
