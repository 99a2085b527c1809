# A model whose Input fixes the batch size at 25 (keras.Input(batch_size=25)) takes only batches
# of 25. 110 samples cut by batch(25) leave a last batch of 110 - 4 * 25 = 10 (Dataset.batch:
# drop_remainder=False keeps it), which Keras rejects; drop_remainder=True, repeat()
# before batch (every batch full), and take(100) (four full batches) are fine.
import numpy as np
import tensorflow as tf

rows = np.zeros((110, 7), "float32")
targets = np.zeros((110, 1), "float32")
table = tf.data.Dataset.from_tensor_slices((rows, targets))
model = tf.keras.Sequential([
    tf.keras.Input(shape=(7,), batch_size=25),  # expect: error DS0009 col=5 "10" label=8
    tf.keras.layers.Dense(3, activation="relu"),
    tf.keras.layers.Dense(1),
])
model.compile(optimizer="adam", loss="mse")
model.fit(table.shuffle(110).batch(25, drop_remainder=True), epochs=2)
model.fit(table.repeat().batch(25), steps_per_epoch=10)
model.fit(table.take(100).batch(25), epochs=2)
model.fit(table.batch(25), epochs=2)
