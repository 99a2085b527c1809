# image_dataset_from_directory's label_mode: "categorical" gives one-hot rows over the classes,
# (batch_size, number of classes); class_names lists 3 classes, so the labels are (32, 3). They
# do not fit sparse_categorical_crossentropy, which takes one id per image. Without
# class_names the number of classes is that of the folders on disk, unknown here, so the same
# labels are not judged; label_mode="binary" gives (batch_size, 1) floats, which fit a
# one-unit sigmoid under binary_crossentropy.
from tensorflow import keras

named = keras.utils.image_dataset_from_directory(
    "leaves", label_mode="categorical", class_names=["oak", "elm", "ash"], image_size=(96, 96))
unnamed = keras.utils.image_dataset_from_directory(
    "leaves", label_mode="categorical", image_size=(96, 96))
pairs = keras.utils.image_dataset_from_directory("pairs", label_mode="binary", image_size=(96, 96))

three = keras.Sequential([
    keras.Input(shape=(96, 96, 3)),
    keras.layers.Conv2D(4, 5, strides=4),
    keras.layers.Flatten(),
    keras.layers.Dense(3, activation="softmax"),  # expect: error DS0014 col=5 "(32, 3)" label=9
])
three.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
three.fit(named, epochs=1)
three.fit(unnamed, epochs=1)
two = keras.Sequential([
    keras.Input(shape=(96, 96, 3)), keras.layers.Flatten(), keras.layers.Dense(1, activation="sigmoid"),
])
two.compile(optimizer="adam", loss="binary_crossentropy")
two.fit(pairs, epochs=1)
