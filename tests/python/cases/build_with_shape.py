# model.build() with the shape of grayscale images without the channel axis.
import tensorflow as tf

model = tf.keras.Sequential()
model.add(tf.keras.layers.Conv2D(32, 3))  # expect: error DS0002 col=11
model.add(tf.keras.layers.Flatten())
model.build((None, 28, 28))
