# Configuration kept in objects: class attributes, an instance of the class, a dataclass with
# defaults and with a field given, types.SimpleNamespace, a namedtuple (positional, keyword and
# defaults=), typing.NamedTuple, and a dict.
#   Input (MAX_LEN=20,); Embedding(1000, 8): 8,000; Flatten: 20*8 = 160.
#   Dense(cfg.UNITS = 32): 160*32 + 32 = 5,152.   Dense(Cfg().units = 16): 32*16 + 16 = 528.
#   Dense(Cfg(units=4).units = 4): 16*4 + 4 = 68. Dense(ns.width = 6): 4*6 + 6 = 30.
#   Dense(p.h = 5): 6*5 + 5 = 35.                Dense(p.w = 3, the default): 5*3 + 3 = 18.
#   Dense(Shape(7).depth = 7): 3*7 + 7 = 28.      Dense(conf["classes"] = 2): 7*2 + 2 = 16.
#   Total 8,000 + 5,152 + 528 + 68 + 30 + 35 + 18 + 28 + 16 = 13,875.
import collections
import types
from dataclasses import dataclass, field
from typing import NamedTuple

from tensorflow import keras
from tensorflow.keras import layers


class Config:
    MAX_LEN = 20
    UNITS = 32


@dataclass
class Cfg:
    units: int = 16
    vocabulary: int = 1000
    names: list = field(default_factory=list)


class Shape(NamedTuple):
    depth: int
    extra: int = 0


Pair = collections.namedtuple("Pair", "h w", defaults=[3])
ns = types.SimpleNamespace(width=6)
p = Pair(h=5)
conf = {"lr": 0.01, "classes": 2}
cfg = Config()

inputs = keras.Input(shape=(Config.MAX_LEN,))
x = layers.Embedding(Cfg().vocabulary, 8)(inputs)
x = layers.Flatten()(x)
x = layers.Dense(cfg.UNITS)(x)
x = layers.Dense(Cfg().units)(x)
x = layers.Dense(Cfg(units=4).units, name="given")(x)
x = layers.Dense(ns.width)(x)
x = layers.Dense(p.h)(x)
height, width = p
x = layers.Dense(width, name="unpacked")(x)
x = layers.Dense(Shape(7).depth)(x)
outputs = layers.Dense(conf["classes"])(x)
model = keras.Model(inputs, outputs)
# expect: ok
# expect: params 13875
# expect: shape "(None, 4)" layer=given
# expect: shape "(None, 3)" layer=unpacked
# expect: shape "(None, 2)"
