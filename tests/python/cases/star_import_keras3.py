# Keras 3 style with a star import; the third pooling halves 7 to 3, the Conv2D after it has a
# 5x5 kernel on 3x3.
import keras
from keras.layers import *

inputs = keras.Input(shape=(28, 28, 1))
x = Conv2D(16, 3, padding="same", activation="relu")(inputs)
x = MaxPooling2D()(x)
x = MaxPooling2D()(x)
x = MaxPooling2D()(x)
x = Conv2D(32, 5, activation="relu")(x)  # expect: error DS0001 col=5 "5" "3"
outputs = Dense(10)(GlobalAveragePooling2D()(x))
model = keras.Model(inputs=inputs, outputs=outputs)
