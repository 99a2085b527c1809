# NASNetMobile without input_shape= and without the top, untrained: obtain_input_shape gives
# (None, None, 3), and Keras builds it (with weights="imagenet" it fails to load the weights,
# nasnet_sizes.py). Its last cell concatenates six branches of 4 * 44 = 176 channels.
# expect: ok
from tensorflow import keras

untrained = keras.applications.NASNetMobile(include_top=False, weights=None)  # expect: shape "(None, None, None, 1056)" model=NASNet
