# Arguments keras.applications rejects before making a model (imagenet_utils.obtain_input_shape
# and the checks each application starts with): every one is a ValueError in Keras.
from tensorflow import keras

# VGG16's smallest input is 32x32.
tiny = keras.applications.VGG16(include_top=False, input_shape=(16, 16, 3))  # expect: error DS0008 col=8 "32x32"
# With the ImageNet top, the input must be the size the weights were trained at, (224, 224, 3).
resized = keras.applications.VGG16(weights="imagenet", input_shape=(150, 150, 3))  # expect: error DS0008 col=11 "(224, 224, 3)"
# ImageNet weights take RGB images.
gray = keras.applications.VGG19(include_top=False, input_shape=(64, 64, 1))  # expect: error DS0008 col=8 "3 channels"
# The ImageNet top has 1000 classes.
ten = keras.applications.VGG16(weights="imagenet", classes=10)  # expect: error DS0008 col=7 "1000"

# Without pretrained weights, any number of channels and classes is fine (32x32 is the minimum).
fine = keras.applications.VGG16(weights=None, input_shape=(32, 32, 1), classes=10)  # expect: shape "(None, 10)" model=vgg16
