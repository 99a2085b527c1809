# MobileNetV3's own arguments (applications/mobilenet_v3.py). minimalistic=True: 3x3 kernels,
# ReLU, no squeeze-and-excite. Its total, counted by hand from the architecture (a batch
# normalization holds 4 per channel; in -> expanded -> out channels of each block):
#   stem Conv 3*3*3*16 + BN 64                                    496
#   block 0 (16, no expansion): dw 9*16 + 64, project 16*16 + 64   528
#   block 1 16->72->24: 16*72 + 288 + 9*72 + 288 + 72*24 + 96      4,200
#   block 2 24->88->24                                             5,816
#   block 3 24->96->40                                             7,936
#   blocks 4, 5 40->240->40                                  2 x 23,440
#   block 6 40->120->48                                           12,792
#   block 7 48->144->48                                           16,464
#   block 8 48->288->96                                           46,752
#   blocks 9, 10 96->576->96                                2 x 120,768
#   Conv_1 96*576 + BN 2,304                                      57,600
#   Conv_2 576*1024 + 1024 (bias)                                590,848
#   Logits 1024*1000 + 1000                                    1,025,000
#   total                                                      2,056,848
# With ImageNet weights alpha must be 1.0 when minimalistic (0.75 or 1.0 otherwise); the input
# at least 32x32 when both sizes are given.
import tensorflow as tf

minimal = tf.keras.applications.MobileNetV3Small(minimalistic=True)
# expect: params 2056848 model=MobilenetV3small
thin = tf.keras.applications.MobileNetV3Small(alpha=0.75, minimalistic=True)  # expect: error DS0008 col=8 "alpha"
small = tf.keras.applications.MobileNetV3Large(input_shape=(224, 16, 3), include_top=False)  # expect: error DS0008 col=9 "32"
