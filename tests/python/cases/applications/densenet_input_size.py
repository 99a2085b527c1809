# DenseNet's input rules (obtain_input_shape, min_size=32). At 32x32 the stem pads 3 (38), its
# 7x7/2 gives 16, pool1 (after a 1-pixel pad, 3x3/2) 8, the transitions' 2x2/2 pools 4, 2 and 1.
# Without the top, DenseNet121 is its published 8,062,504 less the Dense(1000) on 1024 features
# (1,025,000): 7,037,504. pool2 halves conv2's 64 + 6 * 32 = 256 channels to 128.
import tensorflow as tf

small = tf.keras.applications.DenseNet121(include_top=False, input_shape=(28, 28, 3))  # expect: error DS0008 col=9 "32"
base = tf.keras.applications.DenseNet121(include_top=False, input_shape=(32, 32, 3), pooling="avg")
# expect: params 7037504 model=densenet121
# expect: shape "(None, 1024)" model=densenet121
# expect: shape "(None, 1, 1, 1024)" layer=relu model=densenet121
# expect: shape "(None, 4, 4, 128)" layer=pool2_pool model=densenet121
