# input_shape written channels-first, (1, 28, 28), for channels-last layers: Keras reads a height
# of 1, a width of 28 and 28 channels, and the 3x3 kernel does not fit the height of 1.
import keras
from keras import layers

model = keras.Sequential([
    layers.Conv2D(32, kernel_size=(3, 3), activation="relu", input_shape=(1, 28, 28)),  # expect: error DS0001 col=5 "3" "1"
    layers.MaxPooling2D(pool_size=(2, 2)),
    layers.Flatten(),
    layers.Dense(10, activation="softmax"),
])
model.summary()
