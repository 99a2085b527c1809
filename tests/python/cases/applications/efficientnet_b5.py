# EfficientNetB5 as tf-keras 2 builds it (applications/efficientnet.py), default input
# 456x456. Keras publishes its total with the ImageNet top: 30,562,527 (keras.io
# applications table and the model's summary); the count includes the 7 non-trainable weights
# of the stem's Normalization (a mean and a variance per channel, and a count).
# Without the top: the classifier Dense(2048 -> 1000) has 2048*1000 + 1000 = 2,049,000
# weights fewer: 28,513,527.
# expect: ok
from tensorflow import keras

full = keras.applications.EfficientNetB5(weights="imagenet")  # expect: params 30562527 model=efficientnetb5
# expect: shape "(None, 1000)" model=efficientnetb5
