# Guide pattern: a functional model with several named inputs, one keras.Input per key, their
# features joined with concatenate, trained by fit on a dict of NumPy arrays keyed by the
# inputs' names (Keras matches the dict's keys to the names of the inputs).
#
# A product-listing scorer: a title of 12 token ids, 30 multi-hot tags and a price.
# Worked out by hand (Embedding: vocab*width params; Dense: in*units + units):
#   title Input (12,) -> title_words Embedding(1000, 8): 1000*8 = 8,000   (None, 12, 8)
#     GlobalAveragePooling1D averages the 12 positions                   (None, 8)
#   tags Input (30,) -> tag_features Dense(8): 30*8 + 8 = 248            (None, 8)
#   price Input (1,)                                                     (None, 1)
#   joined concatenate on the last axis: 8 + 8 + 1 = 17                  (None, 17)
#   hidden Dense(16): 17*16 + 16 = 288                                   (None, 16)
#   score Dense(1): 16*1 + 1 = 17                                        (None, 1)
# Total 8,000 + 248 + 288 + 17 = 8,553.
# fit feeds 512 samples in batches of 32 (its default batch_size): every batch is full
# (512 = 16*32), so each call sees (32, 12), (32, 30) and (32, 1), and gives (32, 1). The
# labels (512, 1) of 0 and 1 fit one sigmoid unit under binary_crossentropy.
# Checked with TensorFlow.js 4.22 (the same functional model): countParams() = 8553.
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

title = keras.Input(shape=(12,), name="title", dtype="int32")
tags = keras.Input(shape=(30,), name="tags")
price = keras.Input(shape=(1,), name="price")

title_vec = layers.Embedding(1000, 8, name="title_words")(title)
title_vec = layers.GlobalAveragePooling1D()(title_vec)
tag_vec = layers.Dense(8, activation="relu", name="tag_features")(tags)
x = layers.concatenate([title_vec, tag_vec, price], name="joined")
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
# expect: ok
# expect: results 1
# expect: params 8553
# expect: shape "(32, 1)"
# expect: shape "(32, 17)" layer=joined
# expect: params 8000 layer=title_words
# expect: params 288 layer=hidden
