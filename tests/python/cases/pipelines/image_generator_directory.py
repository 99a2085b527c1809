# ImageDataGenerator.flow_from_directory resizes to target_size, (256, 256) when not given, and
# its class_mode "binary" yields one float label per image, shape (batch_size,)
# (DirectoryIterator: binary and sparse give class ids, categorical one-hot rows). Two bugs:
# the validation iterator keeps the default size against a 150x150 model (line 19), and the
# binary labels meet a two-unit softmax under categorical_crossentropy, which takes one-hot rows.
from tensorflow.keras import layers, models
from tensorflow.keras.preprocessing.image import ImageDataGenerator

augment = ImageDataGenerator(rescale=1.0 / 255, horizontal_flip=True, validation_split=0.2)
train_flow = augment.flow_from_directory(
    "pets", target_size=(150, 150), class_mode="binary", batch_size=20, subset="training")
check_flow = augment.flow_from_directory("pets", class_mode="binary", subset="validation")
net = models.Sequential([
    layers.Conv2D(8, 3, activation="relu", input_shape=(150, 150, 3)),  # expect: error DS0007 col=5 "(32, 256, 256, 3)" label=12
    layers.MaxPooling2D(),
    layers.Flatten(),
    layers.Dense(2, activation="softmax"),  # expect: error DS0014 col=5 "(20,)" label=10
])
net.compile(optimizer="rmsprop", loss="categorical_crossentropy")
net.fit(train_flow, validation_data=check_flow, epochs=3)
