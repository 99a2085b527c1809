# A keras.Model subclass that only overrides train_step, made functionally from inputs and
# outputs: Keras' own constructor makes it a functional model, checked as one; its custom
# train_step reads the labels its own way, so they are not checked.
#   Dense(16) on 12 features: 12*16 + 16 = 208; Dense(1): 16 + 1 = 17; total 225
import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers


class StepModel(keras.Model):
    def train_step(self, data):
        features, targets = data
        with tf.GradientTape() as tape:
            guess = self(features, training=True)
            loss = tf.reduce_mean(tf.square(guess - targets))
        return {"loss": loss}


inputs = keras.Input(shape=(12,))
hidden = layers.Dense(16, activation="relu")(inputs)
outputs = layers.Dense(1)(hidden)
model = StepModel(inputs, outputs, name="stepper")
model.compile(optimizer="adam")
model.fit(np.zeros((256, 12)), np.zeros((256, 1)), epochs=1)
# expect: ok
# expect: params 225
