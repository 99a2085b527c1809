# expect: ok
# The ResNet and ResNetV2 models with their ImageNet tops, built as users build them; each total
# is the one Keras publishes (keras.io/api/applications, and each model's summary).
from tensorflow import keras

resnet50 = keras.applications.ResNet50(weights="imagenet")
# expect: params 25636712 model=resnet50
# expect: shape "(None, 1000)" model=resnet50
resnet101 = keras.applications.ResNet101()
# expect: params 44707176 model=resnet101
resnet152 = keras.applications.resnet.ResNet152(weights=None)
# expect: params 60419944 model=resnet152
resnet50v2 = keras.applications.ResNet50V2(weights="imagenet")
# expect: params 25613800 model=resnet50v2
resnet101v2 = keras.applications.ResNet101V2(include_top=True)
# expect: params 44675560 model=resnet101v2
resnet152v2 = keras.applications.resnet_v2.ResNet152V2()
# expect: params 60380648 model=resnet152v2
# expect: shape "(None, 7, 7, 2048)" layer=post_relu model=resnet152v2
