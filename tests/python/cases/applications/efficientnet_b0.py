# EfficientNetB0 as tf-keras 2 builds it (applications/efficientnet.py), default input
# 224x224. Keras publishes its total with the ImageNet top: 5,330,571 (keras.io
# applications table and the model's summary); the count includes the 7 non-trainable weights
# of the stem's Normalization (a mean and a variance per channel, and a count).
# Without the top: the classifier Dense(1280 -> 1000) has 1280*1000 + 1000 = 1,281,000
# weights fewer: 4,049,571.
# expect: ok
from tensorflow import keras

full = keras.applications.EfficientNetB0(weights="imagenet")  # expect: params 5330571 model=efficientnetb0
# expect: shape "(None, 1000)" model=efficientnetb0
