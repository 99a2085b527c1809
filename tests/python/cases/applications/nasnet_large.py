# NASNetLarge as tf-keras 2 builds it (applications/nasnet.py): default input 331x331 and the
# ImageNet top. Keras publishes its total: 88,949,818 (keras.io applications table, 88.9M, and
# the model's summary).
# expect: ok
from tensorflow import keras

model = keras.applications.NASNetLarge()  # expect: params 88949818 model=NASNet
# expect: shape "(None, 1000)" model=NASNet
