# The transformer classifier of transformer_classifier.py with one seeded bug: the
# feed-forward network's last Dense has the hidden width (64) instead of the model's width (32),
# so the second residual connection adds tensors of different widths:
#   mixed                       (None, 120, 32)
#   feed_forward(mixed)         Dense(64) then Dense(64) -> (None, 120, 64)
# mixed + transformed broadcasts the last axes 32 and 64, neither equal nor 1: TensorFlow's
# AddV2 fails when the functional model calls the block ("Dimensions must be equal, but are 32
# and 64"). The error belongs on that addition inside call().
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
            [layers.Dense(hidden, activation="relu"), layers.Dense(hidden)])
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
        return self.norm_b(mixed + transformed)  # expect: error DS0005 col=28 "32" "64"


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
