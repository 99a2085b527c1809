# EfficientNetB3 as tf-keras 2 builds it (applications/efficientnet.py), default input
# 300x300. Keras publishes its total with the ImageNet top: 12,320,535 (keras.io
# applications table and the model's summary); the count includes the 7 non-trainable weights
# of the stem's Normalization (a mean and a variance per channel, and a count).
# Without the top: the classifier Dense(1536 -> 1000) has 1536*1000 + 1000 = 1,537,000
# weights fewer: 10,783,535.
# expect: ok
from tensorflow import keras

full = keras.applications.EfficientNetB3(weights="imagenet")  # expect: params 12320535 model=efficientnetb3
# expect: shape "(None, 1000)" model=efficientnetb3
