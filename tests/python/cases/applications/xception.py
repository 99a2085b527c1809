# Xception as users build it: the total Keras publishes with the top (22,910,480), and its input
# rules (obtain_input_shape: 299x299x3 with the ImageNet top, at least 71 without it). At 71:
# block1_conv1 3x3/2 valid 35, block1_conv2 3x3 valid 33, then the "same" 3x3/2 pools of block2,
# 3, 4 and 13: 17, 9, 5, 3.
import tensorflow as tf

model = tf.keras.applications.Xception(weights="imagenet")
# expect: params 22910480 model=xception
# expect: shape "(None, 1000)" model=xception
top = tf.keras.applications.Xception(input_shape=(224, 224, 3))  # expect: error DS0008 col=7 "299"
small = tf.keras.applications.Xception(include_top=False, input_shape=(70, 70, 3))  # expect: error DS0008 col=9 "71"
