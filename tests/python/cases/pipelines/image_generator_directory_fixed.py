# The fixed twin of image_generator_directory.py: both iterators at 150x150, and class_mode
# "categorical" (one-hot rows over the classes, which the folders on disk decide) under
# categorical_crossentropy; color_mode="rgba" gives 4 channels, which the model takes.
# expect: ok
from tensorflow.keras import layers, models
from tensorflow.keras.preprocessing.image import ImageDataGenerator

augment = ImageDataGenerator(rescale=1.0 / 255, validation_split=0.2)
train_flow = augment.flow_from_directory(
    "pets", target_size=(150, 150), color_mode="rgba", batch_size=20, subset="training")
check_flow = augment.flow_from_directory(
    "pets", target_size=(150, 150), color_mode="rgba", subset="validation")
net = models.Sequential([
    layers.Conv2D(8, 3, activation="relu", input_shape=(150, 150, 4)),
    layers.MaxPooling2D(),
    layers.Flatten(),
    layers.Dense(2, activation="softmax"),
])
net.compile(optimizer="rmsprop", loss="categorical_crossentropy")
net.fit(train_flow, validation_data=check_flow, epochs=3)
