# A functional model with three outputs, called on a tensor and indexed: encoder(x)[2] is its
# third output (None, 2), not row 2 of a tensor. Keras returns a list from a multi-output
# model's call; the decoder takes (None, 2) and the whole model builds.
#   encoder: Dense(16) 8*16+16 = 144, three Dense(2) heads 16*2+2 = 34 each: 246
#   decoder: Dense(8) 2*8+8 = 24
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(8,))
h = layers.Dense(16)(inputs)
mean = layers.Dense(2)(h)
log_var = layers.Dense(2)(h)
z = layers.Dense(2)(h)
encoder = keras.Model(inputs, [mean, log_var, z], name="encoder")

code = keras.Input(shape=(2,))
decoder = keras.Model(code, layers.Dense(8)(code), name="decoder")

outputs = decoder(encoder(inputs)[2])
autoencoder = keras.Model(inputs, outputs, name="autoencoder")
autoencoder.fit(__import__("numpy").zeros((64, 8)), __import__("numpy").zeros((64, 8)))
# expect: ok
# expect: params 270 model=autoencoder
