# EfficientNetV2B2 as tf-keras 2 builds it (applications/efficientnet_v2.py), default
# input 260x260, with the ImageNet top. Total: 10,178,374, as listed for the Keras model by
# DeepVision's model table (github.com/DavidLandup0/deepvision, "parameter counts are equal
# between backends"; keras.io rounds it to 10.2M).
# expect: ok
from tensorflow import keras

model = keras.applications.EfficientNetV2B2()  # expect: params 10178374 model=efficientnetv2-b2
# expect: shape "(None, 1000)" model=efficientnetv2-b2
