# The subclassed MNIST model fed the images as load_data() gives them, (60000, 28, 28), with no
# channel axis. Keras builds the model at fit()'s first batch, (32, 28, 28), and Conv2D's input
# spec (min_ndim=4) rejects it: "Input 0 of layer conv2d is incompatible with the layer:
# expected min_ndim=4, found ndim=3". The error is shown at the call in call(), with the layer's place in __init__.
from tensorflow import keras
from tensorflow.keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train = x_train / 255.0


class MyModel(keras.Model):
    def __init__(self):
        super(MyModel, self).__init__()
        self.conv1 = layers.Conv2D(32, 3, activation="relu")
        self.flatten = layers.Flatten()
        self.d1 = layers.Dense(128, activation="relu")
        self.d2 = layers.Dense(10)

    def call(self, x):
        x = self.conv1(x)  # expect: error DS0002 col=13 label=15
        x = self.flatten(x)
        x = self.d1(x)
        return self.d2(x)


model = MyModel()
model.compile(optimizer="adam",
              loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
model.fit(x_train, y_train, epochs=5)
