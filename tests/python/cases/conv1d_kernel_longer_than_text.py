# Short texts padded to 5 tokens, then a Conv1D with a kernel of 7 tokens: 5 - 7 + 1 = -1.
import numpy as np
from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Embedding, Conv1D, GlobalMaxPooling1D, Dense

MAX_LEN = 5
VOCAB = 10000
model = Sequential([
    Embedding(input_dim=VOCAB, output_dim=64, input_length=MAX_LEN),
    Conv1D(128, 7, activation="relu"),  # expect: error DS0001 col=5 "7" "5"
    GlobalMaxPooling1D(),
    Dense(1, activation="sigmoid"),
])
x = np.random.randint(0, VOCAB, size=(32, MAX_LEN))
model.predict(x)
