# K.set_image_dim_ordering("th") (Keras 1 and 2.0-2.3; K.set_image_data_format("channels_first")
# since) makes channels_first the layout of the image layers made after it that do not say:
# input_shape=(3, 32, 32) is 3 channels of 32x32. Conv2D 3x3: (8, 30, 30), 3*3*3*8 + 8 = 224
# params; MaxPooling2D 2x2: (8, 15, 15); Flatten: 1800; Dense(10): 1800*10 + 10 = 18,010.
# Read as channels_last the pooling would take a height of 1 (3 - 3 + 1) down to 0.
from keras import backend as K
from keras.models import Sequential
from keras.layers import Conv2D, MaxPooling2D, Flatten, Dense

K.set_image_dim_ordering("th")
model = Sequential([
    Conv2D(8, (3, 3), input_shape=(3, 32, 32)),
    MaxPooling2D((2, 2)),
    Flatten(),
    Dense(10),
])
# expect: verdict "ok model 'model' builds" "(None, 10)" "18,234 params"
