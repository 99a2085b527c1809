# expect: ok
# DenseNet121, 169 and 201 with their ImageNet tops: the totals Keras publishes
# (keras.io/api/applications and each model's summary).
from tensorflow.keras.applications import DenseNet121, DenseNet169, DenseNet201

d121 = DenseNet121()
# expect: params 8062504 model=densenet121
# expect: shape "(None, 1000)" model=densenet121
d169 = DenseNet169(weights="imagenet")
# expect: params 14307880 model=densenet169
d201 = DenseNet201(include_top=True)
# expect: params 20242984 model=densenet201
# expect: shape "(None, 7, 7, 1920)" layer=relu model=densenet201
