# expect: ok
# Embedding(output_dim=...) is the keyword of every Keras generation (Keras 1's Dense(output_dim=)
# is not): this is tf.keras code, which feeds rank-1 data to an input of shape (None,) as it is
# (standalone Keras would make it (N, 1)). Embedding(10, 4) on (None,): (None, 4), 40 weights;
# Dense(1): 5.
import numpy as np
import tensorflow as tf

ids = tf.keras.layers.Input(shape=[], name="ids")
embedded = tf.keras.layers.Embedding(input_dim=10, output_dim=4)(ids)
outputs = tf.keras.layers.Dense(1)(embedded)
model = tf.keras.Model(ids, outputs)  # expect: params 45
model.compile(loss="mse", optimizer="sgd")
model.fit(np.random.randint(0, 10, size=100), np.random.rand(100, 1), epochs=1)
