# A variable-length sequence: Flatten gives (None, None) and the Dense after it cannot size its
# weights (Keras: "The last dimension of the inputs to a Dense layer should be defined").
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(None, 16))
x = layers.Conv1D(32, 3, activation="relu")(inputs)
x = layers.Flatten()(x)
outputs = layers.Dense(1)(x)  # expect: error DS0006 col=11
model = keras.Model(inputs, outputs)
