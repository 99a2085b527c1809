# EfficientNet's input-size rules (tf-keras applications/efficientnet.py calls
# imagenet_utils.obtain_input_shape with min_size=32): without the top, any input of at least
# 32x32; with the ImageNet top, only the default size (B0: 224x224).
# A 32x32 input: the stem and four stride-2 stages halve it five times, 32 -> 16 -> 8 -> 4 ->
# 2 -> 1 (the zero padding of correct_pad keeps ceil(size / 2)), so top_conv is (None, 1, 1, 1280).
from tensorflow import keras

small = keras.applications.EfficientNetB0(include_top=False, input_shape=(32, 32, 3), pooling="avg")  # expect: shape "(None, 1, 1, 1280)" layer=top_conv model=efficientnetb0
# Without the top, the classifier Dense(1280 -> 1000) is gone: 5,330,571 - 1,281,000.
# expect: params 4049571 model=efficientnetb0
# expect: shape "(None, 1280)" model=efficientnetb0
too_small = keras.applications.EfficientNetB1(include_top=False, input_shape=(31, 31, 3))  # expect: error DS0008 col=13 "at least 32x32"
wrong_size = keras.applications.EfficientNetB2(input_shape=(224, 224, 3))  # expect: error DS0008 col=14 "(260, 260, 3)"
