# Preprocessing layers with positional arguments (tf.keras 2 / Keras 3 signatures:
# RandomFlip(mode, seed), RandomCrop(height, width, seed), RandomZoom(height_factor, ...),
# Resizing(height, width)), and an InputLayer given its shape positionally.
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

# (64, 64, 3) -> RandomCrop(48, 40): (48, 40, 3) -> Conv2D 3x3: (46, 38, 8) -> GAP -> 10.
ok = keras.Sequential([
    layers.InputLayer((64, 64, 3)),
    layers.RandomFlip("horizontal"),
    layers.RandomRotation(0.1),
    layers.RandomZoom(0.2, 0.2),
    layers.RandomCrop(48, 40),
    layers.Conv2D(8, 3),
    layers.GlobalAveragePooling2D(),
    layers.Dense(10),
])
ok.predict(np.zeros((4, 64, 64, 3)))

# RandomCrop(20, 20) leaves 20x20: a 21x21 kernel does not fit ((20-21)//1+1 = 0).
small = keras.Sequential([
    layers.InputLayer((64, 64, 3)),
    layers.RandomCrop(20, 20),
    layers.Conv2D(8, 21),  # expect: error DS0001 col=5 "21" "20"
])
small.predict(np.zeros((4, 64, 64, 3)))
