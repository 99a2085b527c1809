# A keras.Model subclass that only holds two models and trains them in its own train_step, with
# no call(): Keras never calls it on data, so it has no shapes of its own. dimsum checks the two
# models it holds where they are built and reports the trainer as not checked, saying why.
#   critic: Dense(16) 4*16 + 16 = 80, Dense(1) 17: 97 params
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

critic = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(16), layers.Dense(1)],
                          name="critic")
actor = keras.Sequential([keras.Input(shape=(3,)), layers.Dense(4)], name="actor")


class Trainer(keras.Model):
    def __init__(self, actor, critic):
        super().__init__()
        self.actor = actor
        self.critic = critic

    def train_step(self, data):
        with tf.GradientTape() as tape:
            score = self.critic(self.actor(data))
        return {"score": tf.reduce_mean(score)}


trainer = Trainer(actor, critic)
trainer.compile(optimizer="adam")
# expect: params 97 model=critic
# expect: verdict "not checked" "no call() of its own"
