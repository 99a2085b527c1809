# expect: ok
# A pretrained VGG16 without its top under a new head, frozen, as in Chollet's "Deep Learning
# with Python" (which prints these counts): the base at 150x150 has 14,714,688 weights and ends
# in (4, 4, 512); Flatten gives 8192; Dense(256): 8192*256 + 256 = 2,097,408; Dense(1): 257.
# Total 16,812,353, of which 2,097,665 train.
from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras.applications import VGG16

conv_base = VGG16(weights="imagenet", include_top=False, input_shape=(150, 150, 3))
conv_base.trainable = False
model = keras.Sequential([
    conv_base,
    layers.Flatten(),
    layers.Dense(256, activation="relu"),
    layers.Dense(1, activation="sigmoid"),
])  # expect: params 16812353 model=model
# expect: trainable 2097665 model=model
model.compile(optimizer="rmsprop", loss="binary_crossentropy", metrics=["accuracy"])

# The base's own layers: block5_pool of VGG16 at 224x224 is (7, 7, 512); the published total of
# VGG16 with its top is 138,357,544 (keras.io/api/applications).
full = keras.applications.vgg16.VGG16()  # expect: params 138357544 model=vgg16
feature_map = full.get_layer("block5_pool").output
pooled = keras.Model(full.input, layers.GlobalAveragePooling2D()(feature_map))  # expect: shape "(None, 512)" model=pooled
