# EfficientNetV2S as tf-keras 2 builds it (applications/efficientnet_v2.py), default
# input 384x384, with the ImageNet top. Total: 21,612,360, as listed for the Keras model by
# DeepVision's model table (github.com/DavidLandup0/deepvision, "parameter counts are equal
# between backends"; keras.io rounds it to 21.6M).
# expect: ok
from tensorflow import keras

model = keras.applications.EfficientNetV2S()  # expect: params 21612360 model=efficientnetv2-s
# expect: shape "(None, 1000)" model=efficientnetv2-s
