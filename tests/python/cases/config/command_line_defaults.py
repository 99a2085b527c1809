# Options and environment variables at the defaults the code gives: what runs without
# arguments and with the variables unset (argparse parses a string default with its type=).
#   --units default 64; --layers default "2" with type=int: 2; --rate set by set_defaults.
#   EMBED unset: int("8") = 8; os.getenv("SEQ", "12") as int: 12.
#   Input (12,); Embedding(500, 8): 4,000; Flatten: 96. Dense(64): 96*64 + 64 = 6,208;
#   two Dense(64) more: 64*64 + 64 = 4,160 each. Dense(1): 65. Total 4,000 + 6,208 + 8,320 + 65
#   = 18,593.
import argparse
import os

from tensorflow import keras
from tensorflow.keras import layers

parser = argparse.ArgumentParser(description="trains a model")
group = parser.add_argument_group("model")
group.add_argument("--units", type=int, default=64)
parser.add_argument("--layers", type=int, default="2")
parser.add_argument("--rate", type=float)
parser.set_defaults(rate=0.5)
args = parser.parse_args()

embed = int(os.environ.get("EMBED", "8"))
length = int(os.getenv("SEQ", "12"))

inputs = keras.Input(shape=(length,))
x = layers.Embedding(500, embed)(inputs)
x = layers.Flatten()(x)
x = layers.Dense(args.units)(x)
for _ in range(args.layers):
    x = layers.Dense(args.units)(x)
    x = layers.Dropout(args.rate)(x)
outputs = layers.Dense(1)(x)
model = keras.Model(inputs, outputs)
# expect: ok
# expect: params 18593
