# A custom layer that makes its weights as tf.Variable attributes in __init__ (with initializer
# objects called on a shape), as Keras' first subclassing examples do: Keras tracks each
# variable as a weight of the layer.
#   Scaler(3, 5): kernel 3*5 = 15, bias 5, and a frozen gain of 5 (trainable=False): 25 params,
#   20 of them trainable; output (None, 5). Dense(2) after: 5*2 + 2 = 12. Total 37.
import tensorflow as tf
from tensorflow import keras


class Scaler(keras.layers.Layer):
    def __init__(self, features, units, **kwargs):
        super().__init__(**kwargs)
        start = tf.random_normal_initializer(stddev=0.1)
        self.kernel = tf.Variable(initial_value=start(shape=(features, units)), trainable=True)
        self.bias = tf.Variable(tf.zeros_initializer()(shape=(units,)), trainable=True)
        self.gain = tf.Variable(tf.ones((units,)), trainable=False)

    def call(self, x):
        return (tf.matmul(x, self.kernel) + self.bias) * self.gain


inputs = keras.Input(shape=(3,))
h = Scaler(3, 5, name="scaler")(inputs)
outputs = keras.layers.Dense(2)(h)
model = keras.Model(inputs, outputs)
# expect: ok
# expect: params 37
# expect: params 25 layer=scaler
# expect: shape "(None, 5)" layer=scaler
