# Guide pattern: a variational autoencoder for 28x28 images. A Sampling layer draws
# z = mean + exp(log_var / 2) * noise with the batch and latent sizes read by tf.shape; an
# encoder functional model has three outputs (mean, log-variance, z); a decoder functional
# model turns z back into an image (a training step would join the two). The mean and
# log-variance heads are a small Layer subclass whose build(input_shape) makes its own weights
# with add_weight, so the parameter count must come from those weights' shapes.
#
# Worked out by hand (Conv2D / Conv2DTranspose "same" with stride 2 give ceil(n / 2) and 2n;
# Conv2D: k*k*in*filters + filters; Conv2DTranspose: k*k*filters*in + filters; Dense:
# in*units + units; Affine: its w of (in, units) plus its b of (units,)):
# encoder:
#   image                                                    (None, 28, 28, 1)
#   Conv2D(16, 3, strides=2, "same"): 3*3*1*16 + 16 = 160    (None, 14, 14, 16)
#   Conv2D(32, 3, strides=2, "same"): 3*3*16*32 + 32 = 4,640 (None, 7, 7, 32)
#   Flatten: 7*7*32 = 1,568                                  (None, 1568)
#   features Dense(24): 1568*24 + 24 = 37,656                (None, 24)
#   mean Affine(3): 24*3 + 3 = 75                            (None, 3)
#   log_var Affine(3): 75                                    (None, 3)
#   z Sampling: noise of (batch, 3)                          (None, 3)
#   total 160 + 4,640 + 37,656 + 75 + 75 = 42,606
# decoder:
#   code                                                     (None, 3)
#   Dense(7*7*32 = 1568): 3*1568 + 1568 = 6,272              (None, 1568)
#   Reshape((7, 7, 32)): 1,568 elements either way           (None, 7, 7, 32)
#   Conv2DTranspose(32, 3, strides=2, "same"): 3*3*32*32 + 32 = 9,248  (None, 14, 14, 32)
#   Conv2DTranspose(16, 3, strides=2, "same"): 3*3*16*32 + 16 = 4,624  (None, 28, 28, 16)
#   pixels Conv2DTranspose(1, 3, "same"): 3*3*1*16 + 1 = 145           (None, 28, 28, 1)
#   total 6,272 + 9,248 + 4,624 + 145 = 20,289
# Checked with TensorFlow.js 4.22 (Affine as a Dense of the same size, which holds the same
# two weights; Sampling left out, it has none): encoder 42606, decoder 20289.
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

LATENT = 3


class Affine(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units),
                                 initializer="random_normal", trainable=True)
        self.b = self.add_weight(shape=(self.units,), initializer="zeros", trainable=True)

    def call(self, inputs):
        return tf.matmul(inputs, self.w) + self.b


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
# expect: ok
# expect: results 2
# expect: params 42606 model=encoder
# expect: params 75 layer=mean model=encoder
# expect: shape "(None, 3)" layer=mean model=encoder
# expect: shape "(None, 3)" layer=z model=encoder
# expect: shape "(None, 3)" output=2 model=encoder
# expect: params 37656 layer=features model=encoder
# expect: params 20289 model=decoder
# expect: shape "(None, 7, 7, 32)" layer=unflatten model=decoder
# expect: shape "(None, 28, 28, 1)" model=decoder
