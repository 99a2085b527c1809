# expect: results 6
# Models made from another model's tensors: Keras' get_layer(name).output, layers[i].output and
# a Sequential's input once it declares its input shape. Counts worked out by hand:
#   conv 3x3x1x8 + 8 = 80; its output (26, 26, 8) flattens to 5408; Dense(16): 5408*16 + 16 =
#   86,544; Dense(10): 16*10 + 10 = 170.
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(28, 28, 1))
x = layers.Conv2D(8, 3, name="conv")(inputs)
x = layers.Flatten(name="flat")(x)
x = layers.Dense(16, name="features")(x)
outputs = layers.Dense(10, name="classes")(x)
model = keras.Model(inputs, outputs)  # expect: params 86794 model=model

# The features, by name and by position (layers[-2]: the InputLayer is layers[0]).
by_name = keras.Model(inputs=model.input, outputs=model.get_layer("features").output)  # expect: params 86624 model=by_name
by_index = keras.Model(model.inputs, model.layers[-2].output)  # expect: shape "(None, 16)" model=by_index
# A new head on the features: 86,624 + 16*3 + 3 = 86,675.
head = layers.Dense(3, name="head")(model.get_layer("features").output)
retrained = keras.Model(model.input, head)  # expect: params 86675 model=retrained

# A Sequential that declares its input is a graph too: Dense(8) on 4 features 4*8 + 8 = 40,
# Dense(3) 8*3 + 3 = 27 (and Dense(1), 4, which the extractor leaves out).
seq = keras.Sequential([layers.Dense(8, input_shape=(4,)), layers.Dense(3), layers.Dense(1)])
extractor = keras.Model(seq.input, seq.layers[-2].output)  # expect: params 67 model=extractor
