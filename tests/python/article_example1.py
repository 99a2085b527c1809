import tensorflow as tf

# Incorrect Reshape leading to a negative dimension
input_data = tf.random.normal((100, 28, 28)) # Shape (100, 28, 28)
model = tf.keras.Sequential([
    tf.keras.layers.Reshape((28, 28, 1)), #Incorrect Reshape
    tf.keras.layers.Conv2D(32, (3, 3), activation='relu'),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(10)
])

#The Reshape should have been (100, 28, 28, 1) to add the channel dimension.

try:
    model(input_data)
except ValueError as e:
    print(f"Caught ValueError: {e}")

#Corrected Version
input_data = tf.random.normal((100, 28, 28, 1))
model_corrected = tf.keras.Sequential([
    tf.keras.layers.Conv2D(32, (3, 3), activation='relu'),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(10)
])
model_corrected(input_data) #This should run without error
