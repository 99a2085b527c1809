# InceptionResNetV2 as users build it: the total Keras publishes with the top (55,873,736). Its
# residual blocks end in CustomScaleLayer (tf-keras' applications/inception_resnet_v2.py); the
# grid at 299: stem 35 (mixed_5b), mixed_6a's 3x3/2 valid 17, mixed_7a's 8.
import tensorflow as tf

model = tf.keras.applications.InceptionResNetV2()
# expect: params 55873736 model=inception_resnet_v2
# expect: shape "(None, 1000)" model=inception_resnet_v2
# expect: shape "(None, 35, 35, 320)" layer=mixed_5b model=inception_resnet_v2
# expect: shape "(None, 8, 8, 1536)" layer=conv_7b_ac model=inception_resnet_v2
small = tf.keras.applications.InceptionResNetV2(include_top=False, input_shape=(60, 60, 3))  # expect: error DS0008 col=9 "75"
