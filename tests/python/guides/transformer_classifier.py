# Guide pattern: a text classifier built around one transformer encoder block. Two Layer
# subclasses: a token-and-position embedding that reads the sequence length from the tensor
# (tf.shape(x)[-1]) and adds an embedding of tf.range(length) to the token embeddings, and a
# block holding MultiHeadAttention, a feed-forward Sequential, two LayerNormalization and two
# Dropout layers. Both are used in a functional model.
#
# Sizes: vocabulary 5,000, sequences of 120 tokens, embeddings of 32, 2 heads of key_dim 16,
# feed-forward width 64.
# Worked out by hand:
#   input                                                     (None, 120)
#   embed TokenAndPosition:
#     tokens Embedding(5000, 32): 5000*32 = 160,000           (None, 120, 32)
#     positions: tf.range(0, 120) -> (120,), Embedding(120, 32): 120*32 = 3,840 -> (120, 32)
#     tokens + positions broadcasts (120, 32) over the batch  (None, 120, 32)
#     total 163,840
#   encoder TransformerBlock:
#     MultiHeadAttention(num_heads=2, key_dim=16) on 32 features (Keras 3,
#     keras/src/layers/attention/multi_head_attention.py, build(): query, key and value are
#     EinsumDense layers with kernels (32, 2, 16) and biases (2, 16); value_dim defaults to
#     key_dim; the output EinsumDense has a kernel (2, 16, 32) and a bias (32,)):
#       query 32*2*16 + 2*16 = 1,056; key 1,056; value 1,056; output 2*16*32 + 32 = 1,056
#       total 4,224, output (None, 120, 32) (the query's last axis)
#     feed-forward Dense(64): 32*64 + 64 = 2,112; Dense(32): 64*32 + 32 = 2,080 -> 4,192
#     LayerNormalization: gamma and beta of 32 each, 64, twice -> 128
#     total 4,224 + 4,192 + 128 = 8,544                       (None, 120, 32)
#   GlobalAveragePooling1D                                    (None, 32)
#   hidden Dense(20): 32*20 + 20 = 660                        (None, 20)
#   verdict Dense(2): 20*2 + 2 = 42                           (None, 2)
# Total 163,840 + 8,544 + 660 + 42 = 173,086.
# Checked with TensorFlow.js 4.22, which has no MultiHeadAttention: the embeddings, the
# feed-forward, the layer normalizations and the head as layers give 168,862 =
# 173,086 - 4,224.
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

VOCAB = 5000
LENGTH = 120
WIDTH = 32


class TokenAndPosition(layers.Layer):
    def __init__(self, length, vocab, width, **kwargs):
        super().__init__(**kwargs)
        self.token_table = layers.Embedding(input_dim=vocab, output_dim=width)
        self.position_table = layers.Embedding(input_dim=length, output_dim=width)

    def call(self, token_ids):
        length = tf.shape(token_ids)[-1]
        positions = tf.range(start=0, limit=length, delta=1)
        positions = self.position_table(positions)
        tokens = self.token_table(token_ids)
        return tokens + positions


class TransformerBlock(layers.Layer):
    def __init__(self, width, heads, hidden, rate=0.1, **kwargs):
        super().__init__(**kwargs)
        self.attention = layers.MultiHeadAttention(num_heads=heads, key_dim=16)
        self.feed_forward = keras.Sequential(
            [layers.Dense(hidden, activation="relu"), layers.Dense(width)])
        self.norm_a = layers.LayerNormalization(epsilon=1e-6)
        self.norm_b = layers.LayerNormalization(epsilon=1e-6)
        self.drop_a = layers.Dropout(rate)
        self.drop_b = layers.Dropout(rate)

    def call(self, x, training=False):
        attended = self.attention(x, x)
        attended = self.drop_a(attended, training=training)
        mixed = self.norm_a(x + attended)
        transformed = self.feed_forward(mixed)
        transformed = self.drop_b(transformed, training=training)
        return self.norm_b(mixed + transformed)


token_ids = keras.Input(shape=(LENGTH,))
x = TokenAndPosition(LENGTH, VOCAB, WIDTH, name="embed")(token_ids)
x = TransformerBlock(WIDTH, 2, 64, name="encoder")(x)
x = layers.GlobalAveragePooling1D()(x)
x = layers.Dropout(0.1)(x)
x = layers.Dense(20, activation="relu", name="hidden")(x)
x = layers.Dropout(0.1)(x)
outputs = layers.Dense(2, activation="softmax", name="verdict")(x)
model = keras.Model(inputs=token_ids, outputs=outputs, name="review_classifier")
model.summary()
# expect: ok
# expect: results 1
# expect: params 173086
# expect: shape "(None, 2)"
# expect: shape "(None, 120, 32)" layer=embed
# expect: params 163840 layer=embed
# expect: shape "(None, 120, 32)" layer=encoder
# expect: params 8544 layer=encoder
# expect: params 660 layer=hidden
