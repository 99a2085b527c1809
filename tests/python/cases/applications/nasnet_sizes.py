# NASNet's input-size rules (tf-keras applications/nasnet.py): input_shape= is its first
# parameter; with weights="imagenet" a tuple input_shape may not hold None; obtain_input_shape
# then asks for at least 32x32 without the top, and the default size (NASNetLarge 331x331,
# NASNetMobile 224x224) with the top.
from tensorflow import keras

# 32x32 without the top, weights=None: stem_conv1 3x3/2 valid: 15; the two stem reductions
# (padded, 3x3/2 valid) 8, 4; two more reductions 2, 1.
small = keras.applications.NASNetMobile((32, 32, 3), include_top=False, weights=None)  # expect: shape "(None, 1, 1, 1056)" model=NASNet
too_small = keras.applications.NASNetMobile(input_shape=(31, 31, 3), include_top=False)  # expect: error DS0008 col=13 "at least 32x32"
unsized = keras.applications.NASNetLarge(input_shape=(None, None, 3), include_top=False)  # expect: error DS0008 col=11 "None"
wrong_size = keras.applications.NASNetLarge(input_shape=(224, 224, 3))  # expect: error DS0008 col=14 "(331, 331, 3)"
# Without input_shape= and without the top, obtain_input_shape gives (None, None, 3): the cells'
# _adjust_block then compares None with None and builds other layers than the ImageNet weights
# were saved from, and loading them fails (tf-keras issue #142: NASNetMobile(weights="imagenet",
# include_top=False), "Layer count mismatch when loading weights from file").
unsized_default = keras.applications.NASNetMobile(include_top=False)  # expect: error DS0008 col=19 "layer count mismatch"
