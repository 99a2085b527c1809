# expect: ok
# A pretrained MobileNetV2 base under a new head, as the transfer-learning tutorials build it:
# the base is followed like any model. Without its top at 160x160 it has 2,257,984 parameters
# (mobilenet_v2.py in this folder) and gives 5x5x1280; the head's Dense(1) on the 1280 pooled
# features adds 1,281: 2,259,265 in all, output (2, 1) for the batch of 2 it is fed.
import tensorflow as tf

base = tf.keras.applications.MobileNetV2(input_shape=(160, 160, 3), include_top=False)
base.trainable = False
model = tf.keras.Sequential([
    base,
    tf.keras.layers.GlobalAveragePooling2D(),
    tf.keras.layers.Dense(1),
])
model(tf.zeros((2, 160, 160, 3)))
# expect: params 2259265 model=model
# expect: shape "(2, 1)" model=model
