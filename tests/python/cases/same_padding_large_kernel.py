# expect: ok
# With padding="same" a kernel larger than the input is allowed: the output keeps its 5x5 size.
import tensorflow as tf

model = tf.keras.Sequential([
    tf.keras.layers.Conv2D(4, 7, padding="same", input_shape=(5, 5, 2)),
    tf.keras.layers.MaxPooling2D(pool_size=3, padding="same"),
    tf.keras.layers.Flatten(),
])
model(tf.ones((2, 5, 5, 2)))
