# EfficientNetB6 as tf-keras 2 builds it (applications/efficientnet.py), default input
# 528x528. Keras publishes its total with the ImageNet top: 43,265,143 (keras.io
# applications table and the model's summary); the count includes the 7 non-trainable weights
# of the stem's Normalization (a mean and a variance per channel, and a count).
# Without the top: the classifier Dense(2304 -> 1000) has 2304*1000 + 1000 = 2,305,000
# weights fewer: 40,960,143.
# expect: ok
from tensorflow import keras

full = keras.applications.EfficientNetB6(weights="imagenet")  # expect: params 43265143 model=efficientnetb6
# expect: shape "(None, 1000)" model=efficientnetb6
