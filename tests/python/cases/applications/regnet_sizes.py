# RegNet's arguments (tf-keras applications/regnet.py): model_name= comes first and names the
# model and its layers; include_preprocessing=False leaves out the Rescaling; without the top,
# any input of at least 32x32 (imagenet_utils.obtain_input_shape, min_size=32).
# A 32x32 input: the stem and the four stages each halve it ("same" padding, stride 2):
# 32 -> 16 -> 8 -> 4 -> 2 -> 1.
from tensorflow import keras

features = keras.applications.RegNetY002("tiny", include_top=False, include_preprocessing=False, input_shape=(32, 32, 3), pooling="avg")  # expect: shape "(None, 1, 1, 368)" layer=tiny_Stage_3_YBlock_6_exit_relu model=tiny
# Without the top: 3,183,844 - (368 * 1000 + 1000) = 2,814,844; no Rescaling (no weights).
# expect: params 2814844 model=tiny
# expect: shape "(None, 368)" model=tiny
too_small = keras.applications.RegNetX004(include_top=False, input_shape=(16, 16, 3))  # expect: error DS0008 col=13 "at least 32x32"
wrong_size = keras.applications.RegNetX006(input_shape=(256, 256, 3))  # expect: error DS0008 col=14 "(224, 224, 3)"
# input_tensor=: RegNet builds from the first Input its tensor comes from (regnet.py takes
# get_source_inputs(input_tensor)[0] as its start), so the Rescaling below is left out of it.
# 64 -> 32 -> 16 -> 8 -> 4 -> 2; without the top RegNetX002 has 2,705,640 - (368 * 1000 + 1000)
# = 2,336,640 weights (regnet_totals.py's count).
images = keras.Input((64, 64, 3))
scaled = keras.layers.Rescaling(2.0)(images)
from_tensor = keras.applications.RegNetX002(model_name="from_tensor", include_top=False, weights=None, input_tensor=scaled)  # expect: shape "(None, 2, 2, 368)" model=from_tensor
# expect: params 2336640 model=from_tensor
