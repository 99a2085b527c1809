# expect: ok
# The fix for a variable-length input: a global pooling instead of Flatten.
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(None, 16))
x = layers.Conv1D(32, 3, activation="relu")(inputs)
x = layers.GlobalMaxPooling1D()(x)
outputs = layers.Dense(1)(x)
model = keras.Model(inputs, outputs)
