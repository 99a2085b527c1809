#!/usr/bin/env node
'use strict';
// Writes tests/corpus/: every model file and its NAME.expect.json.
//
//   node make_corpus.js [CORPUS_DIR]      (default: ../corpus beside this folder)
//
// Each case below carries its expectation computed by hand from Keras'
// documented shape rules and parameter formulas. For a case marked
// oracle "tfjs", this script builds the model with TensorFlow.js and refuses
// to write anything unless tfjs reports exactly the same verdict, shapes,
// parameter counts and failing layer; so every number written for such a case
// is the one tfjs reports. Cases marked "keras-docs" are those tfjs cannot
// judge (an option it lacks or gets wrong); "why" says which.

const fs = require('fs');
const path = require('path');
const oracle = require('./oracle.js');
const { L, F, pyjson, plain, modelFile } = require('./corpus_lib.js');

const CAUSES = ['incorrect reshaping', 'incompatible input data', 'layer misconfiguration', 'incorrect batch size'];

const seq = (name, layers, input, extra = {}) => Object.assign({ kind: 'sequential', name, layers, input }, extra);
const fn = (name, layers, inputs, outputs) => ({ kind: 'functional', name, layers, inputs, outputs });
const In = (name, shape, dtype) => L('Input', name, { shape, dtype });
const shp = (...specs) => specs.flatMap((s) => ['--input-shape', s]);
const ok = (output_shapes, total_params, trainable_params = total_params) =>
  ({ exit: 0, output_shapes, total_params, trainable_params });
const fail = (error_layers, cause) => ({ exit: 1, error_layers, cause });

const cases = [];
function add(dir, name, model, args, expect, oracleName, why, extra = {}) {
  cases.push(Object.assign({ dir, name, model, args, expect, oracle: oracleName, why }, extra));
}

// ===========================================================================
// article/: the three examples of seed-article.md, as Keras really behaves.
// tf.keras 2 Sequential configs without an input shape; the data shape is
// given on the command line, as a user would run dimsum.

const articleModel = (withReshape) => seq('sequential', [
  ...(withReshape ? [L('Reshape', 'reshape', { target_shape: [28, 28, 1] })] : []),
  L('Conv2D', 'conv2d', { filters: 32, kernel_size: 3, activation: 'relu' }),
  L('Flatten', 'flatten'),
  L('Dense', 'dense', { units: 10 }),
]);
const ARTICLE_OK = ok([[100, 10]], 216650);
const articleArith = 'Conv2D 3x3 valid: 28-3+1 = 26, params 3*3*1*32+32 = 320; Flatten 26*26*32 = 21632; ' +
  'Dense 21632*10+10 = 216330; total 216650';

add('article', 'example1_reshape', articleModel(true), shp('100,28,28'), ARTICLE_OK, 'tfjs',
  'Article example 1: the article says Reshape((28,28,1)) fails on data (100,28,28), but Keras Reshape ' +
  'targets exclude the batch axis: 28*28 = 784 = 28*28*1, so the model builds; tfjs agrees. ' + articleArith);
add('article', 'example1_corrected', articleModel(false), shp('100,28,28,1'), ARTICLE_OK, 'tfjs',
  'Article example 1, corrected: the channel axis is in the data instead of a Reshape; ' + articleArith + '; tfjs agrees.');
add('article', 'example2_list_of_arrays', articleModel(true), shp('100,28,28'), ARTICLE_OK, 'tfjs',
  'Article example 2: a list of 100 (28,28) arrays converts to a (100,28,28) tensor, the same model as example 1 ' +
  'builds fine (Reshape excludes the batch axis); ' + articleArith + '; tfjs agrees.');
add('article', 'example2_corrected', articleModel(true), shp('100,28,28,1'), ARTICLE_OK, 'tfjs',
  'Article example 2, corrected: the same model fed (100,28,28,1) data; Reshape((28,28,1)) of 784 elements is ' +
  'still valid, ' + articleArith + '; tfjs agrees.');
add('article', 'example3_conv_too_large', seq('sequential', [
  L('Conv2D', 'conv2d', { filters: 32, kernel_size: 30, activation: 'relu' }),
  L('Flatten', 'flatten'),
  L('Dense', 'dense', { units: 10 }),
]), shp('100,20,20,1'), fail(['conv2d'], 'layer misconfiguration'), 'tfjs',
'Article example 3: a 30x30 kernel on a 20x20 input, output height (20-30)/1+1 = -9: TensorFlow raises ' +
'"Negative dimension size caused by subtracting 30 from 20" at conv2d; tfjs yields [100,-9,-9,32] there.');
add('article', 'example3_corrected', seq('sequential', [
  L('Conv2D', 'conv2d', { filters: 32, kernel_size: 3, activation: 'relu' }),
  L('Flatten', 'flatten'),
  L('Dense', 'dense', { units: 10 }),
]), shp('100,20,20,1'), ok([[100, 10]], 104010), 'tfjs',
'Article example 3, corrected (3x3 kernel): 20-3+1 = 18, Conv2D params 3*3*1*32+32 = 320; Flatten 18*18*32 = 10368; ' +
'Dense 10368*10+10 = 103690; total 104010; tfjs agrees.');

// ===========================================================================
// tfkeras2/: tf.keras 2 model.to_json()

const T = 'tfkeras2';

add(T, 'mnist_cnn', seq('sequential', [
  L('Conv2D', 'conv2d', { filters: 32, kernel_size: 3, activation: 'relu' }),
  L('MaxPooling2D', 'max_pooling2d', { pool_size: 2 }),
  L('Conv2D', 'conv2d_1', { filters: 64, kernel_size: 3, activation: 'relu' }),
  L('MaxPooling2D', 'max_pooling2d_1', { pool_size: 2 }),
  L('Flatten', 'flatten'),
  L('Dropout', 'dropout', { rate: F(0.5) }),
  L('Dense', 'dense', { units: 10, activation: 'softmax' }),
], [null, 28, 28, 1]), [], ok([[null, 10]], 34826), 'tfjs',
'Keras formulas, tfjs agrees: 28 -conv3-> 26 -pool2-> 13 -conv3-> 11 -pool2-> 5; params 320 + 18496 (3*3*32*64+64) + ' +
'16010 (5*5*64*10+10) = 34826.');

add(T, 'pool_chain_vanishes', seq('sequential', [
  L('Conv2D', 'conv2d', { filters: 8, kernel_size: 3, padding: 'same', activation: 'relu' }),
  L('MaxPooling2D', 'max_pooling2d', { pool_size: 2 }),
  L('MaxPooling2D', 'max_pooling2d_1', { pool_size: 2 }),
  L('MaxPooling2D', 'max_pooling2d_2', { pool_size: 2 }),
  L('MaxPooling2D', 'max_pooling2d_3', { pool_size: 2 }),
  L('MaxPooling2D', 'max_pooling2d_4', { pool_size: 2 }),
  L('Flatten', 'flatten'),
  L('Dense', 'dense', { units: 10 }),
]), shp('100,28,28,1'), fail(['max_pooling2d_4'], 'layer misconfiguration'), 'tfjs',
'28 -> 14 -> 7 -> 3 -> 1 -> floor((1-2)/2)+1 = 0 at max_pooling2d_4: tfjs (like TensorFlow) yields a 0-sized ' +
'[100,0,0,8] instead of raising; dimsum (DESIGN.md) makes a window output of 0 or less an error.');

add(T, 'conv_chain_negative', seq('sequential', [
  L('Conv2D', 'conv2d', { filters: 8, kernel_size: 3, activation: 'relu' }),
  L('MaxPooling2D', 'max_pooling2d', { pool_size: 2 }),
  L('Conv2D', 'conv2d_1', { filters: 16, kernel_size: 3, activation: 'relu' }),
  L('MaxPooling2D', 'max_pooling2d_1', { pool_size: 2 }),
  L('Conv2D', 'conv2d_2', { filters: 16, kernel_size: 3, activation: 'relu' }),
  L('MaxPooling2D', 'max_pooling2d_2', { pool_size: 2 }),
  L('Conv2D', 'conv2d_3', { filters: 32, kernel_size: 3, activation: 'relu' }),
  L('Flatten', 'flatten'),
  L('Dense', 'dense', { units: 10 }),
]), shp('32,28,28,1'), fail(['conv2d_3'], 'layer misconfiguration'), 'tfjs',
'28 -> 26 -> 13 -> 11 -> 5 -> 3 -> 1, then a 3x3 valid conv gives 1-3+1 = -1: TensorFlow raises "Negative dimension ' +
'size caused by subtracting 3 from 1" at conv2d_3; tfjs yields [32,-1,-1,32] there.');

add(T, 'dense_rank3', seq('sequential', [
  L('Dense', 'dense', { units: 32, activation: 'relu' }),
  L('Dense', 'dense_1', { units: 4 }),
], [null, 10, 16]), [], ok([[null, 10, 4]], 676), 'tfjs',
'Dense acts on the last axis of a rank-3 input: (None,10,16) -> (None,10,32) -> (None,10,4); params 16*32+32 + ' +
'32*4+4 = 676; tfjs agrees.');

add(T, 'conv2d_dense_no_flatten', seq('sequential', [
  L('Conv2D', 'conv2d', { filters: 16, kernel_size: 3, padding: 'same', activation: 'relu' }),
  L('Dense', 'dense', { units: 10 }),
]), shp('8,32,32,3'), ok([[8, 32, 32, 10]], 618), 'tfjs',
'Dense after Conv2D without Flatten is valid Keras: it maps the last axis, (8,32,32,16) -> (8,32,32,10); params ' +
'3*3*3*16+16 = 448 and 16*10+10 = 170; tfjs agrees.');

add(T, 'conv2d_strides_dilation', seq('sequential', [
  L('Conv2D', 'conv2d', { filters: 8, kernel_size: 5, strides: 2 }),
  L('Conv2D', 'conv2d_1', { filters: 16, kernel_size: 3, dilation_rate: 2 }),
  L('Conv2D', 'conv2d_2', { filters: 16, kernel_size: 3, strides: 2, padding: 'same' }),
  L('GlobalAveragePooling2D', 'global_average_pooling2d'),
  L('Dense', 'dense', { units: 4 }),
], [null, 64, 64, 3]), shp('16,64,64,3'), ok([[16, 4]], 4164), 'tfjs',
'valid stride 2: floor((64-5)/2)+1 = 30; dilation 2: effective kernel 5, 30-5+1 = 26; same stride 2: ceil(26/2) = 13; ' +
'params 608 + 1168 + 2320 + 68 = 4164; tfjs agrees.');

add(T, 'conv2d_channels_first', seq('sequential', [
  L('Conv2D', 'conv2d', { filters: 8, kernel_size: 3, data_format: 'channels_first' }),
  L('MaxPooling2D', 'max_pooling2d', { pool_size: 2, data_format: 'channels_first' }),
  L('Flatten', 'flatten'),
  L('Dense', 'dense', { units: 2 }),
], [null, 3, 32, 32]), [], ok([[null, 2]], 3826), 'tfjs',
'channels_first: (None,3,32,32) -> (None,8,30,30) -> (None,8,15,15) -> 1800; params 3*3*3*8+8 = 224 and ' +
'1800*2+2 = 3602; tfjs agrees.');

add(T, 'channels_first_on_channels_last_data', seq('sequential', [
  L('Conv2D', 'conv2d', { filters: 16, kernel_size: 3, data_format: 'channels_first' }),
  L('Flatten', 'flatten'),
  L('Dense', 'dense', { units: 10 }),
]), shp('100,28,28,1'), fail(['conv2d'], 'layer misconfiguration'), 'tfjs',
'channels_first reads (100,28,28,1) as 28 channels of 28x1 images: width 1-3+1 = -1, TensorFlow raises a negative ' +
'dimension at conv2d; tfjs yields [100,16,26,-1].');

add(T, 'conv1d_strides_dilation_pooling', seq('sequential', [
  L('Conv1D', 'conv1d', { filters: 32, kernel_size: 5, strides: 2, padding: 'same', activation: 'relu' }),
  L('Conv1D', 'conv1d_1', { filters: 32, kernel_size: 3, dilation_rate: 4, activation: 'relu' }),
  L('MaxPooling1D', 'max_pooling1d', { pool_size: 2 }),
  L('AveragePooling1D', 'average_pooling1d', { pool_size: 3, strides: 2 }),
  L('GlobalMaxPooling1D', 'global_max_pooling1d'),
  L('Dense', 'dense', { units: 1 }),
], [null, 100, 16]), [], ok([[null, 1]], 5729), 'tfjs',
'same stride 2: ceil(100/2) = 50; dilation 4: effective kernel 9, 50-9+1 = 42; pool 2: 21; pool 3 stride 2: ' +
'floor((21-3)/2)+1 = 10; params 5*16*32+32 = 2592, 3*32*32+32 = 3104, 33; tfjs agrees.');

add(T, 'conv1d_causal', seq('sequential', [
  L('Conv1D', 'conv1d', { filters: 16, kernel_size: 3, padding: 'causal', dilation_rate: 2, activation: 'relu' }),
  L('Conv1D', 'conv1d_1', { filters: 16, kernel_size: 3, padding: 'causal', dilation_rate: 4, activation: 'relu' }),
  L('Dense', 'dense', { units: 1 }),
], [null, 50, 8]), [], ok([[null, 50, 1]], 1201), 'keras-docs',
'Keras conv_output_length: causal keeps the length (left padding (3-1)*dilation), so 50 -> 50 -> 50; params ' +
'3*8*16+16 = 400, 3*16*16+16 = 784, 16+1 = 17. tfjs 4.22 computes causal as valid (46, 38), so it cannot judge it.');

add(T, 'conv2d_groups', seq('sequential', [
  L('Conv2D', 'conv2d', { filters: 8, kernel_size: 3, groups: 2 }),
  L('GlobalMaxPooling2D', 'global_max_pooling2d'),
  L('Dense', 'dense', { units: 2 }),
], [null, 32, 32, 4]), [], ok([[null, 2]], 170), 'keras-docs',
'Keras grouped conv: kernel (3,3,4/groups=2,8), params 3*3*2*8+8 = 152, output (None,30,30,8); Dense 8*2+2 = 18. ' +
'tfjs ignores groups (it would count 3*3*4*8+8 = 296).');

add(T, 'conv2d_groups_indivisible', seq('sequential', [
  L('Conv2D', 'conv2d', { filters: 6, kernel_size: 3, groups: 3 }),
  L('Flatten', 'flatten'),
  L('Dense', 'dense', { units: 1 }),
]), shp('10,32,32,4'), fail(['conv2d'], 'layer misconfiguration'), 'keras-docs',
'Keras Conv.build: "The number of input channels must be evenly divisible by the number of groups. Received ' +
'groups=3, but the input has 4 channels"; tfjs ignores groups.');

add(T, 'conv3d_pooling3d', seq('sequential', [
  L('Conv3D', 'conv3d', { filters: 8, kernel_size: 3, activation: 'relu' }),
  L('MaxPooling3D', 'max_pooling3d', { pool_size: 2 }),
  L('AveragePooling3D', 'average_pooling3d', { pool_size: 2, padding: 'same' }),
  L('Conv3D', 'conv3d_1', { filters: 4, kernel_size: [1, 3, 3], strides: [1, 2, 2], padding: 'same' }),
  L('Flatten', 'flatten'),
  L('Dense', 'dense', { units: 3 }),
], [null, 16, 32, 32, 1]), [], ok([[null, 3]], 1287), 'tfjs',
'(16,32,32) -conv3-> (14,30,30) -pool2-> (7,15,15) -pool2 same-> (4,8,8) -conv (1,3,3) stride (1,2,2) same-> (4,4,4); ' +
'params 27*8+8 = 224, 9*8*4+4 = 292, 256*3+3 = 771; tfjs agrees.');

add(T, 'global_pooling3d_keepdims', seq('sequential', [
  L('GlobalAveragePooling3D', 'global_average_pooling3d', { keepdims: true }),
  L('Conv3D', 'conv3d', { filters: 2, kernel_size: 1 }),
  L('GlobalMaxPooling3D', 'global_max_pooling3d'),
  L('Dense', 'dense', { units: 1 }),
], [null, 8, 8, 8, 4]), [], ok([[null, 1]], 13), 'keras-docs',
'Keras: GlobalAveragePooling3D(keepdims=True) -> (None,1,1,1,4); Conv3D 1x1x1 -> (None,1,1,1,2), params 4*2+2 = 10; ' +
'GlobalMaxPooling3D -> (None,2); Dense 3. tfjs has no GlobalPooling3D layers and no keepdims.');

add(T, 'padding_cropping_upsampling_1d', seq('sequential', [
  L('ZeroPadding1D', 'zero_padding1d', { padding: 2 }),
  L('Cropping1D', 'cropping1d', { cropping: [1, 3] }),
  L('UpSampling1D', 'up_sampling1d', { size: 3 }),
  L('Conv1D', 'conv1d', { filters: 8, kernel_size: 5 }),
], [null, 20, 4]), [], ok([[null, 56, 8]], 168), 'keras-docs',
'Keras: ZeroPadding1D(2) 20+4 = 24; Cropping1D((1,3)) 24-4 = 20; UpSampling1D(3) 60; Conv1D 5 valid 56, params ' +
'5*4*8+8 = 168. tfjs has no ZeroPadding1D, Cropping1D or UpSampling1D.');

add(T, 'padding_cropping_upsampling_2d', seq('sequential', [
  L('ZeroPadding2D', 'zero_padding2d', { padding: [[1, 2], [3, 4]] }),
  L('Cropping2D', 'cropping2d', { cropping: [[2, 1], [4, 3]] }),
  L('UpSampling2D', 'up_sampling2d', { size: [2, 3] }),
  L('Conv2D', 'conv2d', { filters: 4, kernel_size: 3, strides: 2 }),
], [null, 28, 28, 3]), [], ok([[null, 27, 41, 4]], 112), 'tfjs',
'(28,28) -pad ((1,2),(3,4))-> (31,35) -crop ((2,1),(4,3))-> (28,28) -upsample (2,3)-> (56,84) -conv3 stride2-> ' +
'(floor(53/2)+1, floor(81/2)+1) = (27,41); params 3*3*3*4+4 = 112; tfjs agrees.');

add(T, 'batchnorm_params', seq('sequential', [
  L('Conv2D', 'conv2d', { filters: 16, kernel_size: 3, padding: 'same', use_bias: false }),
  L('BatchNormalization', 'batch_normalization', { axis: [3] }),
  L('Activation', 'activation', { activation: 'relu' }),
  L('GlobalAveragePooling2D', 'global_average_pooling2d'),
  L('Dense', 'dense', { units: 10, activation: 'softmax' }),
], [null, 32, 32, 3]), [], ok([[null, 10]], 666, 634), 'tfjs',
'BatchNormalization over 16 channels: 4*16 = 64 params (gamma, beta trainable; moving mean/variance not); ' +
'conv 3*3*3*16 = 432 (no bias), Dense 170; total 666, trainable 634; tfjs agrees (axis [3] given to it as 3).');

add(T, 'embedding_lstm', seq('sequential', [
  L('Embedding', 'embedding', { input_dim: 1000, output_dim: 64 }),
  L('LSTM', 'lstm', { units: 32 }),
  L('Dense', 'dense', { units: 1, activation: 'sigmoid' }),
]), shp('32,50'), ok([[32, 1]], 76449), 'tfjs',
'Embedding 1000*64 = 64000 -> (32,50,64); LSTM 4*(32*(64+32)+32) = 12416 -> (32,32); Dense 33; tfjs agrees.');

add(T, 'stacked_lstm_without_return_sequences', seq('sequential', [
  L('LSTM', 'lstm', { units: 32 }),
  L('LSTM', 'lstm_1', { units: 16 }),
  L('Dense', 'dense', { units: 1 }),
]), shp('16,20,8'), fail(['lstm_1'], 'layer misconfiguration'), 'tfjs',
'lstm returns only its last state (16,32); Keras: "Input 0 of layer lstm_1 is incompatible with the layer: expected ' +
'ndim=3, found ndim=2"; tfjs raises the same at lstm_1.');

add(T, 'gru_reset_after', seq('sequential', [
  L('GRU', 'gru', { units: 16, return_sequences: true }),
  L('GRU', 'gru_1', { units: 8, reset_after: false }),
  L('Dense', 'dense', { units: 1 }),
], [null, 20, 8]), [], ok([[null, 1]], 1857), 'keras-docs',
'Keras GRU params: reset_after=True 3*(units*(input+units) + 2*units) = 3*(16*24+32) = 1248; reset_after=False ' +
'3*(units*(input+units) + units) = 3*(8*24+8) = 600; Dense 9. tfjs rejects reset_after=True.');

add(T, 'bidirectional_concat_sum', seq('sequential', [
  L('Bidirectional', 'bidirectional', { layer: L('SimpleRNN', 'simple_rnn', { units: 16, return_sequences: true }) }),
  L('Bidirectional', 'bidirectional_1', { layer: L('LSTM', 'lstm', { units: 8 }), merge_mode: 'sum' }),
  L('Dense', 'dense', { units: 1 }),
], [null, 30, 10]), [], ok([[null, 1]], 3497), 'tfjs',
'concat doubles the features: (None,30,32), params 2*(16*(10+16)+16) = 864; sum keeps them: (None,8), params ' +
'2*4*(8*(32+8)+8) = 2624; Dense 9; tfjs agrees.');

add(T, 'bidirectional_mul_ave', seq('sequential', [
  L('Bidirectional', 'bidirectional', { layer: L('LSTM', 'lstm', { units: 4, return_sequences: true }), merge_mode: 'mul' }),
  L('Bidirectional', 'bidirectional_1', { layer: L('SimpleRNN', 'simple_rnn', { units: 4 }), merge_mode: 'ave' }),
], [null, 12, 6]), [], ok([[null, 4]], 424), 'tfjs',
'mul and ave keep the per-direction size: (None,12,4), params 2*4*(4*(6+4)+4) = 352; (None,4), params ' +
'2*(4*(4+4)+4) = 72; tfjs agrees.');

add(T, 'timedistributed_conv_dense', seq('sequential', [
  L('TimeDistributed', 'time_distributed', { layer: L('Conv2D', 'conv2d', { filters: 8, kernel_size: 3, activation: 'relu' }) }),
  L('TimeDistributed', 'time_distributed_1', { layer: L('MaxPooling2D', 'max_pooling2d', { pool_size: 2 }) }),
  L('TimeDistributed', 'time_distributed_2', { layer: L('Flatten', 'flatten') }),
  L('TimeDistributed', 'time_distributed_3', { layer: L('Dense', 'dense', { units: 32, activation: 'relu' }) }),
  L('LSTM', 'lstm', { units: 16 }),
  L('Dense', 'dense_1', { units: 2 }),
], [null, 10, 32, 32, 3]), [], ok([[null, 2]], 61026), 'tfjs',
'TimeDistributed keeps the time axis: (10,30,30,8) params 224; (10,15,15,8); (10,1800); Dense (10,32) params ' +
'1800*32+32 = 57632; LSTM 4*(16*(32+16)+16) = 3136; Dense 34; tfjs agrees.');

add(T, 'merge_broadcast', fn('model', [
  In('input_1', [null, 4, 8]),
  In('input_2', [null, 1, 8]),
  In('input_3', [null, 8]),
  L('Add', 'add', {}, [['input_1', 'input_2']]),
  L('Multiply', 'multiply', {}, [['add', 'input_3']]),
  L('Maximum', 'maximum', {}, [['multiply', 'input_1']]),
  L('Minimum', 'minimum', {}, [['maximum', 'input_2']]),
  L('Average', 'average', {}, [['minimum', 'input_1']]),
  L('Concatenate', 'concatenate', { axis: 1 }, [['average', 'input_2']]),
  L('Flatten', 'flatten', {}, [['concatenate']]),
  L('Dense', 'dense', { units: 1 }, [['flatten']]),
], ['input_1', 'input_2', 'input_3'], ['dense']), [], ok([[null, 1]], 41), 'tfjs',
'Keras merge broadcasting: a size-1 axis stretches ((4,8)+(1,8) -> (4,8)) and a lower-rank input aligns on the ' +
'trailing axes ((4,8)*(8,) -> (4,8)); Concatenate axis 1: 4+1 = 5 -> Flatten 40 -> Dense 41; tfjs agrees.');

add(T, 'subtract_broadcast', fn('model', [
  In('input_1', [null, 6, 3]),
  In('input_2', [null, 1, 3]),
  L('Subtract', 'subtract', {}, [['input_1', 'input_2']]),
  L('Flatten', 'flatten', {}, [['subtract']]),
  L('Dense', 'dense', { units: 2 }, [['flatten']]),
], ['input_1', 'input_2'], ['dense']), [], ok([[null, 2]], 38), 'keras-docs',
'Keras Subtract (two inputs) broadcasts like Add: (6,3)-(1,3) -> (None,6,3); Flatten 18; Dense 18*2+2 = 38. ' +
'tfjs has no Subtract layer.');

add(T, 'add_unequal_shapes', fn('model', [
  In('input_1', [null, 16]),
  In('input_2', [null, 32]),
  L('Add', 'add', {}, [['input_1', 'input_2']]),
  L('Dense', 'dense', { units: 1 }, [['add']]),
], ['input_1', 'input_2'], ['dense']), [], fail(['add'], 'layer misconfiguration'), 'tfjs',
'Keras Add: "Inputs have incompatible shapes. Received shapes (16,) and (32,)"; tfjs raises at add too.');

add(T, 'concatenate_mismatch', fn('model', [
  In('input_1', [null, 8, 4]),
  In('input_2', [null, 6, 4]),
  L('Concatenate', 'concatenate', {}, [['input_1', 'input_2']]),
  L('Flatten', 'flatten', {}, [['concatenate']]),
  L('Dense', 'dense', { units: 1 }, [['flatten']]),
], ['input_1', 'input_2'], ['dense']), [], fail(['concatenate'], 'layer misconfiguration'), 'tfjs',
'Keras Concatenate(axis=-1) needs equal shapes off the concatenation axis, 8 != 6 on axis 1: "A Concatenate layer ' +
'requires inputs with matching shapes except for the concatenation axis"; tfjs raises at concatenate.');

add(T, 'multi_input_output', fn('model', [
  In('title', [null, 20], 'int32'),
  In('features', [null, 10]),
  L('Embedding', 'embedding', { input_dim: 500, output_dim: 16 }, [['title']]),
  L('LSTM', 'lstm', { units: 8 }, [['embedding']]),
  L('Dense', 'dense', { units: 8, activation: 'relu' }, [['features']]),
  L('Concatenate', 'concatenate', {}, [['lstm', 'dense']]),
  L('Dense', 'priority', { units: 1 }, [['concatenate']]),
  L('Dense', 'department', { units: 3, activation: 'softmax' }, [['concatenate']]),
], ['title', 'features'], ['priority', 'department']), shp('title=32,20', 'features=32,10'),
ok([[32, 1], [32, 3]], 8956), 'tfjs',
'Two named inputs, two outputs: Embedding 500*16 = 8000, LSTM 4*(8*(16+8)+8) = 800, Dense 88, concat 8+8 = 16, ' +
'heads 17 and 51; total 8956; tfjs agrees.');

add(T, 'shared_layer', fn('model', [
  In('left', [null, 64]),
  In('right', [null, 64]),
  L('Dense', 'shared_dense', { units: 32, activation: 'relu' }, [['left'], ['right']]),
  L('Concatenate', 'concatenate', {}, [[['shared_dense', 0, 0], ['shared_dense', 1, 0]]]),
  L('Dense', 'dense', { units: 1 }, [['concatenate']]),
], ['left', 'right'], ['dense']), [], ok([[null, 1]], 2145), 'tfjs',
'shared_dense is called twice (two inbound nodes, the second referenced as node 1); its weights count once: ' +
'64*32+32 = 2080, concat 64, Dense 65; tfjs agrees.');

add(T, 'nested_sequential', fn('model', [
  In('image', [null, 28, 28, 1]),
  L('Sequential', 'feature_extractor', {
    model: seq('feature_extractor', [
      L('Conv2D', 'conv2d', { filters: 8, kernel_size: 3, activation: 'relu' }),
      L('MaxPooling2D', 'max_pooling2d', { pool_size: 2 }),
      L('Flatten', 'flatten'),
    ], [null, 28, 28, 1], { inputName: 'input_1' }),
  }, [['image']]),
  L('Dense', 'dense', { units: 10, activation: 'softmax' }, [['feature_extractor']]),
], ['image'], ['dense']), shp('64,28,28,1'), ok([[64, 10]], 13610), 'tfjs',
'A Sequential built with an input, used as a layer (referenced as node 1: tf.keras 2 counts its own input node 0); ' +
'28 -conv3-> 26 -pool2-> 13, Flatten 13*13*8 = 1352; params 80 + 1352*10+10 = 13610; tfjs agrees.');

add(T, 'reshape_permute', seq('sequential', [
  L('Reshape', 'reshape', { target_shape: [28, 28, 1] }),
  L('Conv2D', 'conv2d', { filters: 4, kernel_size: 3 }),
  L('Reshape', 'reshape_1', { target_shape: [-1, 4] }),
  L('Permute', 'permute', { dims: [2, 1] }),
  L('Dense', 'dense', { units: 2 }),
], [null, 784]), [], ok([[null, 4, 2]], 1394), 'tfjs',
'Reshape 784 -> (28,28,1); conv -> (26,26,4), params 40; Reshape (-1,4): 2704/4 = 676 -> (676,4); Permute (2,1) -> ' +
'(4,676); Dense 676*2+2 = 1354; tfjs agrees.');

add(T, 'reshape_element_count', seq('sequential', [
  L('Reshape', 'reshape', { target_shape: [28, 28, 3] }),
  L('Conv2D', 'conv2d', { filters: 8, kernel_size: 3 }),
  L('Flatten', 'flatten'),
  L('Dense', 'dense', { units: 10 }),
]), shp('100,28,28'), fail(['reshape'], 'incorrect reshaping'), 'tfjs',
'784 elements per sample cannot become (28,28,3) = 2352: Keras Reshape raises "total size of the new array must be ' +
'unchanged"; tfjs raises at reshape.');

add(T, 'reshape_includes_batch', seq('sequential', [
  L('Reshape', 'reshape', { target_shape: [100, 28, 28, 1] }),
  L('Flatten', 'flatten'),
  L('Dense', 'dense', { units: 10 }),
]), shp('100,28,28'), fail(['reshape'], 'incorrect reshaping'), 'tfjs',
'The target shape must exclude the batch axis: (100,28,28,1) = 78400 elements vs 784 per sample; Keras Reshape ' +
'raises; tfjs raises at reshape.');

add(T, 'reshape_minus_one_indivisible', seq('sequential', [
  L('Reshape', 'reshape', { target_shape: [-1, 5] }),
  L('Dense', 'dense', { units: 1 }),
]), shp('64,28,28'), fail(['reshape'], 'incorrect reshaping'), 'tfjs',
'784 is not divisible by 5, so -1 has no integer value; Keras Reshape._fix_unknown_dimension raises; tfjs raises ' +
'at reshape.');

add(T, 'conv2d_missing_channel_axis', seq('sequential', [
  L('Conv2D', 'conv2d', { filters: 32, kernel_size: 3, activation: 'relu' }),
  L('Flatten', 'flatten'),
  L('Dense', 'dense', { units: 10 }),
]), shp('100,28,28'), fail(['conv2d'], 'incompatible input data'), 'tfjs',
'Grayscale data without its channel axis: Keras "Input 0 of layer conv2d is incompatible with the layer: expected ' +
'min_ndim=4, found ndim=3"; tfjs raises at conv2d.');

const statefulModel = () => seq('sequential', [
  L('LSTM', 'lstm', { units: 16, stateful: true, batch_input_shape: [32, 10, 8] }),
  L('Dense', 'dense', { units: 1 }),
]);
add(T, 'stateful_lstm_batch_mismatch', statefulModel(), shp('100,10,8'), fail(['lstm'], 'incorrect batch size'),
  'keras-docs',
  'A stateful LSTM keeps states of a fixed batch of 32; 100 samples are neither one batch of 32 nor a multiple of 32, ' +
  'so Keras fails at lstm (state (32,16) against a batch of 100, or the last batch of 4). tfjs cannot judge a fixed ' +
  'batch once the data shape replaces it.');
add(T, 'stateful_lstm_batch_ok', statefulModel(), shp('32,10,8'), ok([[32, 1]], 1617), 'tfjs',
  'The data batch equals the stateful batch of 32: LSTM 4*(16*(8+16)+16) = 1600, Dense 17; tfjs agrees.');

add(T, 'merge_batch_mismatch', fn('model', [
  In('left', [null, 16]),
  In('right', [null, 16]),
  L('Add', 'add', {}, [['left', 'right']]),
  L('Dense', 'dense', { units: 1 }, [['add']]),
], ['left', 'right'], ['dense']), shp('left=100,16', 'right=50,16'), fail(['add'], 'incorrect batch size'), 'tfjs',
'Keras merge layers: "Cannot merge tensors with different batch sizes" (100 vs 50); tfjs raises at add.');

add(T, 'flatten_unknown_then_dense', seq('sequential', [
  L('Flatten', 'flatten'),
  L('Dense', 'dense', { units: 4 }),
], [null, null, 8]), [], fail(['dense'], 'layer misconfiguration'), 'keras-docs',
'Keras Flatten of (None,None,8) gives (None,None); Dense then raises "The last dimension of the inputs to a Dense ' +
'layer should be defined. Found None." tfjs refuses to Flatten an unknown size, so it cannot judge it.');

add(T, 'bidirectional_then_lstm_without_sequences', seq('sequential', [
  L('Bidirectional', 'bidirectional', { layer: L('LSTM', 'lstm', { units: 8 }) }),
  L('LSTM', 'lstm_1', { units: 4 }),
  L('Dense', 'dense', { units: 1 }),
]), shp('16,10,4'), fail(['lstm_1'], 'layer misconfiguration'), 'tfjs',
'Bidirectional(LSTM(8)) without return_sequences returns (16,16); Keras: lstm_1 expects ndim=3, found ndim=2; tfjs ' +
'raises at lstm_1.');

const unet = (size) => fn('model', [
  In('input_1', [null, size, size, 8]),
  L('Conv2D', 'conv2d', { filters: 8, kernel_size: 3, padding: 'same', activation: 'relu' }, [['input_1']]),
  L('MaxPooling2D', 'max_pooling2d', { pool_size: 2 }, [['conv2d']]),
  L('UpSampling2D', 'up_sampling2d', { size: 2 }, [['max_pooling2d']]),
  L('Concatenate', 'concatenate', {}, [['up_sampling2d', 'conv2d']]),
  L('Conv2D', 'conv2d_1', { filters: 1, kernel_size: 1 }, [['concatenate']]),
], ['input_1'], ['conv2d_1']);
add(T, 'unet_skip', unet(24), [], ok([[null, 24, 24, 1]], 601), 'tfjs',
  'U-Net skip: 24 -pool2-> 12 -upsample2-> 24 matches the skip, concat 8+8 = 16 channels; params 3*3*8*8+8 = 584 ' +
  'and 16+1 = 17; tfjs agrees.');
add(T, 'unet_odd_size', unet(25), [], fail(['concatenate'], 'layer misconfiguration'), 'tfjs',
  'An odd size does not survive pool and upsample: 25 -> 12 -> 24, concatenated with the 25x25 skip; Keras ' +
  'Concatenate raises at concatenate; so does tfjs.');

// ===========================================================================
// keras3/: Keras 3 model.to_json()

const K = 'keras3';

add(K, 'sequential_conv1d', seq('sequential', [
  L('Conv1D', 'conv1d', { filters: 16, kernel_size: 7, strides: 2, padding: 'same', activation: 'relu' }),
  L('MaxPooling1D', 'max_pooling1d', { pool_size: 2 }),
  L('Conv1D', 'conv1d_1', { filters: 32, kernel_size: 3, activation: 'relu' }),
  L('GlobalAveragePooling1D', 'global_average_pooling1d'),
  L('Dense', 'dense', { units: 5, activation: 'softmax' }),
], [null, 128, 3]), [], ok([[null, 5]], 2085), 'tfjs',
'128 -same stride 2-> 64 -pool2-> 32 -conv3-> 30; params 7*3*16+16 = 352, 3*16*32+32 = 1568, 32*5+5 = 165; ' +
'tfjs agrees (after the Keras 3 -> tf.keras 2 translation).');

add(K, 'conv1d_input_too_short', seq('sequential', [
  L('Conv1D', 'conv1d', { filters: 16, kernel_size: 7, strides: 2, padding: 'same', activation: 'relu' }),
  L('MaxPooling1D', 'max_pooling1d', { pool_size: 2 }),
  L('Conv1D', 'conv1d_1', { filters: 32, kernel_size: 3, activation: 'relu' }),
  L('GlobalAveragePooling1D', 'global_average_pooling1d'),
  L('Dense', 'dense', { units: 5, activation: 'softmax' }),
]), shp('10,4,3'), fail(['conv1d_1'], 'layer misconfiguration'), 'tfjs',
'4 -same stride 2-> 2 -pool2-> 1, then a kernel of 3: 1-3+1 = -1; Keras 3 compute_conv_output_shape raises ' +
'"Computed output size would be negative"; tfjs yields [10,-1,32] at conv1d_1.');

const resblock = (filters2) => fn('functional', [
  In('input_layer', [null, 32, 32, 16]),
  L('Conv2D', 'conv2d', { filters: 16, kernel_size: 3, padding: 'same' }, [['input_layer']]),
  L('BatchNormalization', 'batch_normalization', {}, [['conv2d']]),
  L('Activation', 'activation', { activation: 'relu' }, [['batch_normalization']]),
  L('Conv2D', 'conv2d_1', { filters: filters2, kernel_size: 3, padding: 'same' }, [['activation']]),
  L('Add', 'add', {}, [['input_layer', 'conv2d_1']]),
  L('Activation', 'activation_1', { activation: 'relu' }, [['add']]),
  L('GlobalAveragePooling2D', 'global_average_pooling2d', {}, [['activation_1']]),
  L('Dense', 'dense', { units: 10 }, [['global_average_pooling2d']]),
], ['input_layer'], ['dense']);
add(K, 'residual_block', resblock(16), [], ok([[null, 10]], 4874, 4842), 'tfjs',
  'Residual block, same padding keeps 32x32x16 so the Add matches; params 2320 + 64 (BatchNormalization, 32 ' +
  'non-trainable) + 2320 + 170 = 4874, trainable 4842; tfjs agrees.');
add(K, 'residual_add_channel_mismatch', resblock(32), [], fail(['add'], 'layer misconfiguration'), 'tfjs',
  'residual_block with conv2d_1 edited to 32 filters (the __keras_tensor__ shapes are the stale ones of the original, ' +
  'Keras rebuilds from the layer configs): the shortcut has 16 channels, the branch 32, Keras Add raises "Inputs ' +
  'have incompatible shapes. Received shapes (32, 32, 16) and (32, 32, 32)"; tfjs raises at add.',
  { shapesFrom: resblock(16) });

const userItem = (itemSize) => fn('functional', [
  In('user', [null, 16]),
  In('item', [null, itemSize]),
  L('Multiply', 'multiply', {}, [['user', 'item']]),
  L('Dense', 'dense', { units: 1 }, [['multiply']]),
], ['user', 'item'], ['dense']);
add(K, 'multiply_unequal_inputs', userItem(24), [], fail(['multiply'], 'layer misconfiguration'), 'tfjs',
  'A model saved with item of 16 features, its InputLayer edited to 24 (the __keras_tensor__ shapes are the stale ' +
  'ones; Keras rebuilds from the layer configs): Multiply of (None,16) and (None,24), neither is 1, Keras raises ' +
  '"Inputs have incompatible shapes"; tfjs raises at multiply.', { shapesFrom: userItem(16) });

add(K, 'lstm_stack', seq('sequential', [
  L('LSTM', 'lstm', { units: 32, return_sequences: true }),
  L('Dropout', 'dropout', { rate: F(0.2) }),
  L('LSTM', 'lstm_1', { units: 16 }),
  L('Dense', 'dense', { units: 1 }),
], [null, 40, 12], { buildInputShape: true }), [], ok([[null, 1]], 8913), 'tfjs',
'return_sequences=True feeds (None,40,32) to the next LSTM; params 4*(32*(12+32)+32) = 5760, 4*(16*(32+16)+16) = ' +
'3136, 17; tfjs agrees.');

add(K, 'gru_default_reset_after', seq('sequential', [
  L('GRU', 'gru', { units: 10 }),
  L('Dense', 'dense', { units: 1 }),
], [null, 25, 6]), [], ok([[null, 1]], 551), 'keras-docs',
'Keras 3 GRU defaults to reset_after=True: 3*(10*(6+10) + 2*10) = 540 params, Dense 11. tfjs rejects reset_after=True.');

add(K, 'bidirectional_variable_length', seq('sequential', [
  L('Bidirectional', 'bidirectional', { layer: L('LSTM', 'lstm', { units: 16, return_sequences: true }) }),
  L('GlobalMaxPooling1D', 'global_max_pooling1d'),
  L('Dense', 'dense', { units: 3 }),
], [null, null, 8]), shp('4,?,8'), ok([[4, 3]], 3299), 'tfjs',
'Unknown sequence length stays unknown through the RNN; concat gives 32 features; params 2*4*(16*(8+16)+16) = 3200, ' +
'32*3+3 = 99; tfjs agrees.');

add(K, 'timedistributed_dense', seq('sequential', [
  L('TimeDistributed', 'time_distributed', { layer: L('Dense', 'dense', { units: 8 }) }),
  L('Flatten', 'flatten'),
  L('Dense', 'dense_1', { units: 1 }),
], [null, 10, 16]), [], ok([[null, 1]], 217), 'tfjs',
'TimeDistributed(Dense(8)) on (None,10,16) -> (None,10,8), params 136; Flatten 80; Dense 81; tfjs agrees.');

add(K, 'cropping2d_too_large', seq('sequential', [
  L('Cropping2D', 'cropping2d', { cropping: [[3, 3], [6, 6]] }),
  L('Conv2D', 'conv2d', { filters: 4, kernel_size: 3 }),
  L('Flatten', 'flatten'),
  L('Dense', 'dense', { units: 2 }),
]), shp('4,10,10,3'), fail(['cropping2d'], 'layer misconfiguration'), 'tfjs',
'Cropping 6+6 from a width of 10 leaves -2: Keras 3 Cropping2D raises that cropping must be smaller than the input; ' +
'tfjs yields [4,4,-2,3] at cropping2d.');

add(K, 'upsampling_padding_cropping', seq('sequential', [
  L('UpSampling2D', 'up_sampling2d', { size: 2 }),
  L('ZeroPadding2D', 'zero_padding2d', { padding: 1 }),
  L('Conv2D', 'conv2d', { filters: 4, kernel_size: 3 }),
  L('Cropping2D', 'cropping2d', { cropping: 1 }),
], [null, 7, 7, 8]), [], ok([[null, 12, 12, 4]], 292), 'tfjs',
'7 -upsample2-> 14 -pad1-> 16 -conv3-> 14 -crop1-> 12; params 3*3*8*4+4 = 292; tfjs agrees.');

add(K, 'global_pooling_keepdims', seq('sequential', [
  L('GlobalAveragePooling2D', 'global_average_pooling2d', { keepdims: true }),
  L('Conv2D', 'conv2d', { filters: 4, kernel_size: 1 }),
  L('Reshape', 'reshape', { target_shape: [4] }),
], [null, 16, 16, 8]), [], ok([[null, 4]], 36), 'keras-docs',
'Keras keepdims=True keeps the pooled axes as 1: (None,1,1,8); 1x1 conv params 8*4+4 = 36 -> (None,1,1,4); Reshape ' +
'(4,). tfjs ignores keepdims (it would give (None,8) and fail the conv).');

add(K, 'shared_embedding', fn('functional', [
  In('question_1', [null, 12], 'int32'),
  In('question_2', [null, 12], 'int32'),
  L('Embedding', 'embedding', { input_dim: 100, output_dim: 8 }, [['question_1'], ['question_2']]),
  L('Concatenate', 'concatenate', { axis: 1 }, [[['embedding', 0, 0], ['embedding', 1, 0]]]),
  L('Flatten', 'flatten', {}, [['concatenate']]),
  L('Dense', 'dense', { units: 1 }, [['flatten']]),
], ['question_1', 'question_2'], ['dense']), [], ok([[null, 1]], 993), 'tfjs',
'One Embedding at two nodes (the second referenced as node 1), weights counted once: 100*8 = 800; concat on axis 1 ' +
'(24,8) -> 192 -> Dense 193; tfjs agrees.');

add(K, 'embedding_conv1d_lstm', seq('sequential', [
  L('Embedding', 'embedding', { input_dim: 5000, output_dim: 32 }),
  L('Conv1D', 'conv1d', { filters: 64, kernel_size: 5, activation: 'relu' }),
  L('MaxPooling1D', 'max_pooling1d', { pool_size: 4 }),
  L('LSTM', 'lstm', { units: 16 }),
  L('Dense', 'dense', { units: 1, activation: 'sigmoid' }),
], [null, 100], { inputDtype: 'int32' }), [], ok([[null, 1]], 175505), 'tfjs',
'Embedding 5000*32 = 160000 -> (100,32); conv5 -> 96, params 5*32*64+64 = 10304; pool4 -> 24; LSTM ' +
'4*(16*(64+16)+16) = 5184; Dense 17; tfjs agrees.');

add(K, 'stacked_lstm_without_return_sequences', seq('sequential', [
  L('LSTM', 'lstm', { units: 16 }),
  L('LSTM', 'lstm_1', { units: 8 }),
  L('Dense', 'dense', { units: 1 }),
]), shp('8,30,4'), fail(['lstm_1'], 'layer misconfiguration'), 'tfjs',
'The first LSTM returns (8,16); Keras 3: "Input 0 of layer lstm_1 is incompatible with the layer: expected ndim=3, ' +
'found ndim=2"; tfjs raises at lstm_1.');

add(K, 'conv2d_missing_channel_axis', seq('sequential', [
  L('Conv2D', 'conv2d', { filters: 8, kernel_size: 3 }),
  L('Flatten', 'flatten'),
  L('Dense', 'dense', { units: 10 }),
]), shp('100,28,28'), fail(['conv2d'], 'incompatible input data'), 'tfjs',
'Data (100,28,28) has no channel axis; Keras 3 Conv2D input_spec: "expected min_ndim=4, found ndim=3"; tfjs raises ' +
'at conv2d.');

add(K, 'reshape_two_unknown_dims', seq('sequential', [
  L('Reshape', 'reshape', { target_shape: [-1, -1] }),
  L('Dense', 'dense', { units: 1 }),
]), shp('10,6,4'), fail(['reshape'], 'incorrect reshaping'), 'tfjs',
'Two -1 in a Reshape target: Keras 3 raises "There must be at most one unknown dimension (-1) in target_shape"; ' +
'tfjs raises at reshape.');

add(K, 'nested_sequential', fn('functional', [
  In('input_layer', [null, 20]),
  L('Sequential', 'sequential', {
    model: seq('sequential', [
      L('Dense', 'dense', { units: 16, activation: 'relu' }),
      L('Dense', 'dense_1', { units: 8, activation: 'relu' }),
    ], [null, 20], { inputName: 'input_layer_1' }),
  }, [['input_layer']]),
  L('Dense', 'dense_2', { units: 1 }, [['sequential']]),
], ['input_layer'], ['dense_2']), [], ok([[null, 1]], 481), 'tfjs',
'A nested Sequential (Keras 3 references its first call as node 0): 20*16+16 = 336, 16*8+8 = 136, then 8+1 = 9; ' +
'total 481; tfjs agrees.');

// ===========================================================================
// keras21/: Keras 2.0/2.1 Sequential, config is the bare list of layers

const Q = 'keras21';

add(Q, 'mlp', seq('sequential_1', [
  L('Dense', 'dense_1', { units: 64, activation: 'relu', batch_input_shape: [null, 100] }),
  L('Dropout', 'dropout_1', { rate: F(0.5) }),
  L('Dense', 'dense_2', { units: 64, activation: 'relu' }),
  L('Dropout', 'dropout_2', { rate: F(0.5) }),
  L('Dense', 'dense_3', { units: 10, activation: 'softmax' }),
]), [], ok([[null, 10]], 11274), 'tfjs',
'100*64+64 = 6464, 64*64+64 = 4160, 64*10+10 = 650; total 11274; tfjs agrees.');

add(Q, 'cnn', seq('sequential_1', [
  L('Conv2D', 'conv2d_1', { filters: 32, kernel_size: 3, activation: 'relu', batch_input_shape: [null, 32, 32, 3] }),
  L('Conv2D', 'conv2d_2', { filters: 32, kernel_size: 3, activation: 'relu' }),
  L('MaxPooling2D', 'max_pooling2d_1', { pool_size: 2 }),
  L('Dropout', 'dropout_1', { rate: F(0.25) }),
  L('Flatten', 'flatten_1'),
  L('Dense', 'dense_1', { units: 10, activation: 'softmax' }),
]), [], ok([[null, 10]], 72874), 'tfjs',
'32 -> 30 -> 28 -pool2-> 14; params 3*3*3*32+32 = 896, 3*3*32*32+32 = 9248, 14*14*32*10+10 = 62730; tfjs agrees.');

add(Q, 'cnn_kernel_too_large', seq('sequential_1', [
  L('Conv2D', 'conv2d_1', { filters: 16, kernel_size: 5, activation: 'relu' }),
  L('MaxPooling2D', 'max_pooling2d_1', { pool_size: 2 }),
  L('Conv2D', 'conv2d_2', { filters: 32, kernel_size: 5, activation: 'relu' }),
  L('Flatten', 'flatten_1'),
  L('Dense', 'dense_1', { units: 10 }),
]), shp('16,8,8,3'), fail(['conv2d_2'], 'layer misconfiguration'), 'tfjs',
'8 -conv5-> 4 -pool2-> 2, then a 5x5 kernel: 2-5+1 = -2, TensorFlow raises a negative dimension at conv2d_2; tfjs ' +
'yields [16,-2,-2,32] there.');

add(Q, 'gru', seq('sequential_1', [
  L('GRU', 'gru_1', { units: 32, batch_input_shape: [null, 20, 10] }),
  L('Dense', 'dense_1', { units: 1 }),
]), [], ok([[null, 1]], 4161), 'tfjs',
'Keras 2.1 GRU has reset_after=False: 3*(32*(10+32)+32) = 4128, Dense 33; tfjs agrees.');

add(Q, 'lstm_stack_without_return_sequences', seq('sequential_1', [
  L('LSTM', 'lstm_1', { units: 32 }),
  L('LSTM', 'lstm_2', { units: 32 }),
  L('Dense', 'dense_1', { units: 1 }),
]), shp('64,10,8'), fail(['lstm_2'], 'layer misconfiguration'), 'tfjs',
'lstm_1 returns (64,32); Keras 2.1: "Input 0 is incompatible with layer lstm_2: expected ndim=3, found ndim=2"; ' +
'tfjs raises at lstm_2.');

add(Q, 'embedding_batchnorm', seq('sequential_1', [
  L('Embedding', 'embedding_1', { input_dim: 1000, output_dim: 16, input_length: 10, batch_input_shape: [null, 10] }),
  L('Flatten', 'flatten_1'),
  L('BatchNormalization', 'batch_normalization_1', {}),
  L('Dense', 'dense_1', { units: 1, activation: 'sigmoid' }),
]), [], ok([[null, 1]], 16801, 16481), 'tfjs',
'Embedding 1000*16 = 16000 -> (10,16) -> Flatten 160; BatchNormalization 4*160 = 640 (320 non-trainable); Dense ' +
'161; total 16801, trainable 16481; tfjs agrees.');

add(Q, 'conv1d_pooling', seq('sequential_1', [
  L('Conv1D', 'conv1d_1', { filters: 64, kernel_size: 3, activation: 'relu', batch_input_shape: [null, 100, 1] }),
  L('MaxPooling1D', 'max_pooling1d_1', { pool_size: 2 }),
  L('Conv1D', 'conv1d_2', { filters: 32, kernel_size: 3, activation: 'relu' }),
  L('GlobalAveragePooling1D', 'global_average_pooling1d_1'),
  L('Dense', 'dense_1', { units: 1 }),
]), [], ok([[null, 1]], 6465), 'tfjs',
'100 -conv3-> 98 -pool2-> 49 -conv3-> 47; params 3*1*64+64 = 256, 3*64*32+32 = 6176, 33; tfjs agrees.');

add(Q, 'reshape_element_count', seq('sequential_1', [
  L('Reshape', 'reshape_1', { target_shape: [10, 10] }),
  L('LSTM', 'lstm_1', { units: 8 }),
  L('Dense', 'dense_1', { units: 1 }),
]), shp('32,99'), fail(['reshape_1'], 'incorrect reshaping'), 'tfjs',
'99 features cannot become (10,10) = 100; Keras Reshape raises "total size of the new array must be unchanged"; tfjs ' +
'raises at reshape_1.');

add(Q, 'pool_larger_than_input', seq('sequential_1', [
  L('Conv2D', 'conv2d_1', { filters: 8, kernel_size: 3, activation: 'relu' }),
  L('MaxPooling2D', 'max_pooling2d_1', { pool_size: 5, strides: 1 }),
  L('Flatten', 'flatten_1'),
  L('Dense', 'dense_1', { units: 1 }),
]), shp('10,5,5,1'), fail(['max_pooling2d_1'], 'layer misconfiguration'), 'tfjs',
'5 -conv3-> 3, then a 5x5 pool with stride 1: 3-5+1 = -1, TensorFlow raises a negative dimension at ' +
'max_pooling2d_1; tfjs yields [10,-1,-1,8].');

add(Q, 'conv1d_kernel_too_long', seq('sequential_1', [
  L('Conv1D', 'conv1d_1', { filters: 16, kernel_size: 10, activation: 'relu' }),
  L('GlobalMaxPooling1D', 'global_max_pooling1d_1'),
  L('Dense', 'dense_1', { units: 1 }),
]), shp('4,8,2'), fail(['conv1d_1'], 'layer misconfiguration'), 'tfjs',
'A kernel of 10 over 8 steps: 8-10+1 = -1, TensorFlow raises a negative dimension at conv1d_1; tfjs yields [4,-1,16].');

add(Q, 'simple_rnn_timedistributed', seq('sequential_1', [
  L('SimpleRNN', 'simple_rnn_1', { units: 16, return_sequences: true, batch_input_shape: [null, 15, 4] }),
  L('TimeDistributed', 'time_distributed_1', { layer: L('Dense', 'dense_1', { units: 2 }) }),
]), [], ok([[null, 15, 2]], 370), 'tfjs',
'SimpleRNN 16*(4+16)+16 = 336 -> (15,16); TimeDistributed(Dense(2)) 34 -> (15,2); tfjs agrees.');

// ===========================================================================
// tfjs/: TensorFlow.js layers-model files (converter output)

const J = 'tfjs';

add(J, 'small_cnn_batchnorm', seq('sequential', [
  L('Conv2D', 'conv2d', { filters: 8, kernel_size: 3, strides: 2, padding: 'same', use_bias: false }),
  L('BatchNormalization', 'batch_normalization', { axis: [3] }),
  L('Activation', 'activation', { activation: 'relu' }),
  L('Conv2D', 'conv2d_1', { filters: 16, kernel_size: 3, strides: 2, padding: 'same', activation: 'relu' }),
  L('GlobalAveragePooling2D', 'global_average_pooling2d'),
  L('Dense', 'dense', { units: 4, activation: 'softmax' }),
], [null, 96, 96, 3]), [], ok([[null, 4]], 1484, 1468), 'tfjs',
'96 -same stride 2-> 48 -> 24; params 3*3*3*8 = 216 (no bias), BatchNormalization 4*8 = 32 (16 non-trainable), ' +
'3*3*8*16+16 = 1168, 16*4+4 = 68; total 1484, trainable 1468; tfjs agrees.');

add(J, 'lstm_sentiment', seq('sequential', [
  L('Embedding', 'embedding', { input_dim: 2000, output_dim: 32, input_length: 40, batch_input_shape: [null, 40] }),
  L('LSTM', 'lstm', { units: 32 }),
  L('Dense', 'dense', { units: 1, activation: 'sigmoid' }),
]), [], ok([[null, 1]], 72353), 'tfjs',
'Embedding 2000*32 = 64000; LSTM 4*(32*(32+32)+32) = 8320; Dense 33; tfjs agrees.');

add(J, 'two_heads', fn('model', [
  In('input_1', [null, 32]),
  L('Dense', 'dense', { units: 64, activation: 'relu' }, [['input_1']]),
  L('Dropout', 'dropout', { rate: F(0.3) }, [['dense']]),
  L('Dense', 'reg', { units: 1 }, [['dropout']]),
  L('Dense', 'cls', { units: 5, activation: 'softmax' }, [['dropout']]),
], ['input_1'], ['reg', 'cls']), [], ok([[null, 1], [null, 5]], 2502), 'tfjs',
'One input, two outputs: 32*64+64 = 2112, heads 65 and 325; total 2502; tfjs agrees.');

add(J, 'pool_larger_than_input', seq('sequential', [
  L('Conv2D', 'conv2d', { filters: 8, kernel_size: 3, activation: 'relu' }),
  L('MaxPooling2D', 'max_pooling2d', { pool_size: 6, strides: 1 }),
  L('Flatten', 'flatten'),
  L('Dense', 'dense', { units: 2 }),
], [null, 6, 6, 4]), [], fail(['max_pooling2d'], 'layer misconfiguration'), 'tfjs',
'6 -conv3-> 4, then a 6x6 pool with stride 1: 4-6+1 = -1, TensorFlow raises a negative dimension at max_pooling2d; ' +
'tfjs yields [null,-1,-1,8].');

add(J, 'concatenate_mismatch', fn('model', [
  In('input_1', [null, 10, 8]),
  In('input_2', [null, 12, 8]),
  L('Concatenate', 'concatenate', {}, [['input_1', 'input_2']]),
  L('GlobalAveragePooling1D', 'global_average_pooling1d', {}, [['concatenate']]),
  L('Dense', 'dense', { units: 1 }, [['global_average_pooling1d']]),
], ['input_1', 'input_2'], ['dense']), [], fail(['concatenate'], 'layer misconfiguration'), 'tfjs',
'Concatenate on the last axis needs equal lengths, 10 != 12; Keras raises at concatenate; so does tfjs.');

add(J, 'timedistributed_conv_rnn', seq('sequential', [
  L('TimeDistributed', 'time_distributed', { layer: L('Conv2D', 'conv2d', { filters: 4, kernel_size: 3, strides: 2 }) }),
  L('TimeDistributed', 'time_distributed_1', { layer: L('GlobalAveragePooling2D', 'global_average_pooling2d') }),
  L('SimpleRNN', 'simple_rnn', { units: 8 }),
  L('Dense', 'dense', { units: 2 }),
], [null, 5, 24, 24, 1]), [], ok([[null, 2]], 162), 'tfjs',
'TimeDistributed(Conv2D stride 2): floor((24-3)/2)+1 = 11 -> (5,11,11,4), params 40; pooled (5,4); SimpleRNN ' +
'8*(4+8)+8 = 104; Dense 18; tfjs agrees.');

add(J, 'conv1d_dilated', seq('sequential', [
  L('Conv1D', 'conv1d', { filters: 8, kernel_size: 3, dilation_rate: 2, activation: 'relu' }),
  L('Conv1D', 'conv1d_1', { filters: 8, kernel_size: 3, dilation_rate: 4, padding: 'same', activation: 'relu' }),
  L('AveragePooling1D', 'average_pooling1d', { pool_size: 4 }),
  L('Flatten', 'flatten'),
  L('Dense', 'dense', { units: 1 }),
], [null, 64, 2]), [], ok([[null, 1]], 377), 'tfjs',
'dilation 2: 64-5+1 = 60; same keeps 60; pool4 15; Flatten 120; params 3*2*8+8 = 56, 3*8*8+8 = 200, 121; tfjs agrees.');

add(J, 'stacked_gru_without_return_sequences', seq('sequential', [
  L('GRU', 'gru', { units: 8, reset_after: false }),
  L('GRU', 'gru_1', { units: 4, reset_after: false }),
  L('Dense', 'dense', { units: 1 }),
], [null, 15, 4]), [], fail(['gru_1'], 'layer misconfiguration'), 'tfjs',
'gru returns (None,8); Keras: gru_1 expects ndim=3, found ndim=2; tfjs raises at gru_1.');

add(J, 'add_after_upsampling_mismatch', fn('model', [
  In('coarse', [null, 7, 7, 4]),
  In('fine', [null, 15, 15, 4]),
  L('UpSampling2D', 'up_sampling2d', { size: 2 }, [['coarse']]),
  L('Add', 'add', {}, [['up_sampling2d', 'fine']]),
  L('Conv2D', 'conv2d', { filters: 1, kernel_size: 1 }, [['add']]),
], ['coarse', 'fine'], ['conv2d']), [], fail(['add'], 'layer misconfiguration'), 'tfjs',
'UpSampling2D doubles 7 to 14, the skip is 15x15: Keras Add raises "Inputs have incompatible shapes. Received shapes ' +
'(14, 14, 4) and (15, 15, 4)"; tfjs raises at add.');

add(J, 'conv1d_on_rank2_input', fn('model', [
  In('input_1', [null, 20]),
  L('Conv1D', 'conv1d', { filters: 4, kernel_size: 3 }, [['input_1']]),
  L('Flatten', 'flatten', {}, [['conv1d']]),
  L('Dense', 'dense', { units: 1 }, [['flatten']]),
], ['input_1'], ['dense']), shp('8,20'), fail(['conv1d'], 'incompatible input data'), 'tfjs',
'Data (8,20) and the (None,20) input lack the channel axis Conv1D needs: Keras "expected min_ndim=3, found ndim=2" ' +
'at conv1d; tfjs raises there too.');

module.exports = { cases, CAUSES };

// ===========================================================================
// Writing

function shapesRecorder() {
  // layer name -> per call: {inputs: [shape], outputs: [shape]}
  const rec = new Map();
  const Base = oracle.tf.layers.Layer;
  const inner = Base.prototype.apply;
  Base.prototype.apply = function (inputs, kwargs) {
    const out = inner.call(this, inputs, kwargs);
    const flat = (v) => (Array.isArray(v) ? v.flatMap(flat) : v && Array.isArray(v.shape) ? [v.shape.slice()] : []);
    if (!rec.has(this.name)) rec.set(this.name, []);
    rec.get(this.name).push({ inputs: flat(inputs), outputs: flat(out) });
    return out;
  };
  return { rec, restore: () => { Base.prototype.apply = inner; } };
}

// shapes of a functional model's tensors at its declared input shapes, for
// the __keras_tensor__ and build_config entries a Keras 3 file carries
async function keras3Shapes(spec) {
  const tfk2 = plain(modelFile('tfkeras2', spec));
  const r = shapesRecorder();
  try {
    await oracle.runOracle(tfk2, []);
  } finally {
    r.restore();
  }
  const inputs = new Map(spec.layers.filter((l) => l.cls === 'Input').map((l) => [l.name, l.opts]));
  return {
    tensor(name, node, idx) {
      if (inputs.has(name)) return inputs.get(name).shape;
      const calls = r.rec.get(name);
      if (!calls || !calls[node]) throw new Error(`no recorded shape for ${name}@${node}`);
      return calls[node].outputs[idx];
    },
    nodeInputs(name, node) {
      const calls = r.rec.get(name);
      if (!calls || !calls[node]) throw new Error(`no recorded input shape for ${name}@${node}`);
      return calls[node].inputs;
    },
    dtype(name) {
      return inputs.has(name) ? inputs.get(name).dtype || 'float32' : 'float32';
    },
  };
}

function expectText(e) {
  const keys = ['args', 'exit', 'output_shapes', 'total_params', 'trainable_params', 'error_layers', 'cause', 'oracle', 'why'];
  const compact = (v) => (Array.isArray(v) ? '[' + v.map(compact).join(', ') + ']' : JSON.stringify(v));
  const lines = keys.filter((k) => e[k] !== undefined).map((k) => `  ${JSON.stringify(k)}: ${compact(e[k])}`);
  return '{\n' + lines.join(',\n') + '\n}\n';
}

function sameJSON(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

async function main() {
  const outDir = path.resolve(process.argv[2] || path.join(__dirname, '..', 'corpus'));
  await oracle.init();
  const problems = [];
  const written = [];
  const seen = new Set();
  for (const c of cases) {
    const id = `${c.dir}/${c.name}`;
    if (seen.has(id)) throw new Error(`duplicate case ${id}`);
    seen.add(id);
    const dialect = c.dir === 'article' ? 'tfkeras2' : c.dir;
    const ctx = {};
    if (dialect === 'keras3' && c.model.kind === 'functional') ctx.shapes = await keras3Shapes(c.shapesFrom || c.model);
    const file = modelFile(dialect, c.model, ctx);
    const text = pyjson(file);
    const expect = Object.assign({ args: c.args }, c.expect, { oracle: c.oracle, why: c.why });
    if (expect.exit === 1 && !CAUSES.includes(expect.cause)) problems.push(`${id}: unknown cause ${expect.cause}`);
    // what tfjs says, from the file exactly as written
    const { specs } = oracle.parseArgs(c.args);
    const r = await oracle.runOracle(JSON.parse(text), specs);
    if (c.oracle === 'tfjs') {
      const want = c.expect;
      const why = [];
      if (r.unsupported) why.push(`tfjs cannot judge it: ${r.error}`);
      if (r.ok !== (want.exit === 0)) why.push(`verdict: tfjs ok=${r.ok} (${r.error || ''})`);
      if (r.ok && want.exit === 0) {
        if (!sameJSON(r.output_shapes, want.output_shapes)) why.push(`output_shapes: tfjs ${JSON.stringify(r.output_shapes)}`);
        if (r.total_params !== want.total_params) why.push(`total_params: tfjs ${r.total_params}`);
        if (r.trainable_params !== want.trainable_params) why.push(`trainable_params: tfjs ${r.trainable_params}`);
      }
      if (!r.ok && want.exit === 1 && !want.error_layers.includes(r.error_layer)) {
        why.push(`failing layer: tfjs ${r.error_layer} (${r.error})`);
      }
      if (why.length) problems.push(`${id}: ${why.join('; ')}`);
    }
    written.push({ id, c, text, expect, r });
  }
  if (problems.length) {
    process.stderr.write('hand expectations and tfjs disagree; nothing written:\n  ' + problems.join('\n  ') + '\n');
    process.exit(1);
  }
  for (const { c, text, expect } of written) {
    const dir = path.join(outDir, c.dir);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${c.name}.json`), text + '\n');
    fs.writeFileSync(path.join(dir, `${c.name}.expect.json`), expectText(expect));
  }
  for (const { id, c, r } of written) {
    const said = r.ok ? `ok ${JSON.stringify(r.output_shapes)} ${r.total_params}/${r.trainable_params}`
      : `${r.unsupported ? 'unsupported' : 'fails'} at ${r.error_layer || '?'}: ${r.error}`;
    process.stdout.write(`${c.oracle === 'tfjs' ? 'checked   ' : 'keras-docs'} ${id}: tfjs ${said}\n`);
  }
  process.stdout.write(`wrote ${written.length} cases to ${outDir}\n`);
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(String(e && e.stack ? e.stack : e) + '\n');
    process.exit(1);
  });
}
