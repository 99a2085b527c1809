# tf.reshape on a symbolic tensor to a shape of another size. The batch is fixed at 8, so the
# (8, 7, 7, 64) feature map holds 8*7*7*64 = 25088 values, and the code asks for
# (8, 49, 32) = 12544: TensorFlow's shape inference rejects it when the model is built
# ("Cannot reshape a tensor with 25088 elements to shape [8,49,32] (12544 elements)").
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(28, 28, 1), batch_size=8)
x = layers.Conv2D(64, 3, strides=4, padding="same")(inputs)
rows = x.shape[1] * x.shape[2]
x = tf.reshape(x, (x.shape[0], rows, 32))  # expect: error DS0003 col=5 "25088" "12544"
outputs = layers.Dense(10)(x)
model = keras.Model(inputs, outputs)
