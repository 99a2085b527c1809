# A pipeline of file names mapped to decoded, resized images: tf.io.decode_png(channels=1) gives
# one channel (TensorFlow's static shape (None, None, 1) in a dataset's map function), and
# tf.image.resize sets height and width: (96, 96, 1) per image; batch(16) of the 4 files is one
# batch of 4, (4, 96, 96, 1) (Dataset.batch: a last batch holds what is left). The
# model declares 3 channels.
import tensorflow as tf

AUTOTUNE = tf.data.AUTOTUNE


def read_scan(path, label):
    raw = tf.io.read_file(path)
    scan = tf.io.decode_png(raw, channels=1)
    scan = tf.image.resize(scan, (96, 96)) / 255.0
    return scan, label


files = ["scan_0.png", "scan_1.png", "scan_2.png", "scan_3.png"]
labels = [0, 1, 1, 0]
scans = tf.data.Dataset.from_tensor_slices((files, labels)).map(read_scan, num_parallel_calls=AUTOTUNE)
detector = tf.keras.Sequential([
    tf.keras.Input(shape=(96, 96, 3)),  # expect: error DS0007 col=5 "(4, 96, 96, 1)"
    tf.keras.layers.Conv2D(8, 3, activation="relu"),
    tf.keras.layers.GlobalAveragePooling2D(),
    tf.keras.layers.Dense(1, activation="sigmoid"),
])
detector.compile(optimizer="adam", loss="binary_crossentropy")
detector.fit(scans.batch(16).prefetch(AUTOTUNE), epochs=1)
# Outside a map function, eager TensorFlow knows a decoded image's size, and dimsum does not:
# the image fed here is of unknown shape, never an error.
detector.predict(tf.expand_dims(tf.io.decode_png(tf.io.read_file("one.png"), channels=3), 0))
