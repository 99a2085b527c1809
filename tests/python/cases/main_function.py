# A script whose model is built in a function called from main(): the kernel of 9 does not fit
# the 8x8 input.
import numpy as np
import tensorflow as tf


def build_model(input_shape, num_classes, kernel=3):
    model = tf.keras.Sequential([
        tf.keras.layers.Conv2D(16, kernel, activation="relu", input_shape=input_shape),  # expect: error DS0001 col=9 "9" "8"
        tf.keras.layers.Flatten(),
        tf.keras.layers.Dense(num_classes),
    ])
    return model


def main():
    model = build_model((8, 8, 1), 10, kernel=9)
    model.compile(optimizer="adam", loss="mse")
    model.fit(np.zeros((32, 8, 8, 1)), np.zeros((32, 10)))


if __name__ == "__main__":
    main()
