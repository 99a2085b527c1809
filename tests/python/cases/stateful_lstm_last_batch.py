# A stateful LSTM fixes the batch size at 32; 100 samples in batches of 32 leave a last batch of 4
# (100 = 3 * 32 + 4), which the stateful layer cannot take.
import numpy as np
import tensorflow as tf

BATCH = 32
model = tf.keras.Sequential([
    tf.keras.layers.LSTM(16, stateful=True, batch_input_shape=(BATCH, 10, 8)),  # expect: error DS0009 col=5 "32" "4"
    tf.keras.layers.Dense(1),
])
x = np.random.rand(100, 10, 8)
y = np.random.rand(100, 1)
model.fit(x, y, batch_size=BATCH, epochs=3, shuffle=False)
