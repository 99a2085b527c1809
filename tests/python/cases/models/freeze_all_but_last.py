# expect: ok
# Freezing all layers but the last ones in a loop over a long list of layers (the fine-tuning
# idiom): every layer the loop reaches is frozen, however many there are (a loop over a model's
# layers runs to its end, however long). 100 Dense(4) layers on 4 features:
# 20 weights each, 2,000 in all; the first 90 frozen, the last 10 train: 200 trainable.
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([layers.Dense(4, input_shape=(4,))])
for _ in range(99):
    model.add(layers.Dense(4))
for layer in model.layers[:-10]:
    layer.trainable = False
model.summary()  # expect: params 2000
# expect: trainable 200
