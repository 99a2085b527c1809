# expect: ok
# InceptionV3 as users build it: the total Keras publishes with the top (23,851,784); without it,
# that less the Dense(1000) on 2048 features (2,049,000): 21,802,784. At its smallest input, 75
# (obtain_input_shape's min_size=75): 3x3/2 valid 37, 3x3 valid 35, 3x3 same 35, max pool 3x3/2
# 17, 1x1 17, 3x3 valid 15, max pool 7 (mixed0..2 keep it), mixed3's 3x3/2 valid 3, mixed8's 1.
import tensorflow as tf

full = tf.keras.applications.InceptionV3()
# expect: params 23851784 model=inception_v3
# expect: shape "(None, 8, 8, 2048)" layer=mixed10 model=inception_v3
