# An option without a default in the code, and an environment variable read without one: their
# values are known only when the program runs, so the layers they size are checked for any
# value and their weights are unknown (a note at each: the option's where it is declared), and
# nothing is an error.
import argparse
import os

from tensorflow import keras
from tensorflow.keras import layers

parser = argparse.ArgumentParser()
parser.add_argument("--units", type=int)  # expect: note DS0103 col=1 "--units" "no default"
parser.add_argument("data_dir")
args = parser.parse_args()

inputs = keras.Input(shape=(16,))
x = layers.Dense(args.units)(inputs)
outputs = layers.Dense(int(os.environ.get("CLASSES")))(x)  # expect: note DS0103 col=24 "CLASSES"
model = keras.Model(inputs, outputs)
# expect: shape "(None, units_dense)" layer=dense
