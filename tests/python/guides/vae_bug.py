# The variational autoencoder of vae.py with one seeded bug in the Affine layer's build(): its
# kernel is made (units, input features), transposed, where call() multiplies the input by it
# as (input features, units). For the mean head on 24 features:
#   inputs (None, 24) @ w (3, 24)
# tf.matmul needs the first operand's last axis (24) to equal the second's first (3): the
# MatMul shape function fails when the encoder calls the layer ("Dimensions must be equal, but
# are 24 and 3"). The error belongs on the tf.matmul line inside call().
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

LATENT = 3


class Affine(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(self.units, input_shape[-1]),
                                 initializer="random_normal", trainable=True)
        self.b = self.add_weight(shape=(self.units,), initializer="zeros", trainable=True)

    def call(self, inputs):
        return tf.matmul(inputs, self.w) + self.b  # expect: error DS0005 col=16 "24" "3"


class Sampling(layers.Layer):
    def call(self, inputs):
        mean, log_var = inputs
        batch = tf.shape(mean)[0]
        dim = tf.shape(mean)[1]
        noise = tf.random.normal(shape=(batch, dim))
        return mean + tf.exp(0.5 * log_var) * noise


image = keras.Input(shape=(28, 28, 1))
h = layers.Conv2D(16, 3, strides=2, padding="same", activation="relu")(image)
h = layers.Conv2D(32, 3, strides=2, padding="same", activation="relu")(h)
h = layers.Flatten()(h)
h = layers.Dense(24, activation="relu", name="features")(h)
mean = Affine(LATENT, name="mean")(h)
log_var = Affine(LATENT, name="log_var")(h)
z = Sampling(name="z")([mean, log_var])
encoder = keras.Model(image, [mean, log_var, z], name="encoder")
encoder.summary()

code = keras.Input(shape=(LATENT,))
g = layers.Dense(7 * 7 * 32, activation="relu")(code)
g = layers.Reshape((7, 7, 32), name="unflatten")(g)
g = layers.Conv2DTranspose(32, 3, strides=2, padding="same", activation="relu")(g)
g = layers.Conv2DTranspose(16, 3, strides=2, padding="same", activation="relu")(g)
pixels = layers.Conv2DTranspose(1, 3, padding="same", activation="sigmoid", name="pixels")(g)
decoder = keras.Model(code, pixels, name="decoder")
decoder.summary()
