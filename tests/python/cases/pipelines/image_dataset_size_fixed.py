# The fixed twin of image_dataset_size.py: image_size=(180, 180) on both datasets. The labels
# are int class ids, one per image (label_mode="int", the default: shape (batch_size,)), which
# sparse_categorical_crossentropy takes. The training set is split off with subset="both"
# (a tuple of the training and the validation datasets).
# expect: ok
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

train, valid = keras.utils.image_dataset_from_directory(
    "photos", validation_split=0.25, subset="both", seed=7, image_size=(180, 180))
classifier = keras.Sequential([
    keras.Input(shape=(180, 180, 3)),
    layers.Rescaling(1.0 / 255),
    layers.Conv2D(8, 3, activation="relu"),
    layers.GlobalAveragePooling2D(),
    layers.Dense(5),
])
classifier.compile(optimizer="adam",
                   loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
classifier.fit(train, validation_data=valid, epochs=2)
# batch_size=32 by default: batches (32, 180, 180, 3) through Conv2D(8, 3) ('valid' padding).
# expect: shape "(32, 178, 178, 8)" layer=conv2d
