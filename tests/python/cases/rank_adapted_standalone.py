# Standalone Keras (Keras 1 argument names such as nb_epoch point to it: docs/semantics.md, "Keras
# generations") turns only a rank-1 array into (N, 1) (standardize_input_data), and checks every
# other rank strictly: a trailing axis of 1 is not dropped ("expected dense_input_1 to have 2
# dimensions, but got array with shape (100, 8, 1)").
import numpy as np
from keras.models import Sequential
from keras.layers import Dense

prices = np.random.rand(100)
one = Sequential([Dense(1, input_shape=(1,))])
one.fit(prices, prices, batch_size=10, nb_epoch=2)

features = np.random.rand(100, 8, 1)
eight = Sequential([Dense(4, input_shape=(8,))])  # expect: error DS0007 col=21 "8, 1)" "np.squeeze(x, -1)"
eight.fit(features, np.zeros(100), batch_size=10, nb_epoch=2)
