# ConvNeXt without the top (tf-keras applications/convnext.py): the features end in an unnamed
# LayerNormalization, after the pooling when there is one. The stem (a 4x4 stride-4 convolution)
# and the three 2x2 stride-2 downsampling convolutions are "valid": 224 -> 56 -> 28 -> 14 -> 7,
# and 32 -> 8 -> 4 -> 2 -> 1 at the smallest size Keras accepts (min_size=32).
# expect: ok
from tensorflow import keras

tiny = keras.applications.ConvNeXtTiny()
# The stem and each downsampling block are nested Sequential models; the blocks keep their shape.
# expect: shape "(None, 56, 56, 96)" layer=convnext_tiny_stem model=convnext_tiny
# Stem: 4*4*3*96 + 96 + 2*96 = 4,896 weights.
# expect: params 4896 layer=convnext_tiny_stem model=convnext_tiny
# expect: shape "(None, 7, 7, 768)" layer=convnext_tiny_downsampling_block_2 model=convnext_tiny
# expect: shape "(None, 7, 7, 768)" layer=convnext_tiny_stage_3_block_2_layer_scale model=convnext_tiny
# expect: params 768 layer=convnext_tiny_stage_3_block_2_layer_scale model=convnext_tiny
# expect: shape "(None, 7, 7, 3072)" layer=convnext_tiny_stage_3_block_2_pointwise_conv_1 model=convnext_tiny

# Without the top: 28,589,128 - (768 * 1000 + 1000) = 27,820,128 (the LayerNormalization of the
# features replaces the head's; Hugging Face's ConvNextModel for convnext-tiny-224, the same
# layers without the classifier, is also 27,820,128).
features = keras.applications.ConvNeXtTiny(model_name="features", include_top=False, input_shape=(32, 32, 3))
# expect: shape "(None, 1, 1, 768)" model=features
# expect: params 27820128 model=features

pooled = keras.applications.ConvNeXtSmall("pooled", include_top=False, weights=None, input_shape=(64, 64, 3), pooling="max")  # expect: shape "(None, 768)" model=pooled
# ConvNeXtSmall without the top: 50,223,688 - 769,000 = 49,454,688.
# expect: params 49454688 model=pooled
# expect: shape "(None, 2, 2, 768)" layer=pooled_stage_3_block_2_identity model=pooled

# One channel: PreStem's Normalization is left out (it is for 3 channels only), and the stem
# convolution has 4*4*1*96 weights instead of 4*4*3*96: 27,820,128 - 3,072 = 27,817,056.
gray = keras.applications.ConvNeXtTiny(model_name="gray", include_top=False, weights=None, input_shape=(96, 96, 1))  # expect: shape "(None, 3, 3, 768)" model=gray
# expect: params 27817056 model=gray

# input_tensor=: ConvNeXt builds from the first Input its tensor comes from (convnext.py takes
# get_source_inputs(input_tensor)[0] as its start): 64 -> 16 -> 8 -> 4 -> 2.
images = keras.Input((64, 64, 3))
scaled = keras.layers.Rescaling(2.0)(images)
from_tensor = keras.applications.ConvNeXtTiny(model_name="from_tensor", include_top=False, weights=None, input_tensor=scaled)  # expect: shape "(None, 2, 2, 768)" model=from_tensor
# expect: params 27820128 model=from_tensor
