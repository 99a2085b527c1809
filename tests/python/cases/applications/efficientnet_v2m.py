# EfficientNetV2M as tf-keras 2 builds it (applications/efficientnet_v2.py), default
# input 480x480, with the ImageNet top. Total: 54,431,388, as listed for the Keras model by
# DeepVision's model table (github.com/DavidLandup0/deepvision, "parameter counts are equal
# between backends"; keras.io rounds it to 54.4M).
# expect: ok
from tensorflow import keras

model = keras.applications.EfficientNetV2M()  # expect: params 54431388 model=efficientnetv2-m
# expect: shape "(None, 1000)" model=efficientnetv2-m
