# MultiHeadAttention asked for its scores returns (output, scores), as a tuple: [0] is the
# attention output (None, 10, 16), not row 0 of it; the scores are (None, heads, 10, 10).
#   MultiHeadAttention(num_heads=2, key_dim=8) on 16 features: query, key and value kernels
#   16*2*8 + 2*8 = 272 each (816), output kernel 2*8*16 + 16 = 272: 1,088. Dense(4): 16*4 + 4 = 68.
from tensorflow import keras
from tensorflow.keras import layers

tokens = keras.Input(shape=(10, 16))
attention = layers.MultiHeadAttention(num_heads=2, key_dim=8, name="attention")
mixed = attention(tokens, tokens, return_attention_scores=True)[0]
context, weights = attention(tokens, tokens, return_attention_scores=True)
outputs = layers.Dense(4, name="head")(mixed + context)
model = keras.Model(tokens, [outputs, weights])
# expect: ok
# expect: params 1156
# expect: shape "(None, 10, 4)" layer=head
