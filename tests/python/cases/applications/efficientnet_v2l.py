# EfficientNetV2L as tf-keras 2 builds it (applications/efficientnet_v2.py), default
# input 480x480, with the ImageNet top. Total: 119,027,848, as listed for the Keras model by
# DeepVision's model table (github.com/DavidLandup0/deepvision, "parameter counts are equal
# between backends"; keras.io rounds it to 119.0M).
# expect: ok
from tensorflow import keras

model = keras.applications.EfficientNetV2L()  # expect: params 119027848 model=efficientnetv2-l
# expect: shape "(None, 1000)" model=efficientnetv2-l
