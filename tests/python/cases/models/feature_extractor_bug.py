# A head put on the wrong layer's output: the flattened features are 5408 wide, but the new
# Dense is fed the conv's (26, 26, 8) map and a Reshape expects 16 values.
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(28, 28, 1))
x = layers.Conv2D(8, 3, name="conv")(inputs)
x = layers.Flatten(name="flat")(x)
x = layers.Dense(16, name="features")(x)
outputs = layers.Dense(10, name="classes")(x)
model = keras.Model(inputs, outputs)

# layers[-3] is 'flat' (5408 values), not 'features' (16): Reshape((4, 4)) needs 16.
y = layers.Reshape((4, 4))(model.layers[-3].output)  # expect: error DS0003 col=5 "5408" "16"
reshaped = keras.Model(model.input, y)
