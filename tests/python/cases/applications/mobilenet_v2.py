# expect: ok
# MobileNetV2 as users build it. The total with the ImageNet top is the one Keras publishes
# (keras.io/api/applications: 3,538,984). Without the top at 160x160 (a size its ImageNet weights
# come in), the total is that less the Dense(1000) on 1280 features (1280 * 1000 + 1000 =
# 1,281,000): 2,257,984; the output is 160 / 32 = 5 on a side. Keras names the model
# mobilenetv2_{alpha:0.2f}_{rows} (applications/mobilenet_v2.py).
import tensorflow as tf

full = tf.keras.applications.MobileNetV2(weights="imagenet")
# expect: params 3538984 model=mobilenetv2_1.00_224
# expect: shape "(None, 1000)" model=mobilenetv2_1.00_224
base = tf.keras.applications.MobileNetV2(input_shape=(160, 160, 3), include_top=False)
# expect: params 2257984 model=mobilenetv2_1.00_160
# expect: shape "(None, 5, 5, 1280)" model=mobilenetv2_1.00_160
# expect: shape "(None, 80, 80, 96)" layer=block_1_expand_relu model=mobilenetv2_1.00_160
