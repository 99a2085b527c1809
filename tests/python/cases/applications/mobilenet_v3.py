# expect: ok
# MobileNetV3Small and MobileNetV3Large with their defaults (the ImageNet top, the Rescaling of
# include_preprocessing=True): the totals of Keras' model summaries, 2,554,968 and 5,507,432.
# Keras names them "MobilenetV3" + the model type (applications/mobilenet_v3.py).
import tensorflow as tf

small = tf.keras.applications.MobileNetV3Small()
# expect: params 2554968 model=MobilenetV3small
# expect: shape "(None, 1000)" model=MobilenetV3small
large = tf.keras.applications.MobileNetV3Large(input_shape=(224, 224, 3))
# expect: params 5507432 model=MobilenetV3large
# expect: shape "(None, 7, 7, 960)" layer=Conv_1 model=MobilenetV3large
