# An option read at run time guards only a change of the labels; the images made before the
# branch are still known after it, and the model, which declares no input shape, is checked with
# them: 8 -> pool 4 -> pool 2, and the 3x3 kernel does not fit the 2x2 map.
import argparse
import numpy as np
import tensorflow as tf

parser = argparse.ArgumentParser()
parser.add_argument("--reverse", action="store_true")
args = parser.parse_args()

images = np.random.rand(64, 8, 8, 3)
labels = np.zeros((64, 4))
if args.reverse:
    labels = labels[::-1]
model = tf.keras.Sequential([
    tf.keras.layers.MaxPooling2D(2),
    tf.keras.layers.MaxPooling2D(2),
    tf.keras.layers.Conv2D(4, 3),  # expect: error DS0001 col=5 "3" "2"
])
model.fit(images, labels)
