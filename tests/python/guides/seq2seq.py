# Guide pattern: a sequence-to-sequence model for training with teacher forcing. The encoder
# LSTM returns its final states (return_state=True), and the decoder LSTM starts from them
# (initial_state=[h, c]) while reading the target sequence shifted by one; a softmax Dense
# predicts the next target token at every step.
#
# Sizes: source vocabulary 800, target vocabulary 900, sources of 15 tokens, targets of 12,
# embeddings of 32, LSTMs of 64 units.
# Worked out by hand (Embedding: vocab*width; LSTM: 4 gates * (in*units + units*units + units);
# Dense on a sequence: in*units + units, applied at every step):
#   source Input (15,)                                                      (None, 15)
#   source_words Embedding(800, 32): 800*32 = 25,600                        (None, 15, 32)
#   encoder LSTM(64, return_state=True): 4*(32*64 + 64*64 + 64) = 24,832
#     outputs: last output (None, 64), h (None, 64), c (None, 64)
#   target Input (12,)                                                      (None, 12)
#   target_words Embedding(900, 32): 900*32 = 28,800                        (None, 12, 32)
#   decoder LSTM(64, return_sequences=True, return_state=True), initial_state=[h, c]:
#     states of 64 match its 64 units; 4*(32*64 + 64*64 + 64) = 24,832      (None, 12, 64)
#   next_token Dense(900): 64*900 + 900 = 58,500                            (None, 12, 900)
# Total 25,600 + 24,832 + 28,800 + 24,832 + 58,500 = 162,564.
# Checked with TensorFlow.js 4.22 (the same functional model, initialState given to the
# decoder's apply): countParams() = 162564, output [null, 12, 900].
from tensorflow import keras
from tensorflow.keras import layers

source = keras.Input(shape=(15,), name="source")
s = layers.Embedding(800, 32, name="source_words")(source)
_, state_h, state_c = layers.LSTM(64, return_state=True, name="encoder")(s)

target = keras.Input(shape=(12,), name="target")
t = layers.Embedding(900, 32, name="target_words")(target)
decoded, _, _ = layers.LSTM(64, return_sequences=True, return_state=True,
                             name="decoder")(t, initial_state=[state_h, state_c])
next_token = layers.Dense(900, activation="softmax", name="next_token")(decoded)

model = keras.Model([source, target], next_token, name="translator")
model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy")
model.summary()
# expect: ok
# expect: results 1
# expect: params 162564
# expect: shape "(None, 12, 900)"
# expect: params 24832 layer=encoder
# expect: params 24832 layer=decoder
# expect: shape "(None, 12, 64)" layer=decoder
# expect: params 58500 layer=next_token
