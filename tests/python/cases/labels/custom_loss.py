# A custom loss function is not followed: the labels are listed as not checked, never judged.
import numpy as np
import tensorflow as tf

def weighted_mse(y_true, y_pred):
    return tf.reduce_mean(tf.square(y_true - y_pred) * 2.0)

x = np.random.rand(100, 4)
y = np.random.rand(100, 3)
model = tf.keras.Sequential([tf.keras.layers.Dense(1, input_shape=(4,))])
model.compile(optimizer="adam", loss=weighted_mse)
model.fit(x, y)
# expect: verdict "not checked" "custom loss 'weighted_mse'"
