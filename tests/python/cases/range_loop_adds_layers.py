# Six conv/pool stages added in a loop on 64x64 images: 64 -> 62 -> 31 -> 29 -> 14 -> 12 -> 6
# -> 4 -> 2, and the fifth 3x3 convolution gets a 2x2 map.
import keras
from keras.layers import Conv2D, MaxPooling2D, Flatten, Dense

model = keras.Sequential([keras.Input(shape=(64, 64, 3))])
for i in range(6):
    model.add(Conv2D(16 * 2 ** i, 3, activation="relu"))  # expect: error DS0001 col=15 "3" "2"
    model.add(MaxPooling2D())
model.add(Flatten())
model.add(Dense(1, activation="sigmoid"))
