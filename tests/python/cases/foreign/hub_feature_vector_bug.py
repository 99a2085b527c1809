# The head after a hub layer of declared output_shape=[1280] is still checked: a Reshape to
# (32, 32, 1) needs 1,024 values per sample, not 1,280, which Keras rejects.
import tensorflow as tf
import tensorflow_hub as hub

model = tf.keras.Sequential([
    hub.KerasLayer("https://tfhub.dev/google/imagenet/mobilenet_v2_100_224/feature_vector/5",  # expect: note DS0103 col=5 "hub.KerasLayer"
                   output_shape=[1280], input_shape=(224, 224, 3)),
    tf.keras.layers.Reshape((32, 32, 1)),  # expect: error DS0003 col=5 "1280" "1024"
])
