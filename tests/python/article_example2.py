import tensorflow as tf
import numpy as np

#Simulating incompatible input data
input_data = [np.random.rand(28,28) for _ in range(100)] #List of arrays.
input_data_tensor = tf.convert_to_tensor(input_data)


model = tf.keras.Sequential([
    tf.keras.layers.Reshape((28, 28, 1)),
    tf.keras.layers.Conv2D(32, (3, 3), activation='relu'),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(10)
])

try:
    model(input_data_tensor)
except ValueError as e:
    print(f"Caught ValueError: {e}")

#Corrected Version: Ensure consistent shape in the dataset
input_data_corrected = np.array([np.random.rand(28,28) for _ in range(100)])
input_data_tensor_corrected = tf.convert_to_tensor(np.expand_dims(input_data_corrected, axis=-1))
model(input_data_tensor_corrected) #Should run without error
