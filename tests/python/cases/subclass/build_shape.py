# Subclassed models given their input shape by build(): Keras runs call() on a symbolic tensor
# of that shape, so the summary has shapes and parameter counts.
#   Dense(64) on 32 features: 32*64 + 64 = 2,112 params; Dense(10): 64*10 + 10 = 650.
#   Total 2,762; output (None, 10). Keras names the models after their classes: "mlp", and
#   the second object of the class "mlp_1".
# The layers live in a list made by a loop in __init__, as Keras tracks them.
from tensorflow import keras


class MLP(keras.Model):
    def __init__(self, sizes, **kwargs):
        super().__init__(**kwargs)
        self.hidden = []
        for size in sizes:
            self.hidden.append(keras.layers.Dense(size, activation="relu"))
        self.head = keras.layers.Dense(10)

    def call(self, inputs, training=None):
        x = inputs
        for layer in self.hidden:
            x = layer(x)
        return self.head(x)


model = MLP([64])
model.build((None, 32))
model.summary()

# build(input_shape=...) gives the same: 20*64 + 64 = 1,344 and 64*128 + 128 = 8,320 params,
# 128*10 + 10 = 1,290: total 10,954.
other = MLP([64, 128])
other.build(input_shape=(None, 20))
# expect: ok
# expect: results 2
# expect: verdict "ok model 'mlp'" "(None, 10)" "2,762"
# expect: verdict "ok model 'mlp_1'" "(None, 10)" "10,954"
