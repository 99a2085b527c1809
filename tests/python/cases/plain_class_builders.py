# Models built by the methods of plain classes, as books and reinforcement-learning code write
# them: a @staticmethod builder called on the class, an __init__ that stores the model an
# instance method builds, a @classmethod that makes an instance.
# LeNet: Conv2D 5x5 "same" on 28x28x1, 20 filters: 5*5*1*20 + 20 = 520 params; pooling 2x2 ->
# (14, 14, 20); Flatten 3920; Dense(10): 3920*10 + 10 = 39,210; 39,730 in all.
# Agent: Dense(64) on 8 inputs: 8*64 + 64 = 576; Dense(4): 64*4 + 4 = 260; 836 in all.
import tensorflow as tf
from tensorflow.keras import layers, models

class LeNet:
    @staticmethod
    def build(width, height, depth, classes):
        model = models.Sequential()
        model.add(layers.Conv2D(20, 5, padding="same", input_shape=(height, width, depth)))
        model.add(layers.MaxPooling2D(pool_size=(2, 2), strides=(2, 2)))
        model.add(layers.Flatten())
        model.add(layers.Dense(classes, activation="softmax"))
        return model

class Agent:
    def __init__(self, n_inputs, n_actions):
        self.n_inputs = n_inputs
        self.n_actions = n_actions
        self.model = self.build_model()

    def build_model(self):
        inputs = layers.Input(shape=(self.n_inputs,))
        x = layers.Dense(64, activation="relu")(inputs)
        outputs = layers.Dense(self.n_actions)(x)
        return models.Model(inputs, outputs)

    @classmethod
    def default(cls):
        return cls(8, 4)

net = LeNet.build(width=28, height=28, depth=1, classes=10)
agent = Agent(8, 4)
other = Agent.default()
agent.model.predict(tf.zeros((2, 8)))
# expect: results 3
# expect: verdict "ok model 'model' builds" "(None, 10)" "39,730 params"
# expect: verdict "ok model 'model' (fed on line 39) builds" "(2, 4)" "836 params"
