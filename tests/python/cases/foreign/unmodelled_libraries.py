# Layers of libraries dimsum does not model: each is a layer whose output is unknown, named in
# a note; the layers before it are checked, and nothing is an error. Their losses, optimizers
# and tokenizers are no layers.
import tensorflow as tf
import tensorflow_addons as tfa
import tensorflow_hub as hub
from transformers import AutoTokenizer, TFAutoModel
import keras_nlp

tokenizer = AutoTokenizer.from_pretrained("bert-base-uncased")
inputs = tf.keras.Input(shape=(128,), dtype=tf.int32)
bert = TFAutoModel.from_pretrained("bert-base-uncased")  # expect: note DS0103 col=8 "transformers.TFAutoModel," "Hugging Face"
hidden = bert(inputs)[0]
encoded = keras_nlp.layers.TransformerEncoder(64, 4)(hidden)  # expect: note DS0103 col=11 "keras_nlp.layers.TransformerEncoder" "KerasNLP"
pooled = tf.keras.layers.GlobalAveragePooling1D()(encoded)
outputs = tf.keras.layers.Dense(2)(pooled)
text_model = tf.keras.Model(inputs, outputs)
text_model.compile(optimizer=tfa.optimizers.AdamW(1e-4, 1e-3), loss="mse")

images = tf.keras.Input(shape=(64, 64, 3))
x = tf.keras.layers.Conv2D(8, 3, name="conv")(images)
x = tfa.layers.GroupNormalization(groups=4)(x)  # expect: note DS0103 col=5 "tfa.layers.GroupNormalization" "TensorFlow Addons"
x = hub.KerasLayer("https://tfhub.dev/some/model/1")(x)  # expect: note DS0103 col=5 "hub.KerasLayer"
image_model = tf.keras.Model(images, x)
# expect: results 2
# expect: verdict "text_model" "not checked"
# expect: verdict "image_model" "checked in part"
# expect: shape "(None, 62, 62, 8)" layer=conv model=image_model
