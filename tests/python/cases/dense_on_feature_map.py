# expect: ok
# Dense without Flatten is no shape error: Keras applies it to the last axis, (None, 26, 26, 10).
import tensorflow as tf

model = tf.keras.Sequential([
    tf.keras.layers.Conv2D(32, 3, input_shape=(28, 28, 1)),
    tf.keras.layers.Dense(10),
])
model.predict(tf.random.uniform((5, 28, 28, 1)))
