# A generator projects to 1024 values and reshapes them to 7x7x32 = 1568.
from tensorflow import keras
from tensorflow.keras import layers

generator = keras.Sequential([
    keras.Input(shape=(100,)),
    layers.Dense(1024, activation="relu"),
    layers.Reshape((7, 7, 32)),  # expect: error DS0003 col=5 "1024" "1568"
    layers.Conv2DTranspose(16, 4, strides=2, padding="same"),
])
