# The input-size rules of imagenet_utils.obtain_input_shape that ResNet applies: at least 32x32
# (min_size=32), and with the top and ImageNet weights exactly 224x224x3.
import tensorflow as tf

small = tf.keras.applications.ResNet50(include_top=False, input_shape=(31, 32, 3))  # expect: error DS0008 col=9 "32"
smallest = tf.keras.applications.ResNet50V2(include_top=False, input_shape=(32, 32, 3))
# expect: shape "(None, 1, 1, 2048)" model=resnet50v2
top = tf.keras.applications.ResNet101(input_shape=(160, 160, 3))  # expect: error DS0008 col=7 "224"
