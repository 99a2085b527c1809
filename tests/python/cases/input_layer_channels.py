# RGB data, (10, 28, 28, 3), for an InputLayer declared with one channel.
import tensorflow as tf

model = tf.keras.Sequential([
    tf.keras.layers.InputLayer(input_shape=(28, 28, 1)),  # expect: error DS0007 col=5 label=11
    tf.keras.layers.Conv2D(8, 3),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(4),
])
rgb = tf.zeros((10, 28, 28, 3))
model(rgb)
