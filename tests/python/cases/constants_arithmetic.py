# Sizes from named constants: the image is IMG // 2 = 16 pixels a side, the kernel IMG // 2 + 1
# = 17.
import tensorflow as tf

IMG = 32
CHANNELS = 3
KERNEL = IMG // 2 + 1
model = tf.keras.Sequential([
    tf.keras.layers.Conv2D(8, KERNEL, input_shape=(IMG // 2, IMG // 2, CHANNELS)),  # expect: error DS0001 col=5 "17" "16"
    tf.keras.layers.GlobalAveragePooling2D(),
])
