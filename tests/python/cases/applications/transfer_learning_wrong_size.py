# A ResNet50 base built for 224x224 images, fed CIFAR-10's 32x32 ones (keras.datasets.cifar10:
# 50,000 images of 32x32x3): Keras fails at the base's input, which expects (None, 224, 224, 3).
import tensorflow as tf

base = tf.keras.applications.ResNet50(include_top=False, input_shape=(224, 224, 3))  # expect: error DS0007 col=8 "224" "32"
model = tf.keras.Sequential([base, tf.keras.layers.GlobalAveragePooling2D(), tf.keras.layers.Dense(10)])
model.compile("adam", "sparse_categorical_crossentropy")
(x, y), _ = tf.keras.datasets.cifar10.load_data()
model.fit(x, y)
