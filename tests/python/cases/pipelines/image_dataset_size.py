# keras.utils.image_dataset_from_directory resizes every image to image_size, (256, 256) when
# not given, with 3 channels for color_mode="rgb" (its default); batches are
# (batch_size, 256, 256, 3). A model built for 180x180 images rejects them.
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

train = keras.utils.image_dataset_from_directory("photos/train", batch_size=20, seed=7)
valid = keras.utils.image_dataset_from_directory("photos/valid", image_size=(180, 180))
classifier = keras.Sequential([
    keras.Input(shape=(180, 180, 3)),  # expect: error DS0007 col=5 "(20, 256, 256, 3)" label=8
    layers.Rescaling(1.0 / 255),
    layers.Conv2D(8, 3, activation="relu"),
    layers.GlobalAveragePooling2D(),
    layers.Dense(5),
])
classifier.compile(optimizer="adam",
                   loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
classifier.fit(train.cache().prefetch(tf.data.AUTOTUNE), validation_data=valid, epochs=2)
