# A layer whose arguments dimsum cannot take (here Dense without units, which Keras itself would
# refuse) is a note on that layer, its output unknown; the rest of the file is still checked.
import tensorflow as tf

broken = tf.keras.Sequential([
    tf.keras.Input(shape=(8,)),
    tf.keras.layers.Dense(activation="relu"),  # expect: note DS0103 col=5 "units"
    tf.keras.layers.Dense(1),
])
fine = tf.keras.Sequential([tf.keras.Input(shape=(8,)), tf.keras.layers.Dense(1)])
# expect: results 2
# expect: verdict "not checked: model 'broken'"
# expect: verdict "ok model 'fine' builds"
