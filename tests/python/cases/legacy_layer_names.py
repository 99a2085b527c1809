# Keras 2 names (Convolution2D, MaxPool2D) imported from tensorflow.keras.layers:
# 20 -> conv 3x3: 18 -> pool 2x2: 9 -> conv 4x4: 6 -> conv 7x7 on a 6x6 map.
from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Convolution2D, MaxPool2D, Flatten, Dense

model = Sequential()
model.add(Convolution2D(16, (3, 3), input_shape=(20, 20, 3)))
model.add(MaxPool2D(pool_size=(2, 2)))
model.add(Convolution2D(32, (4, 4)))
model.add(Convolution2D(32, (7, 7)))  # expect: error DS0001 col=11 "7" "6"
model.add(Flatten())
model.add(Dense(1))
