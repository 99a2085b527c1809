# CIFAR-10's 32x32 images fed to a head on a VGG16 base built for 224x224 images: the data does
# not fit the base's input (Keras: "expected shape=(None, 224, 224, 3), found shape=(32, 32, 32,
# 3)").
from tensorflow import keras
from tensorflow.keras import layers

(x_train, y_train), _ = keras.datasets.cifar10.load_data()
base = keras.applications.VGG16(include_top=False, weights="imagenet", input_shape=(224, 224, 3))
base.trainable = False
inputs = keras.Input(shape=(224, 224, 3))  # expect: error DS0007 col=10 "224" "32"
x = base(inputs, training=False)
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(10, activation="softmax")(x)
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(x_train, y_train, epochs=1)
