# EfficientNetV2B3 as tf-keras 2 builds it (applications/efficientnet_v2.py), default input
# 300x300, with the ImageNet top. keras.io rounds its size to 14.5M; the one exact table found
# (DeepVision's, github.com/DavidLandup0/deepvision, which agrees with the count below for B0,
# B1, B2, S, M and L) says 14,486,374 for its own B3, so the total here is counted
# independently from efficientnet_v2.py's blocks table "efficientnetv2-b3" (width 1.2, depth
# 1.4, round_filters to multiples of 8 without V1's +10% rule, repeats ceil(1.4 * n)):
#   stem Conv2D 3x3 3 -> 40 (no bias) + BatchNormalization 4 * 40;
#   FusedMBConv (expand e, kernel 3, input c, output o): with e != 1, 9*c*(c*e) + 4*c*e, then
#   1x1 (c*e)*o + 4*o; with e == 1, one 3x3 c*o + 4*o;
#   MBConv: 1x1 c*(c*e) + 4*c*e, depthwise 9*c*e + 4*c*e, squeeze-excite with s = int(c / 4):
#   2*c*e*s + s + c*e, 1x1 (c*e)*o + 4*o;
#   top Conv2D 1x1 232 -> 1536 + 4 * 1536, Dense 1536 -> 1000 with bias:
#   14,467,622 in all.
# expect: ok
from tensorflow import keras

model = keras.applications.EfficientNetV2B3()  # expect: params 14467622 model=efficientnetv2-b3
# expect: shape "(None, 1000)" model=efficientnetv2-b3
