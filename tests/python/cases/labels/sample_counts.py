# The inputs and the labels hold different numbers of samples: tf.keras 2 and Keras 3 raise
# "Data cardinality is ambiguous: x sizes: 50000 y sizes: 10000"; standalone Keras "Input arrays
# should have the same number of samples as target arrays".
import numpy as np
from tensorflow import keras

(x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
model = keras.Sequential([
    keras.layers.Flatten(input_shape=(32, 32, 3)),
    keras.layers.Dense(10, activation="softmax"),  # expect: error DS0015 col=5 "50000" "10000"
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_test, epochs=2)
model.fit(x_train, y_train, epochs=2, sample_weight=np.ones(50000))
