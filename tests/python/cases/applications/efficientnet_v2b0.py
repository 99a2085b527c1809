# EfficientNetV2B0 as tf-keras 2 builds it (applications/efficientnet_v2.py), default
# input 224x224, with the ImageNet top. Total: 7,200,312, as listed for the Keras model by
# DeepVision's model table (github.com/DavidLandup0/deepvision, "parameter counts are equal
# between backends"; keras.io rounds it to 7.2M).
# expect: ok
from tensorflow import keras

model = keras.applications.EfficientNetV2B0()  # expect: params 7200312 model=efficientnetv2-b0
# expect: shape "(None, 1000)" model=efficientnetv2-b0
