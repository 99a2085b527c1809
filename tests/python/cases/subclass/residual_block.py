# A residual block as a nested subclassed Model, two of them in a list, in a subclassed model
# built with build((None, 32, 32, 3)). Keras runs the outer call(), which calls each block on
# the symbolic tensor, which runs the block's call().
#   stem Conv2D(16, 3, "same"): (None, 32, 32, 16), 3*3*3*16 + 16 = 448 params
#   each block: two Conv2D(16, 3, "same") of 3*3*16*16 + 16 = 2,320 params, Add of two
#     (None, 32, 32, 16): 4,640 per block, 9,280 for two
#   GlobalAveragePooling2D -> (None, 16); Dense(10): 16*10 + 10 = 170
# Total 448 + 9,280 + 170 = 9,898; output (None, 10).
from tensorflow import keras
from tensorflow.keras import layers


class ResidualBlock(keras.Model):
    def __init__(self, filters):
        super().__init__()
        self.conv1 = layers.Conv2D(filters, 3, padding="same", activation="relu")
        self.conv2 = layers.Conv2D(filters, 3, padding="same")
        self.merge = layers.Add()

    def call(self, x, training=False):
        y = self.conv1(x)
        y = self.conv2(y)
        return self.merge([x, y])


class ResNet(keras.Model):
    def __init__(self, num_classes=10):
        super().__init__()
        self.stem = layers.Conv2D(16, 3, padding="same", activation="relu")
        self.blocks = [ResidualBlock(16) for _ in range(2)]
        self.pool = layers.GlobalAveragePooling2D()
        self.classifier = layers.Dense(num_classes)

    def call(self, inputs, training=False):
        x = self.stem(inputs)
        for block in self.blocks:
            x = block(x, training=training)
        x = self.pool(x)
        return self.classifier(x)


model = ResNet()
model.build((None, 32, 32, 3))
model.summary()
# expect: ok
# expect: results 1
# expect: verdict "ok model 'res_net'" "(None, 10)" "9,898"
