#!/usr/bin/env python3
"""Writes the tf.keras 2 config (what model.to_json() gives) of keras.applications models,
without TensorFlow.

Each builder below follows keras/applications/<model>.py of tf.keras 2.x layer by layer: the
same layer classes, names (given ones, and tf.keras' automatic ones such as "conv2d_26" where the
source gives none), configs and connections. Where Keras derives a value from a tensor's shape
(MobileNetV2's expanded channels, DenseNet's transition filters, imagenet_utils.correct_pad),
the builder tracks the spatial sizes and channels the same way.

    keras_applications.py MODEL [--input-size N] [--no-top] > model.json
    keras_applications.py --list
"""

import argparse
import json
import math
import re
import sys


def snake_case(class_name):
    """tf.keras' automatic layer name for a class: Conv2D -> conv2d, ReLU -> re_lu."""
    intermediate = re.sub("(.)([A-Z][a-z0-9]+)", r"\1_\2", class_name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", intermediate).lower()


GLOROT = {"class_name": "GlorotUniform", "config": {"seed": None}}
ZEROS = {"class_name": "Zeros", "config": {}}
ONES = {"class_name": "Ones", "config": {}}


class Tensor:
    """A layer's output: where it comes from, and its spatial sizes and channels."""

    def __init__(self, layer, height, width, channels):
        self.layer, self.height, self.width, self.channels = layer, height, width, channels


def window(size, kernel, stride, padding):
    if padding == "same":
        return -(-size // stride)
    return (size - kernel) // stride + 1


class Builder:
    """A functional model under construction, named as tf.keras names layers."""

    def __init__(self, name):
        self.name = name
        self.layers = []
        self.counts = {}

    def _name(self, class_name, name):
        if name:
            return name
        base = "input" if class_name == "InputLayer" else snake_case(class_name)
        n = self.counts.get(base, 0)
        self.counts[base] = n + 1
        if class_name == "InputLayer":
            return f"input_{n + 1}"
        return base if n == 0 else f"{base}_{n}"

    def add(self, class_name, config, inputs, out, name=None, call_kwargs=None):
        name = self._name(class_name, name)
        layer_config = {"name": name, "trainable": True, "dtype": "float32"}
        layer_config.update(config)
        kwargs = call_kwargs or {}
        self.layers.append({
            "class_name": class_name,
            "config": layer_config,
            "name": name,
            "inbound_nodes": [[[t.layer, 0, 0, kwargs] for t in inputs]] if inputs else [],
        })
        return Tensor(name, *out)

    def input(self, size, channels=3):
        name = self._name("InputLayer", None)
        self.layers.append({
            "class_name": "InputLayer",
            "config": {"batch_input_shape": [None, size, size, channels], "dtype": "float32",
                       "sparse": False, "ragged": False, "name": name},
            "name": name,
            "inbound_nodes": [],
        })
        self.inputs = [name]
        return Tensor(name, size, size, channels)

    def model(self, output):
        return {
            "class_name": "Functional",
            "config": {
                "name": self.name,
                "trainable": True,
                "layers": self.layers,
                "input_layers": [[n, 0, 0] for n in self.inputs],
                "output_layers": [[output.layer, 0, 0]],
            },
            "keras_version": "2.13.1",
            "backend": "tensorflow",
        }

    # Layers, with tf.keras 2's default config values.

    def conv2d(self, x, filters, kernel, strides=1, padding="valid", use_bias=True,
               activation="linear", name=None, groups=1, initializer=None):
        k = kernel if isinstance(kernel, tuple) else (kernel, kernel)
        s = strides if isinstance(strides, tuple) else (strides, strides)
        padding = padding.lower()
        config = {
            "filters": filters, "kernel_size": list(k), "strides": list(s), "padding": padding,
            "data_format": "channels_last", "dilation_rate": [1, 1], "groups": groups,
            "activation": activation, "use_bias": use_bias,
            "kernel_initializer": initializer or GLOROT, "bias_initializer": ZEROS,
            "kernel_regularizer": None, "bias_regularizer": None, "activity_regularizer": None,
            "kernel_constraint": None, "bias_constraint": None,
        }
        out = (window(x.height, k[0], s[0], padding), window(x.width, k[1], s[1], padding), filters)
        return self.add("Conv2D", config, [x], out, name)

    def depthwise_conv2d(self, x, kernel, strides=1, padding="valid", use_bias=True,
                         depth_multiplier=1, name=None, initializer=None):
        config = {
            "kernel_size": [kernel, kernel], "strides": [strides, strides], "padding": padding,
            "data_format": "channels_last", "dilation_rate": [1, 1], "groups": 1,
            "activation": "linear", "use_bias": use_bias, "bias_initializer": ZEROS,
            "bias_regularizer": None, "activity_regularizer": None, "bias_constraint": None,
            "depth_multiplier": depth_multiplier,
            "depthwise_initializer": initializer or GLOROT, "depthwise_regularizer": None,
            "depthwise_constraint": None,
        }
        out = (window(x.height, kernel, strides, padding), window(x.width, kernel, strides, padding),
               x.channels * depth_multiplier)
        return self.add("DepthwiseConv2D", config, [x], out, name)

    def separable_conv2d(self, x, filters, kernel, padding="valid", use_bias=True, name=None):
        config = {
            "filters": filters, "kernel_size": [kernel, kernel], "strides": [1, 1],
            "padding": padding, "data_format": "channels_last", "dilation_rate": [1, 1],
            "groups": 1, "activation": "linear", "use_bias": use_bias, "bias_initializer": ZEROS,
            "bias_regularizer": None, "activity_regularizer": None, "bias_constraint": None,
            "depth_multiplier": 1, "depthwise_initializer": GLOROT, "pointwise_initializer": GLOROT,
            "depthwise_regularizer": None, "pointwise_regularizer": None,
            "depthwise_constraint": None, "pointwise_constraint": None,
        }
        out = (window(x.height, kernel, 1, padding), window(x.width, kernel, 1, padding), filters)
        return self.add("SeparableConv2D", config, [x], out, name)

    def batch_norm(self, x, name=None, epsilon=1e-3, momentum=0.99, scale=True, axis=3):
        # Built, BatchNormalization keeps its axis as a list of non-negative axes.
        config = {
            "axis": [axis % 4], "momentum": momentum, "epsilon": epsilon, "center": True,
            "scale": scale, "beta_initializer": ZEROS, "gamma_initializer": ONES,
            "moving_mean_initializer": ZEROS, "moving_variance_initializer": ONES,
            "beta_regularizer": None, "gamma_regularizer": None, "beta_constraint": None,
            "gamma_constraint": None,
        }
        return self.add("BatchNormalization", config, [x], (x.height, x.width, x.channels), name)

    def activation(self, x, function, name=None):
        return self.add("Activation", {"activation": function}, [x],
                        (x.height, x.width, x.channels), name)

    def relu6(self, x, name=None):
        config = {"max_value": 6.0, "negative_slope": 0.0, "threshold": 0.0}
        return self.add("ReLU", config, [x], (x.height, x.width, x.channels), name)

    def pool2d(self, x, class_name, pool, strides, padding="valid", name=None):
        config = {"pool_size": [pool, pool], "padding": padding, "strides": [strides, strides],
                  "data_format": "channels_last"}
        out = (window(x.height, pool, strides, padding), window(x.width, pool, strides, padding),
               x.channels)
        return self.add(class_name, config, [x], out, name)

    def zero_padding2d(self, x, padding, name=None):
        (top, bottom), (left, right) = padding
        config = {"padding": [[top, bottom], [left, right]], "data_format": "channels_last"}
        out = (x.height + top + bottom, x.width + left + right, x.channels)
        return self.add("ZeroPadding2D", config, [x], out, name)

    def global_average_pooling2d(self, x, name=None, keepdims=False):
        config = {"data_format": "channels_last", "keepdims": keepdims}
        out = (1, 1, x.channels) if keepdims else (None, None, x.channels)
        return self.add("GlobalAveragePooling2D", config, [x], out, name)

    def dense(self, x, units, activation="linear", name=None, initializer=None):
        config = {
            "units": units, "activation": activation, "use_bias": True,
            "kernel_initializer": initializer or GLOROT, "bias_initializer": ZEROS,
            "kernel_regularizer": None, "bias_regularizer": None, "activity_regularizer": None,
            "kernel_constraint": None, "bias_constraint": None,
        }
        return self.add("Dense", config, [x], (None, None, units), name)

    def flatten(self, x, name=None):
        return self.add("Flatten", {"data_format": "channels_last"}, [x],
                        (None, None, x.height * x.width * x.channels), name)

    def dropout(self, x, rate, name=None, noise_shape=None):
        return self.add("Dropout", {"rate": rate, "noise_shape": noise_shape, "seed": None}, [x],
                        (x.height, x.width, x.channels), name)

    def reshape(self, x, target, name=None):
        h, w, c = target if len(target) == 3 else (None, None, target[-1])
        return self.add("Reshape", {"target_shape": list(target)}, [x], (h, w, c), name)

    def add_layer(self, inputs, name=None):
        x = inputs[0]
        return self.add("Add", {}, inputs, (x.height, x.width, x.channels), name)

    def multiply(self, inputs, name=None):
        x = inputs[0]
        return self.add("Multiply", {}, inputs, (x.height, x.width, x.channels), name)

    def concatenate(self, inputs, name=None, axis=-1):
        x = inputs[0]
        return self.add("Concatenate", {"axis": axis}, inputs,
                        (x.height, x.width, sum(t.channels for t in inputs)), name)


# VGG16 and VGG19 (keras/applications/vgg16.py, vgg19.py).
def vgg(size, include_top, convs_per_block, name):
    b = Builder(name)
    x = b.input(size)
    for block, (filters, count) in enumerate(zip([64, 128, 256, 512, 512], convs_per_block), 1):
        for i in range(1, count + 1):
            x = b.conv2d(x, filters, (3, 3), padding="same", activation="relu",
                         name=f"block{block}_conv{i}")
        x = b.pool2d(x, "MaxPooling2D", 2, 2, name=f"block{block}_pool")
    if include_top:
        x = b.flatten(x, name="flatten")
        x = b.dense(x, 4096, activation="relu", name="fc1")
        x = b.dense(x, 4096, activation="relu", name="fc2")
        x = b.dense(x, 1000, activation="softmax", name="predictions")
    return b.model(x)


def vgg16(size, include_top):
    return vgg(size, include_top, [2, 2, 3, 3, 3], "vgg16")


def vgg19(size, include_top):
    return vgg(size, include_top, [2, 2, 4, 4, 4], "vgg19")


# ResNet50 and ResNet50V2 (keras/applications/resnet.py, resnet_v2.py).
def resnet_block1(b, x, filters, stride=1, conv_shortcut=True, name=None):
    if conv_shortcut:
        shortcut = b.conv2d(x, 4 * filters, 1, strides=stride, name=name + "_0_conv")
        shortcut = b.batch_norm(shortcut, epsilon=1.001e-5, name=name + "_0_bn")
    else:
        shortcut = x
    x = b.conv2d(x, filters, 1, strides=stride, name=name + "_1_conv")
    x = b.batch_norm(x, epsilon=1.001e-5, name=name + "_1_bn")
    x = b.activation(x, "relu", name=name + "_1_relu")
    x = b.conv2d(x, filters, 3, padding="SAME", name=name + "_2_conv")
    x = b.batch_norm(x, epsilon=1.001e-5, name=name + "_2_bn")
    x = b.activation(x, "relu", name=name + "_2_relu")
    x = b.conv2d(x, 4 * filters, 1, name=name + "_3_conv")
    x = b.batch_norm(x, epsilon=1.001e-5, name=name + "_3_bn")
    x = b.add_layer([shortcut, x], name=name + "_add")
    return b.activation(x, "relu", name=name + "_out")


def resnet_stack1(b, x, filters, blocks, stride1=2, name=None):
    x = resnet_block1(b, x, filters, stride=stride1, name=name + "_block1")
    for i in range(2, blocks + 1):
        x = resnet_block1(b, x, filters, conv_shortcut=False, name=name + "_block" + str(i))
    return x


def resnet_block2(b, x, filters, stride=1, conv_shortcut=False, name=None):
    preact = b.batch_norm(x, epsilon=1.001e-5, name=name + "_preact_bn")
    preact = b.activation(preact, "relu", name=name + "_preact_relu")
    if conv_shortcut:
        shortcut = b.conv2d(preact, 4 * filters, 1, strides=stride, name=name + "_0_conv")
    else:
        shortcut = b.pool2d(x, "MaxPooling2D", 1, stride) if stride > 1 else x
    x = b.conv2d(preact, filters, 1, strides=1, use_bias=False, name=name + "_1_conv")
    x = b.batch_norm(x, epsilon=1.001e-5, name=name + "_1_bn")
    x = b.activation(x, "relu", name=name + "_1_relu")
    x = b.zero_padding2d(x, ((1, 1), (1, 1)), name=name + "_2_pad")
    x = b.conv2d(x, filters, 3, strides=stride, use_bias=False, name=name + "_2_conv")
    x = b.batch_norm(x, epsilon=1.001e-5, name=name + "_2_bn")
    x = b.activation(x, "relu", name=name + "_2_relu")
    x = b.conv2d(x, 4 * filters, 1, name=name + "_3_conv")
    return b.add_layer([shortcut, x], name=name + "_out")


def resnet_stack2(b, x, filters, blocks, stride1=2, name=None):
    x = resnet_block2(b, x, filters, conv_shortcut=True, name=name + "_block1")
    for i in range(2, blocks):
        x = resnet_block2(b, x, filters, name=name + "_block" + str(i))
    return resnet_block2(b, x, filters, stride=stride1, name=name + "_block" + str(blocks))


def resnet(size, include_top, preact, name, stack_fn):
    b = Builder(name)
    x = b.input(size)
    x = b.zero_padding2d(x, ((3, 3), (3, 3)), name="conv1_pad")
    x = b.conv2d(x, 64, 7, strides=2, use_bias=True, name="conv1_conv")
    if not preact:
        x = b.batch_norm(x, epsilon=1.001e-5, name="conv1_bn")
        x = b.activation(x, "relu", name="conv1_relu")
    x = b.zero_padding2d(x, ((1, 1), (1, 1)), name="pool1_pad")
    x = b.pool2d(x, "MaxPooling2D", 3, 2, name="pool1_pool")
    x = stack_fn(b, x)
    if preact:
        x = b.batch_norm(x, epsilon=1.001e-5, name="post_bn")
        x = b.activation(x, "relu", name="post_relu")
    if include_top:
        x = b.global_average_pooling2d(x, name="avg_pool")
        x = b.dense(x, 1000, activation="softmax", name="predictions")
    return b.model(x)


def resnet50(size, include_top):
    def stack_fn(b, x):
        x = resnet_stack1(b, x, 64, 3, stride1=1, name="conv2")
        x = resnet_stack1(b, x, 128, 4, name="conv3")
        x = resnet_stack1(b, x, 256, 6, name="conv4")
        return resnet_stack1(b, x, 512, 3, name="conv5")
    return resnet(size, include_top, False, "resnet50", stack_fn)


def resnet50v2(size, include_top):
    def stack_fn(b, x):
        x = resnet_stack2(b, x, 64, 3, name="conv2")
        x = resnet_stack2(b, x, 128, 4, name="conv3")
        x = resnet_stack2(b, x, 256, 6, name="conv4")
        return resnet_stack2(b, x, 512, 3, stride1=1, name="conv5")
    return resnet(size, include_top, True, "resnet50v2", stack_fn)


# MobileNet (keras/applications/mobilenet.py), alpha 1.0, depth_multiplier 1.
def mobilenet(size, include_top):
    b = Builder(f"mobilenet_1.00_{size}")
    x = b.input(size)
    x = b.conv2d(x, 32, (3, 3), strides=(2, 2), padding="same", use_bias=False, name="conv1")
    x = b.batch_norm(x, axis=-1, name="conv1_bn")
    x = b.relu6(x, name="conv1_relu")
    blocks = [(64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2), (512, 1), (512, 1),
              (512, 1), (512, 1), (512, 1), (1024, 2), (1024, 1)]
    for block_id, (filters, stride) in enumerate(blocks, 1):
        if stride != 1:
            x = b.zero_padding2d(x, ((0, 1), (0, 1)), name="conv_pad_%d" % block_id)
        x = b.depthwise_conv2d(x, 3, strides=stride, padding="same" if stride == 1 else "valid",
                               use_bias=False, name="conv_dw_%d" % block_id)
        x = b.batch_norm(x, axis=-1, name="conv_dw_%d_bn" % block_id)
        x = b.relu6(x, name="conv_dw_%d_relu" % block_id)
        x = b.conv2d(x, filters, (1, 1), padding="same", use_bias=False, strides=(1, 1),
                     name="conv_pw_%d" % block_id)
        x = b.batch_norm(x, axis=-1, name="conv_pw_%d_bn" % block_id)
        x = b.relu6(x, name="conv_pw_%d_relu" % block_id)
    if include_top:
        x = b.global_average_pooling2d(x, keepdims=True)
        x = b.dropout(x, 1e-3, name="dropout")
        x = b.conv2d(x, 1000, (1, 1), padding="same", name="conv_preds")
        x = b.reshape(x, (1000,), name="reshape_2")
        x = b.activation(x, "softmax", name="predictions")
    return b.model(x)


# MobileNetV2 (keras/applications/mobilenet_v2.py), alpha 1.0.
def make_divisible(v, divisor, min_value=None):
    min_value = min_value or divisor
    new_v = max(min_value, int(v + divisor / 2) // divisor * divisor)
    if new_v < 0.9 * v:
        new_v += divisor
    return new_v


def correct_pad(x, kernel):
    """imagenet_utils.correct_pad: pads a strided 'valid' window to cover an even input."""
    adjust = (1 - x.height % 2, 1 - x.width % 2)
    correct = (kernel // 2, kernel // 2)
    return ((correct[0] - adjust[0], correct[0]), (correct[1] - adjust[1], correct[1]))


def inverted_res_block(b, inputs, expansion, stride, filters, block_id):
    in_channels = inputs.channels
    pointwise_filters = make_divisible(int(filters * 1.0), 8)
    x = inputs
    prefix = f"block_{block_id}_"
    if block_id:
        x = b.conv2d(x, expansion * in_channels, 1, padding="same", use_bias=False,
                     name=prefix + "expand")
        x = b.batch_norm(x, axis=-1, epsilon=1e-3, momentum=0.999, name=prefix + "expand_BN")
        x = b.relu6(x, name=prefix + "expand_relu")
    else:
        prefix = "expanded_conv_"
    if stride == 2:
        x = b.zero_padding2d(x, correct_pad(x, 3), name=prefix + "pad")
    x = b.depthwise_conv2d(x, 3, strides=stride, use_bias=False,
                           padding="same" if stride == 1 else "valid", name=prefix + "depthwise")
    x = b.batch_norm(x, axis=-1, epsilon=1e-3, momentum=0.999, name=prefix + "depthwise_BN")
    x = b.relu6(x, name=prefix + "depthwise_relu")
    x = b.conv2d(x, pointwise_filters, 1, padding="same", use_bias=False, name=prefix + "project")
    x = b.batch_norm(x, axis=-1, epsilon=1e-3, momentum=0.999, name=prefix + "project_BN")
    if in_channels == pointwise_filters and stride == 1:
        return b.add_layer([inputs, x], name=prefix + "add")
    return x


def mobilenetv2(size, include_top):
    b = Builder(f"mobilenetv2_1.00_{size}")
    x = b.input(size)
    x = b.conv2d(x, make_divisible(32, 8), 3, strides=(2, 2), padding="same", use_bias=False,
                 name="Conv1")
    x = b.batch_norm(x, axis=-1, epsilon=1e-3, momentum=0.999, name="bn_Conv1")
    x = b.relu6(x, name="Conv1_relu")
    settings = [(16, 1, 1), (24, 2, 6), (24, 1, 6), (32, 2, 6), (32, 1, 6), (32, 1, 6),
                (64, 2, 6), (64, 1, 6), (64, 1, 6), (64, 1, 6), (96, 1, 6), (96, 1, 6),
                (96, 1, 6), (160, 2, 6), (160, 1, 6), (160, 1, 6), (320, 1, 6)]
    for block_id, (filters, stride, expansion) in enumerate(settings):
        x = inverted_res_block(b, x, expansion, stride, filters, block_id)
    x = b.conv2d(x, 1280, 1, use_bias=False, name="Conv_1")
    x = b.batch_norm(x, axis=-1, epsilon=1e-3, momentum=0.999, name="Conv_1_bn")
    x = b.relu6(x, name="out_relu")
    if include_top:
        x = b.global_average_pooling2d(x)
        x = b.dense(x, 1000, activation="softmax", name="predictions")
    return b.model(x)


# InceptionV3 (keras/applications/inception_v3.py): conv2d_bn leaves its layers unnamed.
def conv2d_bn(b, x, filters, rows, cols, padding="same", strides=(1, 1)):
    x = b.conv2d(x, filters, (rows, cols), strides=strides, padding=padding, use_bias=False)
    x = b.batch_norm(x, scale=False)
    return b.activation(x, "relu")


def inceptionv3(size, include_top):
    b = Builder("inception_v3")
    x = b.input(size)
    x = conv2d_bn(b, x, 32, 3, 3, strides=(2, 2), padding="valid")
    x = conv2d_bn(b, x, 32, 3, 3, padding="valid")
    x = conv2d_bn(b, x, 64, 3, 3)
    x = b.pool2d(x, "MaxPooling2D", 3, 2)
    x = conv2d_bn(b, x, 80, 1, 1, padding="valid")
    x = conv2d_bn(b, x, 192, 3, 3, padding="valid")
    x = b.pool2d(x, "MaxPooling2D", 3, 2)
    for i, pool_filters in enumerate([32, 64, 64]):  # mixed0, 1, 2: 35 x 35 x 256/288
        branch1x1 = conv2d_bn(b, x, 64, 1, 1)
        branch5x5 = conv2d_bn(b, x, 48, 1, 1)
        branch5x5 = conv2d_bn(b, branch5x5, 64, 5, 5)
        branch3x3dbl = conv2d_bn(b, x, 64, 1, 1)
        branch3x3dbl = conv2d_bn(b, branch3x3dbl, 96, 3, 3)
        branch3x3dbl = conv2d_bn(b, branch3x3dbl, 96, 3, 3)
        branch_pool = b.pool2d(x, "AveragePooling2D", 3, 1, padding="same")
        branch_pool = conv2d_bn(b, branch_pool, pool_filters, 1, 1)
        x = b.concatenate([branch1x1, branch5x5, branch3x3dbl, branch_pool], name=f"mixed{i}",
                          axis=3)
    branch3x3 = conv2d_bn(b, x, 384, 3, 3, strides=(2, 2), padding="valid")  # mixed3
    branch3x3dbl = conv2d_bn(b, x, 64, 1, 1)
    branch3x3dbl = conv2d_bn(b, branch3x3dbl, 96, 3, 3)
    branch3x3dbl = conv2d_bn(b, branch3x3dbl, 96, 3, 3, strides=(2, 2), padding="valid")
    branch_pool = b.pool2d(x, "MaxPooling2D", 3, 2)
    x = b.concatenate([branch3x3, branch3x3dbl, branch_pool], name="mixed3", axis=3)
    for i, filters in enumerate([128, 160, 160, 192]):  # mixed4 to mixed7: 17 x 17 x 768
        branch1x1 = conv2d_bn(b, x, 192, 1, 1)
        branch7x7 = conv2d_bn(b, x, filters, 1, 1)
        branch7x7 = conv2d_bn(b, branch7x7, filters, 1, 7)
        branch7x7 = conv2d_bn(b, branch7x7, 192, 7, 1)
        branch7x7dbl = conv2d_bn(b, x, filters, 1, 1)
        branch7x7dbl = conv2d_bn(b, branch7x7dbl, filters, 7, 1)
        branch7x7dbl = conv2d_bn(b, branch7x7dbl, filters, 1, 7)
        branch7x7dbl = conv2d_bn(b, branch7x7dbl, filters, 7, 1)
        branch7x7dbl = conv2d_bn(b, branch7x7dbl, 192, 1, 7)
        branch_pool = b.pool2d(x, "AveragePooling2D", 3, 1, padding="same")
        branch_pool = conv2d_bn(b, branch_pool, 192, 1, 1)
        x = b.concatenate([branch1x1, branch7x7, branch7x7dbl, branch_pool],
                          name=f"mixed{4 + i}", axis=3)
    branch3x3 = conv2d_bn(b, x, 192, 1, 1)  # mixed8: 8 x 8 x 1280
    branch3x3 = conv2d_bn(b, branch3x3, 320, 3, 3, strides=(2, 2), padding="valid")
    branch7x7x3 = conv2d_bn(b, x, 192, 1, 1)
    branch7x7x3 = conv2d_bn(b, branch7x7x3, 192, 1, 7)
    branch7x7x3 = conv2d_bn(b, branch7x7x3, 192, 7, 1)
    branch7x7x3 = conv2d_bn(b, branch7x7x3, 192, 3, 3, strides=(2, 2), padding="valid")
    branch_pool = b.pool2d(x, "MaxPooling2D", 3, 2)
    x = b.concatenate([branch3x3, branch7x7x3, branch_pool], name="mixed8", axis=3)
    for i in range(2):  # mixed9, mixed10: 8 x 8 x 2048
        branch1x1 = conv2d_bn(b, x, 320, 1, 1)
        branch3x3 = conv2d_bn(b, x, 384, 1, 1)
        branch3x3_1 = conv2d_bn(b, branch3x3, 384, 1, 3)
        branch3x3_2 = conv2d_bn(b, branch3x3, 384, 3, 1)
        branch3x3 = b.concatenate([branch3x3_1, branch3x3_2], name=f"mixed9_{i}", axis=3)
        branch3x3dbl = conv2d_bn(b, x, 448, 1, 1)
        branch3x3dbl = conv2d_bn(b, branch3x3dbl, 384, 3, 3)
        branch3x3dbl_1 = conv2d_bn(b, branch3x3dbl, 384, 1, 3)
        branch3x3dbl_2 = conv2d_bn(b, branch3x3dbl, 384, 3, 1)
        branch3x3dbl = b.concatenate([branch3x3dbl_1, branch3x3dbl_2], axis=3)
        branch_pool = b.pool2d(x, "AveragePooling2D", 3, 1, padding="same")
        branch_pool = conv2d_bn(b, branch_pool, 192, 1, 1)
        x = b.concatenate([branch1x1, branch3x3, branch3x3dbl, branch_pool],
                          name=f"mixed{9 + i}", axis=3)
    if include_top:
        x = b.global_average_pooling2d(x, name="avg_pool")
        x = b.dense(x, 1000, activation="softmax", name="predictions")
    return b.model(x)


# DenseNet121 (keras/applications/densenet.py).
def densenet121(size, include_top):
    b = Builder("densenet121")

    def conv_block(x, growth_rate, name):
        x1 = b.batch_norm(x, epsilon=1.001e-5, name=name + "_0_bn")
        x1 = b.activation(x1, "relu", name=name + "_0_relu")
        x1 = b.conv2d(x1, 4 * growth_rate, 1, use_bias=False, name=name + "_1_conv")
        x1 = b.batch_norm(x1, epsilon=1.001e-5, name=name + "_1_bn")
        x1 = b.activation(x1, "relu", name=name + "_1_relu")
        x1 = b.conv2d(x1, growth_rate, 3, padding="same", use_bias=False, name=name + "_2_conv")
        return b.concatenate([x, x1], name=name + "_concat", axis=3)

    def transition_block(x, reduction, name):
        x = b.batch_norm(x, epsilon=1.001e-5, name=name + "_bn")
        x = b.activation(x, "relu", name=name + "_relu")
        x = b.conv2d(x, int(x.channels * reduction), 1, use_bias=False, name=name + "_conv")
        return b.pool2d(x, "AveragePooling2D", 2, 2, name=name + "_pool")

    x = b.input(size)
    x = b.zero_padding2d(x, ((3, 3), (3, 3)))
    x = b.conv2d(x, 64, 7, strides=2, use_bias=False, name="conv1/conv")
    x = b.batch_norm(x, epsilon=1.001e-5, name="conv1/bn")
    x = b.activation(x, "relu", name="conv1/relu")
    x = b.zero_padding2d(x, ((1, 1), (1, 1)))
    x = b.pool2d(x, "MaxPooling2D", 3, 2, name="pool1")
    for stage, blocks in enumerate([6, 12, 24, 16]):
        for i in range(blocks):
            x = conv_block(x, 32, name=f"conv{stage + 2}_block{i + 1}")
        if stage < 3:
            x = transition_block(x, 0.5, name=f"pool{stage + 2}")
    x = b.batch_norm(x, epsilon=1.001e-5, name="bn")
    x = b.activation(x, "relu", name="relu")
    if include_top:
        x = b.global_average_pooling2d(x, name="avg_pool")
        x = b.dense(x, 1000, activation="softmax", name="predictions")
    return b.model(x)


# Xception (keras/applications/xception.py): the residual convolutions and their batch
# normalizations are unnamed, and the residual adds come from layers.add().
def xception(size, include_top):
    b = Builder("xception")

    def sepconv_bn(x, filters, name, act_name=None):
        if act_name:
            x = b.activation(x, "relu", name=act_name)
        x = b.separable_conv2d(x, filters, 3, padding="same", use_bias=False, name=name)
        return b.batch_norm(x, axis=-1, name=name + "_bn")

    x = b.input(size)
    x = b.conv2d(x, 32, (3, 3), strides=(2, 2), use_bias=False, name="block1_conv1")
    x = b.batch_norm(x, axis=-1, name="block1_conv1_bn")
    x = b.activation(x, "relu", name="block1_conv1_act")
    x = b.conv2d(x, 64, (3, 3), use_bias=False, name="block1_conv2")
    x = b.batch_norm(x, axis=-1, name="block1_conv2_bn")
    x = b.activation(x, "relu", name="block1_conv2_act")
    for block, filters in [(2, 128), (3, 256), (4, 728)]:
        residual = b.conv2d(x, filters, (1, 1), strides=(2, 2), padding="same", use_bias=False)
        residual = b.batch_norm(residual, axis=-1)
        first_act = None if block == 2 else f"block{block}_sepconv1_act"
        x = sepconv_bn(x, filters, f"block{block}_sepconv1", first_act)
        x = sepconv_bn(x, filters, f"block{block}_sepconv2", f"block{block}_sepconv2_act")
        x = b.pool2d(x, "MaxPooling2D", 3, 2, padding="same", name=f"block{block}_pool")
        x = b.add_layer([x, residual])
    for i in range(8):
        residual = x
        prefix = "block" + str(i + 5)
        for j in (1, 2, 3):
            x = sepconv_bn(x, 728, f"{prefix}_sepconv{j}", f"{prefix}_sepconv{j}_act")
        x = b.add_layer([x, residual])
    residual = b.conv2d(x, 1024, (1, 1), strides=(2, 2), padding="same", use_bias=False)
    residual = b.batch_norm(residual, axis=-1)
    x = sepconv_bn(x, 728, "block13_sepconv1", "block13_sepconv1_act")
    x = sepconv_bn(x, 1024, "block13_sepconv2", "block13_sepconv2_act")
    x = b.pool2d(x, "MaxPooling2D", 3, 2, padding="same", name="block13_pool")
    x = b.add_layer([x, residual])
    x = sepconv_bn(x, 1536, "block14_sepconv1")
    x = b.activation(x, "relu", name="block14_sepconv1_act")
    x = sepconv_bn(x, 2048, "block14_sepconv2")
    x = b.activation(x, "relu", name="block14_sepconv2_act")
    if include_top:
        x = b.global_average_pooling2d(x, name="avg_pool")
        x = b.dense(x, 1000, activation="softmax", name="predictions")
    return b.model(x)


# EfficientNetB0 (keras/applications/efficientnet.py): width and depth coefficients 1.0,
# dropout 0.2, drop_connect_rate 0.2, swish; built with weights="imagenet" (the default), which
# adds the tf.math.multiply by 1/sqrt(stddev) after the Normalization.
EFFICIENTNET_BLOCKS = [  # kernel, repeats, filters in, filters out, expand ratio, strides
    (3, 1, 32, 16, 1, 1), (3, 2, 16, 24, 6, 2), (5, 2, 24, 40, 6, 2), (3, 3, 40, 80, 6, 2),
    (5, 3, 80, 112, 6, 1), (5, 4, 112, 192, 6, 2), (3, 1, 192, 320, 6, 1)]
CONV_INIT = {"class_name": "VarianceScaling",
             "config": {"scale": 2.0, "mode": "fan_out", "distribution": "truncated_normal"}}
DENSE_INIT = {"class_name": "VarianceScaling",
              "config": {"scale": 1.0 / 3.0, "mode": "fan_out", "distribution": "uniform"}}


def efficientnetb0(size, include_top):
    b = Builder("efficientnetb0")

    def block(inputs, drop_rate, name, filters_in, filters_out, kernel, strides, expand_ratio):
        filters = filters_in * expand_ratio
        x = inputs
        if expand_ratio != 1:
            x = b.conv2d(x, filters, 1, padding="same", use_bias=False, initializer=CONV_INIT,
                         name=name + "expand_conv")
            x = b.batch_norm(x, name=name + "expand_bn")
            x = b.activation(x, "swish", name=name + "expand_activation")
        if strides == 2:
            x = b.zero_padding2d(x, correct_pad(x, kernel), name=name + "dwconv_pad")
        x = b.depthwise_conv2d(x, kernel, strides=strides, use_bias=False,
                               padding="valid" if strides == 2 else "same",
                               initializer=CONV_INIT, name=name + "dwconv")
        x = b.batch_norm(x, name=name + "bn")
        x = b.activation(x, "swish", name=name + "activation")
        filters_se = max(1, int(filters_in * 0.25))
        se = b.global_average_pooling2d(x, name=name + "se_squeeze")
        se = b.reshape(se, (1, 1, filters), name=name + "se_reshape")
        se = b.conv2d(se, filters_se, 1, padding="same", activation="swish",
                      initializer=CONV_INIT, name=name + "se_reduce")
        se = b.conv2d(se, filters, 1, padding="same", activation="sigmoid",
                      initializer=CONV_INIT, name=name + "se_expand")
        x = b.multiply([x, se], name=name + "se_excite")
        x = b.conv2d(x, filters_out, 1, padding="same", use_bias=False, initializer=CONV_INIT,
                     name=name + "project_conv")
        x = b.batch_norm(x, name=name + "project_bn")
        if strides == 1 and filters_in == filters_out:
            if drop_rate > 0:
                x = b.dropout(x, drop_rate, name=name + "drop", noise_shape=[None, 1, 1, 1])
            x = b.add_layer([x, inputs], name=name + "add")
        return x

    x = b.input(size)
    x = b.add("Rescaling", {"scale": 1.0 / 255.0, "offset": 0.0}, [x], (x.height, x.width, 3))
    x = b.add("Normalization", {"axis": [3], "mean": None, "variance": None, "invert": False},
              [x], (x.height, x.width, 3))
    scale = [[[[1.0 / math.sqrt(stddev) for stddev in [0.229, 0.224, 0.225]]]]]
    x = b.add("TFOpLambda", {"function": "math.multiply"}, [x], (x.height, x.width, 3),
              name="tf.math.multiply", call_kwargs={"y": scale, "name": None})
    x = b.zero_padding2d(x, correct_pad(x, 3), name="stem_conv_pad")
    x = b.conv2d(x, 32, 3, strides=2, use_bias=False, initializer=CONV_INIT, name="stem_conv")
    x = b.batch_norm(x, name="stem_bn")
    x = b.activation(x, "swish", name="stem_activation")
    total = float(sum(repeats for _, repeats, *_ in EFFICIENTNET_BLOCKS))
    n = 0
    for i, (kernel, repeats, filters_in, filters_out, expand, strides) in enumerate(
            EFFICIENTNET_BLOCKS):
        for j in range(repeats):
            x = block(x, 0.2 * n / total, f"block{i + 1}{chr(j + 97)}_",
                      filters_in if j == 0 else filters_out, filters_out, kernel,
                      strides if j == 0 else 1, expand)
            n += 1
    x = b.conv2d(x, 1280, 1, padding="same", use_bias=False, initializer=CONV_INIT,
                 name="top_conv")
    x = b.batch_norm(x, name="top_bn")
    x = b.activation(x, "swish", name="top_activation")
    if include_top:
        x = b.global_average_pooling2d(x, name="avg_pool")
        x = b.dropout(x, 0.2, name="top_dropout")
        x = b.dense(x, 1000, activation="softmax", initializer=DENSE_INIT, name="predictions")
    return b.model(x)


MODELS = {
    "VGG16": (vgg16, 224), "VGG19": (vgg19, 224), "ResNet50": (resnet50, 224),
    "ResNet50V2": (resnet50v2, 224), "MobileNet": (mobilenet, 224),
    "MobileNetV2": (mobilenetv2, 224), "InceptionV3": (inceptionv3, 299),
    "DenseNet121": (densenet121, 224), "Xception": (xception, 299),
    "EfficientNetB0": (efficientnetb0, 224),
}


def build(model, size=None, include_top=True):
    function, default_size = MODELS[model]
    return function(size or default_size, include_top)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", nargs="?", choices=sorted(MODELS))
    parser.add_argument("--input-size", type=int, help="height and width (default: the model's)")
    parser.add_argument("--no-top", action="store_true", help="include_top=False")
    parser.add_argument("--list", action="store_true", help="list the models")
    args = parser.parse_args()
    if args.list or not args.model:
        print("\n".join(sorted(MODELS)))
        return 0
    json.dump(build(args.model, args.input_size, not args.no_top), sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
