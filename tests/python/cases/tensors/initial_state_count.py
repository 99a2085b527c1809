# An LSTM keeps two states (h and c); starting it from one tensor fails in Keras: "An
# `initial_state` was passed that is not compatible with `cell.state_size`" (tf.keras 2's
# RNN._validate_state_spec compares their numbers first).
from tensorflow import keras
from tensorflow.keras import layers

source = keras.Input(shape=(None, 16))
_, state_h, state_c = layers.LSTM(32, return_state=True)(source)
target = keras.Input(shape=(None, 16))
decoded = layers.LSTM(32, return_sequences=True)(target, initial_state=[state_h])  # expect: error DS0005 col=11 "1" "2"
model = keras.Model([source, target], decoded)
