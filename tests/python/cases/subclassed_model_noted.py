# A subclassed model is not followed yet: it is reported as not checked, with a note saying why,
# and the file is still checked (exit status 0), with its other models.
import tensorflow as tf
from tensorflow import keras


class Classifier(keras.Model):  # expect: note DS0103 col=1 "subclassed"
    def __init__(self):
        super().__init__()
        self.dense = keras.layers.Dense(10)

    def call(self, x):
        return self.dense(x)


mlp = keras.Sequential([keras.Input(shape=(20,)), keras.layers.Dense(10)])
mlp.predict(tf.zeros((4, 20)))
# expect: results 2
# expect: verdict "ok model 'mlp'" "builds"
# expect: verdict "not checked: model 'Classifier'" "subclassed model"
