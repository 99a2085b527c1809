# Not valid Python: the class statement lacks its colon.
from tensorflow import keras


class Projection(keras.layers.Layer)
    pass
