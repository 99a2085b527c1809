import numpy as np
from tensorflow import keras
from keras.preprocessing.sequence import pad_sequences
from keras.utils import to_categorical

x = pad_sequences([[1, 2], [3]], maxlen=-9223372036854775800)
y = to_categorical(np.zeros((2,)), num_classes=-9223372036854775800)
model = keras.Sequential([keras.layers.Embedding(10, 4), keras.layers.Flatten(), keras.layers.Dense(3)])
model.fit(x, y)
