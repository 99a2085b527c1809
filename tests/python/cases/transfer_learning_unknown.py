# expect: ok
# A pretrained base from keras.applications is not followed (a note); nothing is an error.
import tensorflow as tf

base = tf.keras.applications.MobileNetV2(input_shape=(160, 160, 3), include_top=False)
base.trainable = False
model = tf.keras.Sequential([
    base,  # expect: note DS0103 col=5
    tf.keras.layers.GlobalAveragePooling2D(),
    tf.keras.layers.Dense(1),
])
model(tf.zeros((2, 160, 160, 3)))
