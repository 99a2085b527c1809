# GRU -> GRU in the functional API, the first returning only its last state.
import tensorflow as tf

inp = tf.keras.Input(shape=(None, 12))
h = tf.keras.layers.GRU(32)(inp)
h = tf.keras.layers.GRU(16)(h)  # expect: error DS0002 col=5
out = tf.keras.layers.Dense(3)(h)
model = tf.keras.Model(inputs=inp, outputs=out)
