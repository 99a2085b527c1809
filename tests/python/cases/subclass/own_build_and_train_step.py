# A subclassed model that makes its layers in its own build(input_shape), which Keras runs
# before the first call, with a tf.function-decorated call() and a custom train_step.
#   'net', fitted on (100, 8) data in batches of 32: Dense(16) on 8 features,
#   8*16 + 16 = 144 params, and Dense(1), 16 + 1 = 17: 161 params, output (32, 1).
#   Its train_step reads the labels its own way (here not at all), so labels that the compiled
#   loss could not take, (100, 3, 5) against (32, 1), are no error: fit never computes that loss.
#   'net_1' (the second object of the class), called on keras.Input(shape=(8,)): Dense(4),
#   8*4 + 4 = 36, and Dense(1), 4 + 1 = 5: 41 params, output (None, 1).
import numpy as np
import tensorflow as tf
from tensorflow import keras


class Net(keras.Model):
    def __init__(self, units):
        super().__init__()
        self.units = units

    def build(self, input_shape):
        self.hidden = keras.layers.Dense(self.units, activation="relu")
        self.out = keras.layers.Dense(1)
        super().build(input_shape)

    @tf.function
    def call(self, x, training=None):
        return self.out(self.hidden(x))

    def train_step(self, data):
        x, y = data
        return {}


x = np.random.rand(100, 8).astype("float32")
y = np.random.rand(100, 3, 5)
net = Net(16)
net.compile(optimizer="adam", loss="mse")
net.fit(x, y, epochs=2)

net2 = Net(4)
out = net2(keras.Input(shape=(8,)))
net2.summary()
# expect: ok
# expect: results 2
# expect: verdict "ok model 'net'" "(32, 1)" "161"
# expect: verdict "ok model 'net_1'" "(None, 1)" "41"
