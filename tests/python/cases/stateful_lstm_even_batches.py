# expect: ok
# 96 samples in batches of 32: every batch has the model's fixed batch size.
import numpy as np
import tensorflow as tf

model = tf.keras.Sequential([
    tf.keras.layers.LSTM(16, stateful=True, batch_input_shape=(32, 10, 8)),
    tf.keras.layers.Dense(1),
])
model.fit(np.random.rand(96, 10, 8), np.random.rand(96, 1), batch_size=32, epochs=3)
