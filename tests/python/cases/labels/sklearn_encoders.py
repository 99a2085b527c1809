# Labels made with scikit-learn and pandas. CIFAR-10's labels are (50000, 1) class ids 0..9, every
# one present: OneHotEncoder makes one column per class that occurs, (50000, 10), as does
# pd.get_dummies; LabelEncoder gives (50000,) ids; train_test_split keeps ceil(0.2 * 50000) =
# 10000 samples for the test part and 40000 for the train part of every array it is given.
# Under categorical_crossentropy the one-hot labels fit a Dense(10) output, and the ids do not
# (tf.keras 2: "Shapes (None, 1) and (None, 10) are incompatible").
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import LabelEncoder, OneHotEncoder, StandardScaler
from tensorflow import keras

(x, y), _ = keras.datasets.cifar10.load_data()
onehot = OneHotEncoder().fit_transform(y.reshape(-1, 1)).toarray()
dummies = pd.get_dummies(y.ravel()).values
encoder = LabelEncoder()
encoder.fit(y.ravel())
ids = encoder.transform(y.ravel())
features = StandardScaler().fit_transform(x.reshape(50000, -1))
x_train, x_test, y_train, y_test = train_test_split(features, onehot, test_size=0.2)

model = keras.Sequential([
    keras.layers.Dense(64, activation="relu", input_shape=(3072,)),
    keras.layers.Dense(10, activation="softmax"),  # expect: error DS0014 col=5 "to_categorical" label=18
])
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, validation_data=(x_test, y_test))
model.fit(features, dummies)
model.fit(features, ids)
