# ConvNeXt's input sizes (tf-keras applications/convnext.py): imagenet_utils.obtain_input_shape
# with default_size=224 and min_size=32; with the ImageNet top the input must be 224x224x3.
from tensorflow import keras

too_small = keras.applications.ConvNeXtTiny(include_top=False, input_shape=(31, 31, 3))  # expect: error DS0008 col=13 "at least 32x32"
wrong_size = keras.applications.ConvNeXtBase(input_shape=(256, 256, 3))  # expect: error DS0008 col=14 "(224, 224, 3)"
smallest = keras.applications.ConvNeXtLarge(include_top=False, input_shape=(32, 32, 3), pooling="avg")  # expect: shape "(None, 1536)" model=convnext_large
