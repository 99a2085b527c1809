# expect: ok
# A Sequential built by its first data, (N, 1), is then a model with that input: Keras adds the
# trailing axis of size 1 to rank-1 data fed to it later (tf-keras
# Functional._conform_to_reference_input, Keras 3 Functional._adjust_input_rank).
import numpy as np
import tensorflow as tf

X = np.array([-7.0, -4.0, -1.0, 2.0, 5.0, 8.0])
y = np.array([3.0, 6.0, 9.0, 12.0, 15.0, 18.0])
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(loss="mae", optimizer="sgd")
model.fit(tf.expand_dims(X, axis=-1), y, epochs=5)
model.predict([17.0])
# np.arange of a float counts ceil(stop / step) values: 10 (NumPy).
model.predict(np.arange(10.0))
