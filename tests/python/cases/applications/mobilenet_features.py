# expect: ok
# MobileNet without its top at 128x128 (a size of its ImageNet weights, so the model is named
# mobilenet_0.50_128), alpha=0.5: every convolution's filters are int(filters * 0.5), the last
# 512; the input halves five times: 4. Positional arguments follow MobileNet's own order
# (input_shape, alpha, depth_multiplier, dropout, include_top, ...).
import tensorflow as tf

base = tf.keras.applications.MobileNet((128, 128, 3), 0.5, 1, 0.001, False)
# expect: shape "(None, 4, 4, 512)"
# expect: shape "(None, 64, 64, 16)" layer=conv1_relu model=mobilenet_0.50_128
