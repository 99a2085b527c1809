# EfficientNetB2 as tf-keras 2 builds it (applications/efficientnet.py), default input
# 260x260. Keras publishes its total with the ImageNet top: 9,177,569 (keras.io
# applications table and the model's summary); the count includes the 7 non-trainable weights
# of the stem's Normalization (a mean and a variance per channel, and a count).
# Without the top: the classifier Dense(1408 -> 1000) has 1408*1000 + 1000 = 1,409,000
# weights fewer: 7,768,569.
# expect: ok
from tensorflow import keras

full = keras.applications.EfficientNetB2(weights="imagenet")  # expect: params 9177569 model=efficientnetb2
# expect: shape "(None, 1000)" model=efficientnetb2
