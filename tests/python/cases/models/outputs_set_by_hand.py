# expect: ok
# Outputs set by hand on a model (an old Keras idiom for a feature extractor): standalone Keras
# runs the model to the new outputs, tf.keras 2 keeps running its whole graph, so a VGG19 with its
# 224x224 top called on 256x256 images works in one and fails in the other. dimsum does not
# follow such a model (a note) and reports no error.
from keras.applications import VGG19
from keras.layers import Input
from keras.models import Model

vgg = VGG19(weights="imagenet")  # expect: note DS0103 col=7
vgg.outputs = [vgg.layers[9].output]
images = Input(shape=(256, 256, 3))
features = vgg(images)
model = Model(inputs=[images], outputs=[features])
