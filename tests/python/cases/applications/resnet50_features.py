# expect: ok
# ResNet50 without its top, as a feature extractor on 160x160 images. Keras' architecture
# (applications/resnet.py): conv1 7x7/2 after a 3-pixel pad, 160 -> 80; pool1 3x3/2 after a
# 1-pixel pad -> 40; conv3, conv4, conv5 each halve it: 20, 10, 5. Without the top, the total is
# the published 25,636,712 less the Dense(1000) on 2048 features (2048 * 1000 + 1000 = 2,049,000):
# 23,587,712; the global average pooling adds none.
import tensorflow as tf

base = tf.keras.applications.ResNet50(include_top=False, input_shape=(160, 160, 3), pooling="avg")
# expect: params 23587712 model=resnet50
# expect: shape "(None, 2048)" model=resnet50
# expect: shape "(None, 5, 5, 2048)" layer=conv5_block3_out
# expect: shape "(None, 40, 40, 256)" layer=conv2_block3_out
# expect: shape "(None, 20, 20, 512)" layer=conv3_block1_out
