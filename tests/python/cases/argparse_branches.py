# expect: ok
# Options read at run time: layers added under them are not followed (a note), the rest is.
import argparse
import tensorflow as tf

parser = argparse.ArgumentParser()
parser.add_argument("--dropout", action="store_true")
args = parser.parse_args()

model = tf.keras.Sequential()
model.add(tf.keras.layers.Dense(128, activation="relu", input_shape=(20,)))
if args.dropout:
    model.add(tf.keras.layers.Dropout(0.5))  # expect: note DS0103 col=15
model.add(tf.keras.layers.Dense(1))
model.fit(tf.random.normal((64, 20)), tf.zeros((64, 1)))
# expect: verdict "checked in part" "no shape error in the 1 layer checked" "2 of 3 layers"
