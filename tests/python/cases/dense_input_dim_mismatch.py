# Dense(input_dim=784) expects flattened images; the images are fed as (100, 28, 28).
import numpy as np
from keras.models import Sequential
from keras.layers import Dense

model = Sequential()
model.add(Dense(64, activation="relu", input_dim=784))  # expect: error DS0007 col=11
model.add(Dense(10, activation="softmax"))
data = np.random.random((100, 28, 28))
model.predict(data)
