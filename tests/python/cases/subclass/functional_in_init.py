# A keras.Model subclass whose __init__ builds a functional network and hands it to Keras'
# constructor, super().__init__(inputs=..., outputs=...): the object is that functional model.
# The seeded bug: Concatenate along axis 1 of (None, 6, 4) and (None, 6, 5) needs the other
# axes equal, and the last differs (4 vs 5): Keras raises "A `Concatenate` layer requires
# inputs with matching shapes except for the concatenation axis".
from tensorflow import keras
from tensorflow.keras import layers


class TwoTowers(keras.Model):
    def __init__(self, **kwargs):
        inputs = keras.Input(shape=(6, 3))
        left = layers.Dense(4)(inputs)
        right = layers.Dense(5)(inputs)
        joined = layers.Concatenate(axis=1)([left, right])  # expect: error DS0005 col=18 "4" "5"
        super().__init__(inputs=inputs, outputs=joined, **kwargs)


towers = TwoTowers(name="towers")
towers.summary()
