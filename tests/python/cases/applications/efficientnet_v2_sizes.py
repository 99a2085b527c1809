# EfficientNetV2's arguments (tf-keras applications/efficientnet_v2.py): include_preprocessing=
# follows classifier_activation=; obtain_input_shape with min_size=32.
# A 32x32 input: the stem and the stride-2 stages halve it five times: 32 -> 16 -> 8 -> 4 ->
# 2 -> 1; top_conv is round_filters(1280) = 1280 wide.
from tensorflow import keras

features = keras.applications.EfficientNetV2B0(include_top=False, weights=None, input_shape=(32, 32, 3), include_preprocessing=False)  # expect: shape "(None, 1, 1, 1280)" model=efficientnetv2-b0
# Without the top: 7,200,312 - (1280 * 1000 + 1000) = 5,919,312 (the B models' Normalization
# is given its mean and variance: no weights).
# expect: params 5919312 model=efficientnetv2-b0
too_small = keras.applications.EfficientNetV2S(include_top=False, input_shape=(30, 30, 3))  # expect: error DS0008 col=13 "at least 32x32"
wrong_size = keras.applications.EfficientNetV2M(input_shape=(384, 384, 3))  # expect: error DS0008 col=14 "(480, 480, 3)"
