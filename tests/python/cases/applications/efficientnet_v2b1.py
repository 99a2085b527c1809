# EfficientNetV2B1 as tf-keras 2 builds it (applications/efficientnet_v2.py), default
# input 240x240, with the ImageNet top. Total: 8,212,124, as listed for the Keras model by
# DeepVision's model table (github.com/DavidLandup0/deepvision, "parameter counts are equal
# between backends"; keras.io rounds it to 8.2M).
# expect: ok
from tensorflow import keras

model = keras.applications.EfficientNetV2B1()  # expect: params 8212124 model=efficientnetv2-b1
# expect: shape "(None, 1000)" model=efficientnetv2-b1
