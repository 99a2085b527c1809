# expect: ok
# MobileNetV3Small without its top at 96x96: the published 2,554,968 less Conv_2 (576 * 1024 +
# 1024) and Logits (1024 * 1000 + 1000): 939,120; the grid halves five times, 96 / 32 = 3. Any
# size builds (no top, no size of the weights to keep), and pooling="max" ends in max_pool. The
# last activation, hard swish, is the 18th unnamed Multiply (the stem's, two in each of blocks 3
# to 10, Conv_1's): multiply_17.
import tensorflow as tf

features = tf.keras.applications.MobileNetV3Small(input_shape=(96, 96, 3), include_top=False, pooling="max")
# expect: params 939120
# expect: shape "(None, 576)"
# expect: shape "(None, 3, 3, 576)" layer=multiply_17
# expect: shape "(None, 48, 48, 16)" layer=Conv/BatchNorm
