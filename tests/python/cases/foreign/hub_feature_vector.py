# A TensorFlow Hub feature extractor with a declared output_shape: hub.KerasLayer sets its
# output's shape to the batch axis followed by output_shape (its call() and its
# compute_output_shape() both do), so the head after it is checked; the hub layer itself is
# named as a layer dimsum does not model, and the model is never said to build.
#   Sequential: KerasLayer(input_shape=(224, 224, 3), output_shape=[1280]) -> (None, 1280);
#   Dense(5): 1280*5 + 5 = 6,405.
import tensorflow as tf
import tensorflow_hub as hub

model = tf.keras.Sequential([
    hub.KerasLayer("https://tfhub.dev/google/imagenet/mobilenet_v2_100_224/feature_vector/5",  # expect: note DS0103 col=5 "hub.KerasLayer" "TensorFlow Hub"
                   output_shape=[1280], input_shape=(224, 224, 3), trainable=False),
    tf.keras.layers.Dense(5, name="head"),
])
# expect: verdict "not checked" "keras_layer" "compute_output_shape"
# expect: params 6405 layer=head
# expect: shape "(None, 5)"
