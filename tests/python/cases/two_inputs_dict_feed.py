# Two named inputs fed by a dict: the metadata array has 12 columns where the model takes 10.
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

image = keras.Input(shape=(64, 64, 3), name="image")
meta = keras.Input(shape=(10,), name="meta")  # expect: error DS0007 col=8 label=15
x = layers.Conv2D(8, 3, strides=2)(image)
x = layers.GlobalAveragePooling2D()(x)
x = layers.concatenate([x, meta])
out = layers.Dense(1)(x)
model = keras.Model(inputs=[image, meta], outputs=out)

batch = {"image": np.zeros((16, 64, 64, 3)), "meta": np.zeros((16, 12))}
model.predict(batch)
