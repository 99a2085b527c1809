# expect: ok
# Class ids changed in place (y[y > 6] -= 2 turns ids 0-9 into 0-7, as in Géron's "Hands-On
# Machine Learning" split of Fashion-MNIST) are no longer the ids the dataset gives: the
# 8-class output is not checked against ids up to 9.
import tensorflow as tf

(X_train, y_train), _ = tf.keras.datasets.fashion_mnist.load_data()
mask = (y_train == 5) | (y_train == 6)
X_A, y_A = X_train[~mask], y_train[~mask]
y_A[y_A > 6] -= 2
model = tf.keras.Sequential([
    tf.keras.layers.Flatten(input_shape=[28, 28]),
    tf.keras.layers.Dense(100, activation="relu"),
    tf.keras.layers.Dense(8, activation="softmax"),
])
model.compile(loss="sparse_categorical_crossentropy", optimizer="sgd")
model.fit(X_A, y_A, epochs=1)
