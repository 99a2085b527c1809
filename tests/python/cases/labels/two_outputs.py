# Two outputs, labels given as a list in the wrong order: Keras pairs a list of labels with the
# outputs in order, so the (N, 4) boxes meet 'cls' under sparse_categorical_crossentropy (tf.keras
# 2: "logits and labels must have the same first dimension") and the (N, 1) class ids meet 'box'
# under mse (broadcast across its 4 units). A dict by output name, or the right order, fits.
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

(x_train, y_train), _ = keras.datasets.cifar10.load_data()  # y_train: (50000, 1)
boxes = np.random.rand(50000, 4)
inputs = keras.Input(shape=(32, 32, 3))
h = layers.Conv2D(16, 3, activation="relu")(inputs)
h = layers.GlobalAveragePooling2D()(h)
cls = layers.Dense(10, activation="softmax", name="cls")(h)  # expect: error DS0014 col=7 "swapped" "order"
box = layers.Dense(4, name="box")(h)
model = keras.Model(inputs, [cls, box])
model.compile(optimizer="adam", loss=["sparse_categorical_crossentropy", "mse"],
              loss_weights=[1.0, 0.5], metrics=[["accuracy"], []])
model.fit(x_train, [y_train, boxes], epochs=1)
model.fit(x_train, {"box": boxes, "cls": y_train}, epochs=1)
model.fit(x_train, [boxes, y_train], epochs=1)
