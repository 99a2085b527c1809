# Keras code in which no model is built: the file is reported as not checked (exit status 0),
# not as a file dimsum cannot read.
import tensorflow as tf


def normalize(images):
    return tf.cast(images, tf.float32) / 255.0
# expect: results 1
# expect: verdict "not checked" "no Keras model"
