# Standalone Keras 2 (nb_epoch, a Keras 1 name it still took) checks targets strictly: a sequence
# tagger's (N, 20) class ids for a (None, 20, 50) output under sparse_categorical_crossentropy
# are refused ("expected time_distributed_1 to have 3 dimensions, but got array with shape
# (1000, 20)"; it wants (N, 20, 1)). tf.keras 2 and Keras 3 take them as they are.
import numpy as np
from keras.models import Sequential
from keras.layers import Embedding, Dense, TimeDistributed
from keras.layers.recurrent import LSTM

x = np.random.randint(0, 500, size=(1000, 20))
y = np.random.randint(0, 50, size=(1000, 20))
model = Sequential()
model.add(Embedding(500, 64, input_length=20))
model.add(LSTM(64, return_sequences=True))
model.add(TimeDistributed(Dense(50, activation="softmax")))  # expect: error DS0014 col=11 "standalone"
model.compile(loss="sparse_categorical_crossentropy", optimizer="adam")
model.fit(x, y, nb_epoch=5)
model.fit(x, y.reshape(1000, 20, 1), nb_epoch=5)
