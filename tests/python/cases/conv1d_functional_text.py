# The same mistake in the functional API, the sequence length from a constant expression:
# 2 * 5 = 10 tokens for a kernel of 12.
from tensorflow import keras
from tensorflow.keras import layers

SEQ = 2 * 5
inputs = keras.Input(shape=(SEQ,), dtype="int32")
x = layers.Embedding(5000, 32)(inputs)
x = layers.Conv1D(64, 12, activation="relu")(x)  # expect: error DS0001 col=5 "12" "10"
x = layers.GlobalAveragePooling1D()(x)
outputs = layers.Dense(2, activation="softmax")(x)
model = keras.Model(inputs, outputs)
