# A residual block whose main path has a stride of 2 while the shortcut is the block's input:
# (16, 16, 64) + (32, 32, 64) (Keras: "Inputs have incompatible shapes").
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(32, 32, 64))
x = layers.Conv2D(64, 3, strides=2, padding="same")(inputs)
x = layers.BatchNormalization()(x)
x = layers.Activation("relu")(x)
x = layers.Conv2D(64, 3, padding="same")(x)
x = layers.Add()([x, inputs])  # expect: error DS0005 col=5 "16" "32"
x = layers.Activation("relu")(x)
model = keras.Model(inputs, x)
