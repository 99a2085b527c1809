import tensorflow as tf

# Misconfigured Convolutional Layer (kernel size too large)
input_data = tf.random.normal((100, 20, 20, 1)) #Smaller input
model = tf.keras.Sequential([
    tf.keras.layers.Conv2D(32, (30, 30), activation='relu'), #Kernel size larger than input
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(10)
])

try:
    model(input_data)
except ValueError as e:
    print(f"Caught ValueError: {e}")

#Corrected Configuration
model_corrected = tf.keras.Sequential([
    tf.keras.layers.Conv2D(32, (3, 3), activation='relu'), #Corrected Kernel Size
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(10)
])
model_corrected(input_data) #This should run
