# EfficientNetB7 as tf-keras 2 builds it (applications/efficientnet.py), default input
# 600x600. Keras publishes its total with the ImageNet top: 66,658,687 (keras.io
# applications table and the model's summary); the count includes the 7 non-trainable weights
# of the stem's Normalization (a mean and a variance per channel, and a count).
# Without the top: the classifier Dense(2560 -> 1000) has 2560*1000 + 1000 = 2,561,000
# weights fewer: 64,097,687.
# expect: ok
from tensorflow import keras

full = keras.applications.EfficientNetB7(weights="imagenet")  # expect: params 66658687 model=efficientnetb7
# expect: shape "(None, 1000)" model=efficientnetb7
