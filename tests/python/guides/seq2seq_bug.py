# The sequence-to-sequence model of seq2seq.py with one seeded bug: the decoder LSTM was
# widened to 128 units while the encoder's states, which it starts from, stay 64 wide. The
# decoder's cell keeps states of 128 (h and c), so initial_state=[(None, 64), (None, 64)] does
# not fit: tf.keras 2's RNN checks the initial state against cell.state_size when it is built
# ("An `initial_state` was passed that is not compatible with `cell.state_size`"), and Keras 3
# fails in the cell's first step, multiplying h (None, 64) by the recurrent kernel (128, 512).
# The error belongs on the decoder's line. This model has no Layer subclass. The catalogue has
# no code of its own for a recurrent state: DS0005 (tensors combined with incompatible shapes)
# is the nearest, as the state is summed with the cell's projections of the input.
from tensorflow import keras
from tensorflow.keras import layers

source = keras.Input(shape=(15,), name="source")
s = layers.Embedding(800, 32, name="source_words")(source)
_, state_h, state_c = layers.LSTM(64, return_state=True, name="encoder")(s)

target = keras.Input(shape=(12,), name="target")
t = layers.Embedding(900, 32, name="target_words")(target)
decoded, _, _ = layers.LSTM(128, return_sequences=True, return_state=True,  # expect: error DS0005 col=17 "64" "128"
                             name="decoder")(t, initial_state=[state_h, state_c])
next_token = layers.Dense(900, activation="softmax", name="next_token")(decoded)

model = keras.Model([source, target], next_token, name="translator")
model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy")
model.summary()
