# NASNetMobile as tf-keras 2 builds it (applications/nasnet.py): default input 224x224 and the
# ImageNet top. Keras publishes its total: 5,326,716 (keras.io applications table, 5.3M, and the
# model's summary).
# expect: ok
from tensorflow import keras

model = keras.applications.NASNetMobile()  # expect: params 5326716 model=NASNet
# expect: shape "(None, 1000)" model=NASNet
