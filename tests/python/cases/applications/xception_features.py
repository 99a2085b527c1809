# expect: ok
# Xception at its smallest input (see xception.py). Without the top its total is the published
# 22,910,480 less the Dense(1000) on 2048 features (2,049,000): 20,861,480.
from tensorflow import keras

base = keras.applications.Xception(include_top=False, weights=None, input_shape=(71, 71, 3))
# expect: params 20861480
# expect: shape "(None, 3, 3, 2048)"
# expect: shape "(None, 33, 33, 64)" layer=block1_conv2_act
# expect: shape "(None, 5, 5, 728)" layer=block12_sepconv3_bn
