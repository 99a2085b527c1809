# A residual block whose convolutions change the number of channels (32) while its shortcut
# keeps the input's (16): Add gets (None, 32, 32, 16) and (None, 32, 32, 32), and Keras raises
# "Inputs have incompatible shapes" when the outer model is built, at the Add's call in the
# block's call(); the Add is made in its __init__.
from tensorflow import keras
from tensorflow.keras import layers


class ResidualBlock(keras.Model):
    def __init__(self, filters):
        super().__init__()
        self.conv1 = layers.Conv2D(filters, 3, padding="same", activation="relu")
        self.conv2 = layers.Conv2D(filters, 3, padding="same")
        self.merge = layers.Add()

    def call(self, x):
        return self.merge([x, self.conv2(self.conv1(x))])  # expect: error DS0005 col=16 label=14


class Net(keras.Model):
    def __init__(self):
        super().__init__()
        self.stem = layers.Conv2D(16, 3, padding="same")
        self.block = ResidualBlock(32)
        self.pool = layers.GlobalAveragePooling2D()
        self.classifier = layers.Dense(10)

    def call(self, inputs):
        return self.classifier(self.pool(self.block(self.stem(inputs))))


model = Net()
model.build((None, 32, 32, 3))
