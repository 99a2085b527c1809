# color_mode="grayscale" gives images of one channel (image_dataset_from_directory: grayscale 1,
# rgb 3, rgba 4), but the model's first convolution declares 3.
from tensorflow import keras

scans = keras.preprocessing.image_dataset_from_directory(
    "scans", color_mode="grayscale", image_size=(64, 64), batch_size=16)
model = keras.Sequential([
    keras.layers.Conv2D(16, 3, input_shape=(64, 64, 3)),  # expect: error DS0007 col=5 "(16, 64, 64, 1)"
    keras.layers.Flatten(),
    keras.layers.Dense(2, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(scans, epochs=1)
