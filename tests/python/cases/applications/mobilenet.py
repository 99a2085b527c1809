# MobileNet as users build it: the total Keras publishes with the top (4,253,864), its model
# name mobilenet_{alpha:0.2f}_{rows}, and the rules of applications/mobilenet.py: with ImageNet
# weights depth_multiplier is 1 and alpha one of 0.25, 0.5, 0.75, 1.0.
import tensorflow as tf

model = tf.keras.applications.MobileNet()
# expect: params 4253864 model=mobilenet_1.00_224
# expect: shape "(None, 1000)" model=mobilenet_1.00_224
# expect: shape "(None, 1, 1, 1000)" layer=conv_preds model=mobilenet_1.00_224
deep = tf.keras.applications.MobileNet(depth_multiplier=2, include_top=False)  # expect: error DS0008 col=8 "depth_multiplier"
thin = tf.keras.applications.MobileNet(alpha=0.3, include_top=False)  # expect: error DS0008 col=8 "alpha"
# With the top and ImageNet weights the input is the size of the weights: 224, or the input's own
# size when square and one of 128, 160, 192, 224. The count does not change with the size (the
# top starts from a global average).
sized = tf.keras.applications.MobileNet(input_shape=(160, 160, 3))
# expect: params 4253864 model=mobilenet_1.00_160
odd = tf.keras.applications.MobileNet(input_shape=(100, 100, 3))  # expect: error DS0008 col=7 "224"
