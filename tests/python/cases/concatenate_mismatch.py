# Two branches pooled to 13x13 and 12x12 cannot be concatenated along the channels.
from tensorflow import keras
from tensorflow.keras import layers

inp = keras.Input(shape=(28, 28, 1))
a = layers.Conv2D(32, 3, activation="relu")(inp)
a = layers.MaxPooling2D(2)(a)
b = layers.Conv2D(32, 5, activation="relu")(inp)
b = layers.MaxPooling2D(2)(b)
merged = layers.concatenate([a, b], axis=-1)  # expect: error DS0005 col=10 "13" "12"
out = layers.Dense(10)(layers.Flatten()(merged))
model = keras.Model(inp, out)
