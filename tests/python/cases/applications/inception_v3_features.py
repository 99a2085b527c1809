# InceptionV3 without its top (see inception_v3.py for the sizes at 75x75).
import tensorflow as tf

small = tf.keras.applications.InceptionV3(include_top=False, input_shape=(74, 75, 3))  # expect: error DS0008 col=9 "75"
base = tf.keras.applications.InceptionV3(include_top=False, input_shape=(75, 75, 3), pooling="max")
# expect: params 21802784 model=inception_v3
# expect: shape "(None, 2048)" model=inception_v3
# expect: shape "(None, 1, 1, 2048)" layer=mixed10 model=inception_v3
# expect: shape "(None, 3, 3, 768)" layer=mixed7 model=inception_v3
