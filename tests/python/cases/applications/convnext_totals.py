# The ConvNeXts as tf-keras 2 builds them (applications/convnext.py), default input 224x224 and
# the ImageNet top. keras.io rounds their sizes down (28.6M, 50.2M, 88.5M, 197.7M, 350.1M); the
# exact totals below are counted from convnext.py's MODEL_CONFIGS (depths d, widths C0..C3) and
# the layers' weight formulas:
#   stem: Conv2D 4x4 stride 4 (3 -> C0, bias) 48*C0 + C0, LayerNormalization 2*C0;
#   before stage i+1: LayerNormalization 2*Ci, Conv2D 2x2 stride 2 4*Ci*C(i+1) + C(i+1);
#   each block of width C: depthwise Conv2D 7x7 (groups=C) 49*C + C, LayerNormalization 2*C,
#   Dense C -> 4C 4*C*C + 4*C, Dense 4C -> C 4*C*C + C, LayerScale gamma C: 8*C*C + 58*C;
#   head: LayerNormalization 2*C3, Dense(C3 -> 1000) with its bias.
# The Normalization of PreStem is given its mean and variance, so it makes no weights
# (tf-keras layers/preprocessing/normalization.py adds them only when mean is None).
# The same totals are published for torchvision's convnext_tiny/small/base/large (28,589,128,
# 50,223,688, 88,591,464, 197,767,336) and timm's convnext_xlarge (350,196,968): the same
# layers, with the layer scale as a weight too (torchvision's layer_scale) and no weights in
# the input normalization, so there is no difference to explain. (None of these counts was
# taken from dimsum.)
# expect: ok
from tensorflow import keras

tiny = keras.applications.ConvNeXtTiny()  # expect: params 28589128 model=convnext_tiny
# expect: shape "(None, 1000)" model=convnext_tiny

small = keras.applications.ConvNeXtSmall()  # expect: params 50223688 model=convnext_small

base = keras.applications.ConvNeXtBase()  # expect: params 88591464 model=convnext_base

large = keras.applications.ConvNeXtLarge()  # expect: params 197767336 model=convnext_large

xlarge = keras.applications.ConvNeXtXLarge()  # expect: params 350196968 model=convnext_xlarge
