# expect: ok
# Sizes read at run time are never errors: the layers they configure become unknown, with a note.
import sys
import tensorflow as tf

filters = int(sys.argv[1])
kernel = int(sys.argv[2])
model = tf.keras.Sequential([
    tf.keras.layers.Conv2D(filters, kernel, input_shape=(28, 28, 1)),  # expect: note DS0103 col=5
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(10),
])
model.predict(tf.zeros((4, 28, 28, 1)))
