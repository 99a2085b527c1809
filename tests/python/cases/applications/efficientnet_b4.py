# EfficientNetB4 as tf-keras 2 builds it (applications/efficientnet.py), default input
# 380x380. Keras publishes its total with the ImageNet top: 19,466,823 (keras.io
# applications table and the model's summary); the count includes the 7 non-trainable weights
# of the stem's Normalization (a mean and a variance per channel, and a count).
# Without the top: the classifier Dense(1792 -> 1000) has 1792*1000 + 1000 = 1,793,000
# weights fewer: 17,673,823.
# expect: ok
from tensorflow import keras

full = keras.applications.EfficientNetB4(weights="imagenet")  # expect: params 19466823 model=efficientnetb4
# expect: shape "(None, 1000)" model=efficientnetb4
