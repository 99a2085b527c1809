# Keras 1 code as people still run it: Keras 1 argument names and signatures, mapped as Keras 2's
# legacy interfaces (keras/legacy/interfaces.py) map them.
import numpy as np
from keras.models import Sequential, Model
from keras.layers import (Input, Convolution2D, MaxPooling2D, Flatten, Dense, Dropout, LSTM,
                          TimeDistributedDense, merge)

# Theano ordering, written out: (1, 28, 28) -> Convolution2D(32, 3, 3) same: (32, 28, 28) ->
# subsample (2, 2), valid: (28-3)//2+1 = 13 -> pool 2: 6 -> 32*6*6 = 1152 -> 128 -> 10.
th = Sequential()
th.add(Convolution2D(32, 3, 3, border_mode="same", dim_ordering="th", input_shape=(1, 28, 28)))
th.add(Convolution2D(32, 3, 3, subsample=(2, 2), dim_ordering="th"))
th.add(MaxPooling2D(pool_size=(2, 2), dim_ordering="th"))
th.add(Flatten())
th.add(Dense(output_dim=128, init="he_normal", W_regularizer=None))
th.add(Dropout(p=0.5))
th.add(Dense(10))
th.fit(np.zeros((100, 1, 28, 28)), np.zeros((100, 10)), nb_epoch=1)

# The same input without dim_ordering: Keras 1.1+'s default is "tf" (channels_last), so the
# image is 1 pixel high with 28 channels, and a 3x3 kernel does not fit: (1-3)//1+1 = -1.
tf_order = Sequential()
tf_order.add(Convolution2D(32, 3, 3, input_shape=(1, 28, 28)))  # expect: error DS0001 col=14 "3" "1"
tf_order.add(Flatten())
tf_order.add(Dense(10))

# LSTM(output_dim, input_dim, input_length) is input_shape (10, 8): (10, 8) -> (10, 16), then
# TimeDistributedDense(3) = TimeDistributed(Dense(3)): (10, 3).
rnn = Sequential()
rnn.add(LSTM(output_dim=16, input_dim=8, input_length=10, return_sequences=True))
rnn.add(TimeDistributedDense(3))
rnn.predict(np.zeros((4, 10, 8)))

# The functional API of Keras 1: merge(mode="concat", concat_axis=1) of two (4,) inputs is (8,);
# Model(input=..., output=...).
a = Input(shape=(4,))
b = Input(shape=(4,))
joined = merge([a, b], mode="concat", concat_axis=1)
two = Model(input=[a, b], output=Dense(3)(joined))
two.predict([np.zeros((2, 4)), np.zeros((2, 4))])
# A dot product needs equal sizes on dot_axes: 4 against 5.
c = Input(shape=(5,))
bad_dot = merge([a, c], mode="dot", dot_axes=1)  # expect: error DS0005 col=11 "4" "5"
Model(input=[a, c], output=bad_dot).predict([np.zeros((2, 4)), np.zeros((2, 5))])
