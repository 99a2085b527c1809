# MNIST images are (60000, 28, 28), fed without a channel axis to input_shape=(28, 28, 1). tf.keras 2
# and Keras 3 add the trailing axis of 1 themselves before checking the data (tf.keras 2:
# Functional._conform_to_reference_input and InputSpec(allow_last_axis_squeeze=True); Keras 3:
# Functional._adjust_input_rank), so this runs.
# expect: ok
import tensorflow as tf

mnist = tf.keras.datasets.mnist
(x_train, y_train), (x_test, y_test) = mnist.load_data()
x_train, x_test = x_train / 255.0, x_test / 255.0

model = tf.keras.models.Sequential([
    tf.keras.layers.Conv2D(32, (3, 3), activation="relu", input_shape=(28, 28, 1)),
    tf.keras.layers.MaxPooling2D(2, 2),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(128, activation="relu"),
    tf.keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(x_train, y_train, epochs=5)
