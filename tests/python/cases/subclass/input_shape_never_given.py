# A subclassed model whose input shape the code never gives: the data fed to it is read from a
# file at run time, so its shape is not known before the program runs. The model is reported
# as not checked, with the reason; the file is still read (exit status 0).
import numpy as np
from tensorflow import keras


class Classifier(keras.Model):  # expect: note DS0103 col=1 "input shape"
    def __init__(self):
        super().__init__()
        self.dense = keras.layers.Dense(10)

    def call(self, x):
        return self.dense(x)


data = np.load("features.npy")
labels = np.load("labels.npy")
model = Classifier()
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(data, labels)
# expect: results 1
# expect: verdict "not checked: model 'Classifier'" "subclassed model"
