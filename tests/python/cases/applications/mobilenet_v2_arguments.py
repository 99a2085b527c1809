# MobileNetV2's argument rules (applications/mobilenet_v2.py): with ImageNet weights alpha is one
# of 0.35, 0.5, 0.75, 1.0, 1.3, 1.4; the input is at least 32x32 (obtain_input_shape's
# min_size=32); any alpha builds without the weights. alpha=0.5 halves every block's filters,
# rounded to a multiple of 8 (_make_divisible): the last block's 320 * 0.5 = 160; the last
# convolution keeps 1280 (only alpha > 1 widens it).
import tensorflow as tf

wrong_alpha = tf.keras.applications.MobileNetV2(alpha=0.6, include_top=False)  # expect: error DS0008 col=15 "alpha"
small = tf.keras.applications.MobileNetV2((31, 31, 3), include_top=False)  # expect: error DS0008 col=9 "32"
half = tf.keras.applications.MobileNetV2((96, 96, 3), 0.5, include_top=False, weights=None)
# expect: shape "(None, 3, 3, 1280)" model=mobilenetv2_0.50_96
# expect: shape "(None, 3, 3, 160)" layer=block_16_project_BN model=mobilenetv2_0.50_96
smallest = tf.keras.applications.MobileNetV2(input_shape=(32, 32, 3), alpha=0.6, include_top=False, weights=None)
# expect: shape "(None, 1, 1, 1280)" model=mobilenetv2_0.60_32
# With the top and ImageNet weights: the size of the weights, 96 to 224 (square), else 224. The
# count does not change with the size (3,538,984, published at 224).
sized = tf.keras.applications.MobileNetV2(input_shape=(96, 96, 3))
# expect: params 3538984 model=mobilenetv2_1.00_96
odd = tf.keras.applications.MobileNetV2(input_shape=(96, 128, 3))  # expect: error DS0008 col=7 "224"
