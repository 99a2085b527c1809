# tf.keras 2 and Keras 3 adapt the data's rank to a declared input before checking it, by one
# trailing axis of size 1 either way (tf.keras 2: Functional._conform_to_reference_input with
# InputSpec(allow_last_axis_squeeze=True); Keras 3: Functional._adjust_input_rank). Any other
# difference of rank is an error ("Invalid input shape for input ...", Keras 3; the first
# layer's input spec in tf.keras 2).
import numpy as np
import tensorflow as tf
from tensorflow import keras

# Targets of a regression as one number per sample: (100,) into Input(shape=(1,)) -> (100, 1).
prices = np.random.rand(100)
one = keras.Sequential([keras.Input(shape=(1,)), keras.layers.Dense(1)])
one.fit(prices, prices, batch_size=10)

# A trailing axis of 1 on data for Input(shape=(8,)): (100, 8, 1) -> (100, 8).
features = np.random.rand(100, 8, 1)
eight = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(4)])
eight.fit(features, np.zeros(100), batch_size=10)

# Two trailing values are no axis of 1: (100, 8, 2) stays rank 3 against (None, 8).
pairs = np.random.rand(100, 8, 2)
wide = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(4)])  # expect: error DS0007 col=26 "8, 2)" "rank 3"
wide.predict(pairs, batch_size=10)
