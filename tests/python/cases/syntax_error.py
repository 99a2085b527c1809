# expect: exit 2 "syntax"
import tensorflow as tf

model = tf.keras.Sequential([
    tf.keras.layers.Dense(10,
    tf.keras.layers.Dense(1)
