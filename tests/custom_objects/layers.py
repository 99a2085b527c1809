# Custom layer classes that the configs in this folder name; given to dimsum with
# --custom-objects layers.py, as Keras' load_model takes them with custom_objects=.
import tensorflow as tf
from tensorflow import keras


class Projection(keras.layers.Layer):
    """An affine map of the last axis: kernel (in_features, units), offset (units,)."""

    def __init__(self, units=8, in_features=None, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.in_features = in_features

    def build(self, input_shape):
        # A saved in_features fixes the kernel's rows; without it they follow the input.
        rows = input_shape[-1] if self.in_features is None else self.in_features
        self.kernel = self.add_weight(shape=(rows, self.units), initializer="glorot_uniform")
        self.offset = self.add_weight(shape=(self.units,), initializer="zeros")

    def call(self, inputs):
        return tf.matmul(inputs, self.kernel) + self.offset

    def get_config(self):
        config = super().get_config()
        config.update({"units": self.units, "in_features": self.in_features})
        return config


class Bottleneck(keras.layers.Layer):
    """Widens to `hidden`, narrows back to `units`, and adds the input, scaled by a frozen
    factor."""

    def __init__(self, units, hidden, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.hidden = hidden
        self.widen = keras.layers.Dense(hidden, activation="relu")
        self.narrow = keras.layers.Dense(units)

    def build(self, input_shape):
        self.factor = self.add_weight(shape=(), initializer="ones", trainable=False)

    def call(self, inputs):
        return inputs + self.narrow(self.widen(inputs)) * self.factor

    def get_config(self):
        config = super().get_config()
        config.update({"units": self.units, "hidden": self.hidden})
        return config


class Eager(keras.layers.Layer):
    """Its output comes from Python code TensorFlow runs eagerly, which dimsum does not follow."""

    def call(self, inputs):
        return tf.py_function(lambda t: t * 2, [inputs], tf.float32)
