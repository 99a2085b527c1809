#!/usr/bin/env node
'use strict';
// A randomized differential test of `dimsum domain` against the sweep of sweep.js. With a seeded
// PRNG it makes N small Functional models (tf.keras 2 JSON, the dialect of models/*.json) whose
// input has None spatial sizes, 1-D (None, None, C) or 2-D (None, None, None, C), from windows
// (Conv, SeparableConv2D, DepthwiseConv2D, pooling, transposed convolutions), padding, cropping,
// upsampling, skip connections (Concatenate or Add with an earlier tensor: the modulus
// conditions of a U-Net) and now and then a Flatten or GlobalAveragePooling + Dense, or a
// Reshape with a -1, at the end. For each model `dimsum domain MODEL --format json` must say, for
// every symbol, exactly which sizes 1..MAX build in TensorFlow.js (one symbol swept at a time,
// the other at a size dimsum says works), and `smallest`, `works` and the exit status must agree.
//
//   node random_domain.js --dimsum build/dimsum --seed S --count N [--max 160] [--save DIR]
//                         [--only I] [--verbose]
//
// Model I of seed S is the same whatever the count (its own PRNG, seeded from S and I), so
// `--seed S --only I` replays one model. Exit status: 0 every model agrees (one summary line);
// 1 a disagreement (each printed; the configs saved to --save DIR, by default a temp folder whose
// path is printed); 2 cannot run.
//
// Where TensorFlow.js cannot judge a 1-D layer (it has no Conv1DTranspose, UpSampling1D,
// ZeroPadding1D or Cropping1D, and sizes padding="causal" as "valid"; docs/semantics.md), the
// oracle builds the same model lifted to 2-D instead: the input (None, L, 1, C), each 1-D layer
// the 2-D layer with the same settings on the first axis and 1 on the second (kernel (k, 1),
// strides (s, 1), padding ((a, b), (0, 0)), ...), and a causal convolution as Keras defines it, a
// ZeroPadding2D of (k - 1) * dilation before the sequence and a 'valid' Conv2D (Keras' causal
// length is ceil(L / stride), the same as 'same'). The second axis stays 1 in every layer, so
// the first axis goes through Keras' 1-D arithmetic.

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

let sweep;
try {
  sweep = require('./sweep.js');
} catch (e) {
  process.stderr.write(`random_domain: cannot load TensorFlow.js (run npm ci --prefix tests/oracle): ${e.message}\n`);
  process.exit(2);
}
const { runOracle } = require('../oracle/oracle.js');

// ---------------------------------------------------------------------------
// PRNG

function mulberry32(a) {
  return function () {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeRng(seed, index) {
  const next = mulberry32((Math.imul(seed, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
  next(); // the first draw of a fresh mulberry32 is poorly mixed
  const r = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)],
    weighted(table) {
      const total = table.reduce((s, [, w]) => s + w, 0);
      let x = next() * total;
      for (const [v, w] of table) if ((x -= w) < 0) return v;
      return table[table.length - 1][0];
    },
  };
  return r;
}

// ---------------------------------------------------------------------------
// Models: a list of ops in a small form of our own, written out as Keras (for dimsum) and, for a
// 1-D model with a layer tfjs cannot judge, as the lifted 2-D model (for the oracle)
//
// op: {cls, name, inputs: [names], ...settings}; settings per axis are arrays of length dims

const INIT = () => ({
  kernel_initializer: { class_name: 'GlorotUniform', config: { seed: null } },
  bias_initializer: { class_name: 'Zeros', config: {} },
  kernel_regularizer: null,
  bias_regularizer: null,
  activity_regularizer: null,
  kernel_constraint: null,
  bias_constraint: null,
});

const BASE = (name) => ({ name, trainable: true, dtype: 'float32' });

// Classes tfjs lacks (or sizes as Keras does not) in 1-D; a 1-D model with one is lifted
const needsLift = (op, dims) => dims === 1 && (
  ['ConvTranspose', 'UpSampling', 'ZeroPadding', 'Cropping'].includes(op.cls) ||
  (op.cls === 'Conv' && op.padding === 'causal'));

// The Keras layer(s) of one op: [{class_name, config, name, inbound_nodes}]
function kerasLayers(op, dims, lift) {
  const d = lift ? 2 : dims; // the rank of the layer written
  const ax = (v, fill) => (lift ? [v[0], fill] : v.slice()); // per-axis settings
  const suffix = `${d}D`;
  const out = [];
  const layer = (class_name, config, inputs) => {
    out.push({ class_name, config, name: config.name, inbound_nodes: [inputs.map((n) => [n, 0, 0, {}])] });
  };
  const conv = (padding) => ({
    filters: op.filters, kernel_size: ax(op.kernel, 1), strides: ax(op.strides, 1), padding,
    data_format: 'channels_last', dilation_rate: ax(op.dilation, 1), groups: 1, activation: 'linear', use_bias: true,
  });
  switch (op.cls) {
    case 'Input':
      layer('InputLayer', {
        batch_input_shape: [null, ...(lift ? [null, 1] : new Array(dims).fill(null)), op.channels],
        dtype: 'float32', sparse: false, ragged: false, name: op.name,
      }, []);
      out[0].inbound_nodes = [];
      break;
    case 'Conv': {
      let inputs = op.inputs;
      let padding = op.padding;
      if (lift && padding === 'causal') {
        // Keras: causal = (kernel - 1) * dilation zeros before the sequence, then 'valid'
        const pad = (op.kernel[0] - 1) * op.dilation[0];
        layer('ZeroPadding2D', { ...BASE(`${op.name}_causal_pad`), padding: [[pad, 0], [0, 0]], data_format: 'channels_last' }, inputs);
        inputs = [`${op.name}_causal_pad`];
        padding = 'valid';
      }
      layer(`Conv${suffix}`, { ...BASE(op.name), ...conv(padding), ...INIT() }, inputs);
      break;
    }
    case 'ConvTranspose': {
      const c = conv(op.padding);
      layer(`Conv${suffix}Transpose`, { ...BASE(op.name), ...c, output_padding: null, ...INIT() }, op.inputs);
      delete out[out.length - 1].config.groups;
      break;
    }
    case 'DepthwiseConv': {
      const c = conv(op.padding);
      delete c.filters;
      delete c.groups;
      layer('DepthwiseConv2D', {
        ...BASE(op.name), ...c, depth_multiplier: op.multiplier,
        depthwise_initializer: { class_name: 'GlorotUniform', config: { seed: null } },
        bias_initializer: { class_name: 'Zeros', config: {} },
        depthwise_regularizer: null, bias_regularizer: null, activity_regularizer: null,
        depthwise_constraint: null, bias_constraint: null,
      }, op.inputs);
      break;
    }
    case 'SeparableConv': {
      const c = conv(op.padding);
      delete c.groups;
      layer('SeparableConv2D', {
        ...BASE(op.name), ...c, depth_multiplier: 1,
        depthwise_initializer: { class_name: 'GlorotUniform', config: { seed: null } },
        pointwise_initializer: { class_name: 'GlorotUniform', config: { seed: null } },
        bias_initializer: { class_name: 'Zeros', config: {} },
        depthwise_regularizer: null, pointwise_regularizer: null, bias_regularizer: null, activity_regularizer: null,
        depthwise_constraint: null, pointwise_constraint: null, bias_constraint: null,
      }, op.inputs);
      break;
    }
    case 'MaxPooling':
    case 'AveragePooling':
      layer(`${op.cls}${suffix}`, {
        ...BASE(op.name), pool_size: ax(op.pool, 1), padding: op.padding, strides: ax(op.strides, 1), data_format: 'channels_last',
      }, op.inputs);
      break;
    case 'UpSampling':
      if (d === 1) layer('UpSampling1D', { ...BASE(op.name), size: op.size[0] }, op.inputs);
      else layer('UpSampling2D', { ...BASE(op.name), size: ax(op.size, 1), data_format: 'channels_last', interpolation: 'nearest' }, op.inputs);
      break;
    case 'ZeroPadding':
    case 'Cropping': {
      const key = op.cls === 'ZeroPadding' ? 'padding' : 'cropping';
      const sides = lift ? [op.sides[0], [0, 0]] : op.sides;
      const config = { ...BASE(op.name), [key]: d === 1 ? sides[0].slice() : sides.map((s) => s.slice()) };
      if (d === 2) config.data_format = 'channels_last';
      layer(`${op.cls}${suffix}`, config, op.inputs);
      break;
    }
    case 'Concatenate':
      layer('Concatenate', { ...BASE(op.name), axis: -1 }, op.inputs);
      break;
    case 'Add':
      layer('Add', BASE(op.name), op.inputs);
      break;
    case 'Flatten':
      layer('Flatten', { ...BASE(op.name), data_format: 'channels_last' }, op.inputs);
      break;
    case 'GlobalAveragePooling':
      layer(`GlobalAveragePooling${suffix}`, { ...BASE(op.name), data_format: 'channels_last', keepdims: false }, op.inputs);
      break;
    case 'Reshape':
      // lifted: the same element count, the second axis of 1 kept
      layer('Reshape', { ...BASE(op.name), target_shape: lift ? [-1, 1, op.last] : [-1, op.last] }, op.inputs);
      break;
    case 'Dense':
      layer('Dense', { ...BASE(op.name), units: op.units, activation: 'linear', use_bias: true, ...INIT() }, op.inputs);
      break;
    default:
      throw new Error(`no layer for op ${op.cls}`);
  }
  return out;
}

function kerasModel(m, lift) {
  const layers = [];
  for (const op of m.ops) layers.push(...kerasLayers(op, m.dims, lift));
  const last = m.ops[m.ops.length - 1].name;
  return {
    class_name: 'Functional',
    config: {
      name: lift ? `${m.name}_lifted` : m.name,
      trainable: true,
      layers,
      input_layers: [['input_1', 0, 0]],
      output_layers: [[last, 0, 0]],
    },
    keras_version: '2.13.1',
    backend: 'tensorflow',
  };
}

// One line per model: the ops in order, their settings short
function describeOps(m) {
  const a = (v) => (v.length === 1 || v.every((x) => x === v[0]) ? `${v[0]}` : v.join('x'));
  return m.ops.map((op) => {
    switch (op.cls) {
      case 'Input': return `Input(${m.dims === 1 ? 'L' : 'H, W'}, ${op.channels})`;
      case 'Conv': case 'ConvTranspose': case 'SeparableConv': case 'DepthwiseConv': {
        const cls = op.cls === 'DepthwiseConv' ? 'DepthwiseConv2D' : op.cls === 'SeparableConv' ? 'SeparableConv2D'
          : op.cls === 'Conv' ? `Conv${m.dims}D` : `Conv${m.dims}DTranspose`;
        const dil = op.dilation.some((x) => x > 1) ? `, d${a(op.dilation)}` : '';
        return `${cls}(k${a(op.kernel)}, s${a(op.strides)}${dil}, ${op.padding})`;
      }
      case 'MaxPooling': case 'AveragePooling':
        return `${op.cls}${m.dims}D(p${a(op.pool)}, s${a(op.strides)}, ${op.padding})`;
      case 'UpSampling': return `UpSampling${m.dims}D(${a(op.size)})`;
      case 'ZeroPadding': case 'Cropping':
        return `${op.cls}${m.dims}D(${op.sides.map((s) => s.join('+')).join(', ')})`;
      case 'Concatenate': case 'Add': return `${op.cls}(${op.inputs.join(', ')})`;
      case 'Flatten': return 'Flatten';
      case 'GlobalAveragePooling': return `GlobalAveragePooling${m.dims}D`;
      case 'Reshape': return `Reshape((-1, ${op.last}))`;
      case 'Dense': return `Dense(${op.units})`;
      default: return op.cls;
    }
  }).map((s, i) => `${m.ops[i].name}=${s}`).join(' ');
}

// Input sizes at which the generator follows each tensor's size (sizesAfter)
const REFERENCE = [24, 30, 32, 36, 48, 60, 64, 72, 90, 96];

// Keras' output size of one axis of an op (NaN: no size); n the input size, a the axis
function axisSize(op, n, a) {
  if (!(n >= 1)) return NaN;
  let out;
  switch (op.cls) {
    case 'Conv': case 'DepthwiseConv': case 'SeparableConv': case 'MaxPooling': case 'AveragePooling': {
      const span = op.pool ? op.pool[a] : (op.kernel[a] - 1) * op.dilation[a] + 1;
      out = op.padding === 'valid' ? Math.floor((n - span) / op.strides[a]) + 1 : Math.ceil(n / op.strides[a]);
      break;
    }
    case 'ConvTranspose':
      out = op.padding === 'valid' ? n * op.strides[a] + Math.max(op.kernel[a] - op.strides[a], 0) : n * op.strides[a];
      break;
    case 'UpSampling': out = n * op.size[a]; break;
    case 'ZeroPadding': out = n + op.sides[a][0] + op.sides[a][1]; break;
    case 'Cropping': out = n - op.sides[a][0] - op.sides[a][1]; break;
    default: out = n;
  }
  return out >= 1 ? out : NaN;
}

// sizes[axis][j] of an op's output from those of its inputs (a merge: equal, or a 1 broadcasts)
function sizesAfter(op, dims, history) {
  const ins = op.inputs.map((n) => history.find((t) => t.name === n).sizes);
  return [...Array(dims).keys()].map((a) => REFERENCE.map((_, j) => {
    if (op.cls === 'Add' || op.cls === 'Concatenate') {
      const [x, y] = ins.map((s) => s[a][j]);
      if (x === y) return x;
      return op.cls === 'Add' && (x === 1 || y === 1) ? Math.max(x, y) : NaN;
    }
    return axisSize(op, ins[0][a][j], a);
  }));
}

// A random model: {name, dims, ops, lift}
function generate(seed, index) {
  const r = makeRng(seed, index);
  const dims = r.chance(0.5) ? 1 : 2;
  const counts = {};
  const nameOf = (base) => {
    const n = counts[base] || 0;
    counts[base] = n + 1;
    return n ? `${base}_${n}` : base;
  };
  const ops = [];
  const channels = r.int(2, 3);
  ops.push({ cls: 'Input', name: 'input_1', inputs: [], channels });
  // tensors with spatial axes so far: {name, channels, sizes}, sizes[axis][j] the size at the
  // input size REFERENCE[j] (NaN: no size), by Keras' formulas; only to choose skip partners
  // that meet somewhere, so that fewer models never build (the test does not rely on them)
  const history = [{ name: 'input_1', channels, sizes: new Array(dims).fill(REFERENCE) }];
  let current = history[0];
  // per-axis settings: the same on both axes of a 2-D layer, or drawn apart
  const axes = (draw) => {
    if (dims === 1) return [draw()];
    const first = draw();
    return r.chance(0.5) ? [first, first] : [first, draw()];
  };
  const push = (op, ch) => {
    op.inputs = op.inputs || [current.name];
    ops.push(op);
    current = { name: op.name, channels: ch, sizes: sizesAfter(op, dims, history) };
    history.push(current);
  };
  const n = r.int(3, 12);
  const kinds = [['conv', 4], ['pool', 2], ['up', 1], ['zpad', 1], ['crop', 1], ['convT', 1], ['skip', 2.5]];
  if (dims === 2) kinds.push(['depthwise', 1], ['separable', 1]);
  for (let i = 0; i < n; i++) {
    const kind = r.weighted(kinds);
    const cl = `${dims}d`;
    if (kind === 'conv') {
      const strides = axes(() => (r.chance(0.5) ? 1 : r.int(2, 3)));
      const dilate = strides.every((s) => s === 1) && r.chance(0.3);
      const padding = r.weighted([['valid', 3], ['same', 3], ...(dims === 1 ? [['causal', 1.5]] : [])]);
      const filters = r.int(2, 4);
      push({
        cls: 'Conv', name: nameOf(`conv${cl}`), kernel: axes(() => r.int(1, 5)), strides,
        dilation: dilate ? axes(() => r.int(1, 2)) : new Array(dims).fill(1), padding, filters,
      }, filters);
    } else if (kind === 'pool') {
      const cls = r.pick(['MaxPooling', 'AveragePooling']);
      push({
        cls, name: nameOf(cls === 'MaxPooling' ? `max_pooling${cl}` : `average_pooling${cl}`),
        pool: axes(() => r.int(1, 3)), strides: axes(() => r.int(1, 3)), padding: r.pick(['valid', 'same']),
      }, current.channels);
    } else if (kind === 'up') {
      push({ cls: 'UpSampling', name: nameOf(`up_sampling${cl}`), size: axes(() => r.int(2, 3)) }, current.channels);
    } else if (kind === 'zpad' || kind === 'crop') {
      const cls = kind === 'zpad' ? 'ZeroPadding' : 'Cropping';
      push({
        cls, name: nameOf(kind === 'zpad' ? `zero_padding${cl}` : `cropping${cl}`),
        sides: axes(() => [r.int(0, 2), r.int(0, 2)]),
      }, current.channels);
    } else if (kind === 'convT') {
      const filters = r.int(2, 4);
      push({
        cls: 'ConvTranspose', name: nameOf(`conv${cl}_transpose`), kernel: axes(() => r.int(1, 4)),
        strides: axes(() => r.int(1, 3)), dilation: new Array(dims).fill(1), padding: r.pick(['valid', 'same']), filters,
      }, filters);
    } else if (kind === 'depthwise') {
      const multiplier = r.int(1, 2);
      push({
        cls: 'DepthwiseConv', name: nameOf('depthwise_conv2d'), kernel: axes(() => r.int(1, 5)),
        strides: axes(() => (r.chance(0.5) ? 1 : r.int(2, 3))), dilation: [1, 1], padding: r.pick(['valid', 'same']), multiplier,
      }, current.channels * multiplier);
    } else if (kind === 'separable') {
      const filters = r.int(2, 4);
      push({
        cls: 'SeparableConv', name: nameOf('separable_conv2d'), kernel: axes(() => r.int(1, 5)),
        strides: axes(() => (r.chance(0.5) ? 1 : r.int(2, 3))), dilation: [1, 1], padding: r.pick(['valid', 'same']), filters,
      }, filters);
    } else if (kind === 'skip') {
      const earlier = history.filter((t) => t !== current);
      if (!earlier.length) { i--; continue; }
      // mostly a tensor of the current size at some reference size, as a U-Net's skips are
      // (each axis equal at some reference size; a skip that meets nowhere, rarely)
      const meets = (t) => t.sizes.every((a, k) => a.some((x, j) => x === current.sizes[k][j]));
      const meeting = earlier.filter(meets);
      if (!meeting.length && r.chance(0.7)) { i--; continue; }
      const other = meeting.length && r.chance(0.9) ? r.pick(meeting) : r.pick(earlier);
      // Add wants the same channel count (no channel count here is 1, which would broadcast)
      const add = other.channels === current.channels && r.chance(0.5);
      const inputs = r.chance(0.5) ? [current.name, other.name] : [other.name, current.name];
      if (add) push({ cls: 'Add', name: nameOf('add'), inputs }, current.channels);
      else push({ cls: 'Concatenate', name: nameOf('concatenate'), inputs }, current.channels + other.channels);
    }
  }
  // the end: now and then a Flatten or a global pooling and a Dense, or a Reshape with a -1
  const end = r.weighted([['none', 6], ['flatten', 1.5], ['global', 1.5], ['reshape', 1.5]]);
  if (end === 'flatten' || end === 'global') {
    const cls = end === 'flatten' ? 'Flatten' : 'GlobalAveragePooling';
    ops.push({ cls, name: nameOf(end === 'flatten' ? 'flatten' : `global_average_pooling${dims}d`), inputs: [current.name] });
    ops.push({ cls: 'Dense', name: nameOf('dense'), inputs: [ops[ops.length - 1].name], units: r.int(2, 4) });
  } else if (end === 'reshape') {
    // 1-D: any last size (a modulus condition on L); 2-D: a divisor of the channel count, so
    // that no condition ties H and W together
    const last = dims === 1 ? r.int(2, 4) : r.pick([1, current.channels].concat(current.channels % 2 ? [] : [2]));
    ops.push({ cls: 'Reshape', name: nameOf('reshape'), inputs: [current.name], last });
    if (r.chance(0.5)) ops.push({ cls: 'Dense', name: nameOf('dense'), inputs: [ops[ops.length - 1].name], units: r.int(2, 4) });
  }
  const m = { name: `random_${seed}_${index}`, dims, ops };
  m.lift = ops.some((op) => needsLift(op, dims));
  return m;
}

// ---------------------------------------------------------------------------
// Comparing

function usage(message) {
  if (message) process.stderr.write(`random_domain: ${message}\n`);
  process.stderr.write('usage: node random_domain.js --dimsum DIMSUM --seed S --count N [--max 160] [--save DIR] [--only I] [--verbose]\n');
  process.exit(2);
}

function parseArgs(argv) {
  const o = { dimsum: null, seed: 1, count: 20, max: 160, save: null, only: null, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => (i + 1 < argv.length ? argv[++i] : usage(`${a} needs a value`));
    if (a === '--dimsum') o.dimsum = value();
    else if (a === '--seed') o.seed = Number(value());
    else if (a === '--count') o.count = Number(value());
    else if (a === '--max') o.max = Number(value());
    else if (a === '--save') o.save = value();
    else if (a === '--only') o.only = Number(value());
    else if (a === '--verbose') o.verbose = true;
    else usage(`unknown argument ${a}`);
  }
  if (!o.dimsum) usage('--dimsum is required');
  if (!fs.existsSync(o.dimsum)) usage(`no dimsum binary at ${o.dimsum}`);
  if (!Number.isInteger(o.seed)) usage('--seed wants an integer');
  if (!Number.isInteger(o.count) || o.count < 1) usage('--count wants a positive integer');
  if (!Number.isInteger(o.max) || o.max < 20) usage('--max wants an integer of at least 20');
  if (o.only != null && !(Number.isInteger(o.only) && o.only >= 0)) usage('--only wants a model index');
  return o;
}

// Does size s belong to a described set (the domain JSON's kind/from/modulus/residues/values)?
// "undecided" (the sizes that work listed up to checked_up_to, nothing said beyond) is taken as
// its list; sizes beyond checked_up_to are not compared (decided below).
function member(d, s) {
  // periodic: the pattern from `from` on, and the sizes in `values` too (README, JSON output)
  if (d.kind === 'periodic') {
    return (s >= d.from && d.residues.includes(((s % d.modulus) + d.modulus) % d.modulus)) || (d.values || []).includes(s);
  }
  if (d.kind === 'values' || d.kind === 'undecided') return d.values.includes(s);
  return false;
}
const decided = (d, s) => d.kind !== 'undecided' || s <= d.checked_up_to;

// Sizes listed short: "3-7, 9, 12-20"
function ranges(list) {
  const out = [];
  for (let i = 0; i < list.length; i++) {
    let j = i;
    while (j + 1 < list.length && list[j + 1] === list[j] + 1) j++;
    out.push(j > i ? `${list[i]}-${list[j]}` : `${list[i]}`);
    i = j;
  }
  return out.join(', ');
}

// Docs/semantics.md row 22: after an Add of two different sizes, one of them 1 (Keras
// broadcasts it), dimsum takes the first input's size, not the larger. Where the first input is
// the 1 (found from the shapes tfjs gave every layer), dimsum may be wrong by design, and the
// comparison skips these sizes. Returns the Add layers whose first input broadcasts.
async function broadcastingAdds(m, oracleModel, sizes) {
  const adds = m.ops.filter((op) => op.cls === 'Add');
  if (!adds.length) return [];
  const shape = (spec) => [1, ...spec];
  const input = [sizes.get('input_1:1'), ...(m.lift ? [1] : m.dims === 2 ? [sizes.get('input_1:2')] : []), m.ops[0].channels];
  const r = await runOracle(oracleModel, [{ name: 'input_1', shape: shape(input) }], { layers: true });
  const shapes = { ...r.layer_shapes, input_1: shape(input) };
  const found = [];
  for (const op of adds) {
    const [a, b] = op.inputs.map((n) => shapes[n]);
    if (!a || !b) continue; // the model failed before this Add
    // dimsum is wrong by design only where the first input is the 1 that broadcasts
    if (a.some((x, i) => i > 0 && i < a.length - 1 && x === 1 && b[i] > 1)) found.push(op.name);
  }
  return found;
}

const stats = { models: 0, lifted: 0, symbols: 0, unverifiable: 0, sizes: 0, excused: 0, dimsumRuns: 0, neverBuilds: 0 };

function runDimsum(o, file) {
  stats.dimsumRuns++;
  const r = spawnSync(o.dimsum, ['domain', file, '--format', 'json'], { encoding: 'utf8', timeout: 60000, maxBuffer: 64 << 20 });
  let json = null;
  try {
    json = JSON.parse(r.stdout);
  } catch (e) {
    // reported below
  }
  if (Array.isArray(json)) json = json[0];
  if (r.error && r.error.code !== 'ETIMEDOUT') {
    // no binary to run (or one being relinked): the test cannot run, which is no disagreement
    process.stderr.write(`random_domain: cannot run ${o.dimsum}: ${r.error.code || r.error.message}\n`);
    process.exit(2);
  }
  return { status: r.status, signal: r.signal, error: r.error, stderr: r.stderr || '', json };
}

async function checkModel(o, index, tmp) {
  const m = generate(o.seed, index);
  const doc = kerasModel(m, false);
  const oracleModel = m.lift ? kerasModel(m, true) : doc;
  const file = path.join(tmp, `${m.name}.json`);
  fs.writeFileSync(file, JSON.stringify(doc, null, 1) + '\n');
  stats.models++;
  if (m.lift) stats.lifted++;
  const found = [];
  const report = (symbol, message) => found.push({ symbol, message });

  const r = runDimsum(o, file);
  const result = r.json;
  if (!result || !Array.isArray(result.symbols)) {
    const why = r.error ? `could not run (${r.error.code || r.error.message})` : `exit ${r.signal || r.status}`;
    report(null, `dimsum domain gave no result: ${why}, ${r.stderr.trim().split('\n')[0] || 'no stderr'}`);
    return { m, doc, oracleModel, found };
  }
  const names = m.dims === 1 ? ['L'] : ['H', 'W'];
  const symbols = names.map((name, i) => ({ name, input: 'input_1', axis: i + 1, d: result.symbols.find((s) => s.name === name) }));
  for (const s of symbols) if (!s.d) report(s.name, `dimsum names no symbol ${s.name} (it gives ${result.symbols.map((x) => x.name).join(', ')})`);
  if (result.symbols.length !== names.length) report(null, `dimsum gives ${result.symbols.length} symbols, expected ${names.join(', ')}`);
  if (found.length) return { m, doc, oracleModel, found };
  // The sizes of a 2-D model's other symbol while one is swept. A symbol dimsum says works is
  // held at dimsum's smallest. A symbol dimsum says never works is swept first (the others at
  // their smallest, or where none has one, at the first size with which the model builds with
  // every symbol at that size, else max); if TensorFlow.js agrees that none of its sizes
  // builds, the model never builds and what dimsum says of the other symbols (the sizes that
  // meet their own conditions) cannot be tried: they are not compared. Else the disagreement is
  // reported, and the others are swept with it at its first size that builds.
  // (Conditions that tie H and W together, listed apart in "coupled", are not made: a 2-D
  // Reshape's last size divides the channel count, so they always hold.)
  let diagonal;
  const diagonalSize = async () => {
    if (diagonal === undefined) diagonal = await sweep.diagonal(oracleModel, symbols.map((x) => ({ input: x.input, axis: x.axis })), o.max);
    return diagonal == null ? o.max : diagonal;
  };
  const sweepSymbol = async (s, sizeOf) => {
    const fixed = new Map();
    for (const other of symbols) if (other !== s) fixed.set(sweep.key(other), await sizeOf(other));
    s.fixed = fixed;
    s.works = await sweep.sweepAxis(oracleModel, s, fixed, o.max);
    s.set = new Set(s.works);
    stats.symbols++;
    stats.sizes += o.max;
  };
  const says = (s) => s.d.kind !== 'none' && Number.isInteger(s.d.smallest);
  const nothing = symbols.filter((s) => !says(s));
  for (const s of nothing) await sweepSymbol(s, async (x) => (says(x) ? x.d.smallest : diagonalSize()));
  const unverifiable = nothing.some((s) => !s.works.length);
  for (const s of symbols.filter(says)) {
    if (unverifiable) { stats.unverifiable++; continue; }
    await sweepSymbol(s, async (x) => (says(x) ? x.d.smallest : x.works[0]));
    if (!s.works.length && symbols.length > 1 && (await diagonalSize()) !== o.max) {
      // nothing builds with the others at dimsum's smallest: that smallest may be what is wrong;
      // sweep again with them where the model builds (the other disagreement is reported too)
      stats.symbols--;
      stats.sizes -= o.max;
      await sweepSymbol(s, diagonalSize);
    }
  }

  for (const s of symbols) {
    if (!s.works) continue;
    const d = s.d;
    const other = [...s.fixed].map(([k, v]) => `${names[Number(k.split(':')[1]) - 1]} = ${v}`).join(', ');
    const at = other ? ` (${other})` : '';
    const wrong = [];
    for (let n = 1; n <= o.max; n++) if (decided(d, n) && member(d, n) !== s.set.has(n)) wrong.push(n);
    // sizes where an Add broadcasts a size of 1 (docs/semantics.md row 22): not compared
    const excused = [];
    for (const n of wrong) {
      const sizes = new Map([...s.fixed, [sweep.key(s), n]]);
      if ((await broadcastingAdds(m, oracleModel, sizes)).length) excused.push(n);
    }
    stats.excused += excused.length;
    const real = wrong.filter((n) => !excused.includes(n));
    if (real.length) {
      const builds = real.filter((n) => s.set.has(n));
      const fails = real.filter((n) => !s.set.has(n));
      report(s.name, `dimsum says "${d.text}" (${d.kind}${d.kind === 'periodic' ? ` from ${d.from} mod ${d.modulus} in {${d.residues}}` : d.values.length ? ` ${ranges(d.values)}` : ''}); ` +
        `TensorFlow.js${at}${builds.length ? ` builds at ${ranges(builds)}` : ''}${builds.length && fails.length ? ' and' : ''}` +
        `${fails.length ? ` fails at ${ranges(fails)}` : ''}; it builds at ${s.works.length ? ranges(s.works) : 'no size'} of 1..${o.max}` +
        `${excused.length ? ` (${excused.length} sizes where an Add broadcasts not counted)` : ''}`);
      continue;
    }
    // smallest
    const smallest = s.works.length ? s.works[0] : null;
    if (excused.includes(d.smallest) || excused.includes(smallest)) {
      s.excused = true; // smallest and works are not compared either
      continue;
    }
    // a few sizes beyond max, and every size dimsum lists beyond it
    const beyond = [o.max + 1, o.max + 2, 2 * o.max + 1, 1000, 1001, 1024].filter((n) => decided(d, n));
    if (d.kind === 'values') beyond.push(...d.values.filter((v) => v > o.max && !beyond.includes(v)));
    const far = [];
    for (const n of beyond) {
      const sizes = new Map([...s.fixed, [sweep.key(s), n]]);
      if ((await sweep.buildsAt(oracleModel, sizes)) === member(d, n)) continue;
      if ((await broadcastingAdds(m, oracleModel, sizes)).length) stats.excused++;
      else far.push(`${n} (${member(d, n) ? 'fails' : 'builds'})`);
    }
    stats.sizes += beyond.length;
    if (far.length) report(s.name, `dimsum says "${d.text}"; beyond ${o.max}, TensorFlow.js${at} disagrees at ${far.join(', ')}`);
    if (smallest != null && d.smallest !== smallest) {
      report(s.name, `"smallest" is ${d.smallest}, TensorFlow.js${at} builds first at ${smallest}`);
    }
    if (smallest == null && d.kind !== 'none') {
      if (!(d.smallest > o.max)) report(s.name, `"smallest" is ${d.smallest} but no size 1..${o.max} builds${at}`);
      else if (!(await sweep.buildsAt(oracleModel, new Map([...s.fixed, [sweep.key(s), d.smallest]])))) {
        report(s.name, `"smallest" ${d.smallest} does not build${at}`);
      }
    }
  }
  // works and the exit status
  const works = symbols.every((s) => !s.works || s.works.length > 0 || (s.d.kind !== 'none' && s.d.smallest > o.max)) && !unverifiable;
  if (!works) stats.neverBuilds++;
  if (symbols.some((s) => s.excused)) return { m, doc, oracleModel, found, result };
  if (result.works !== works) report(null, `"works" is ${result.works}, TensorFlow.js says ${works}`);
  if (r.status !== (works ? 0 : 1)) report(null, `exit status ${r.status}, expected ${works ? 0 : 1}`);
  return { m, doc, oracleModel, found, result };
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const started = Date.now();
  try {
    await sweep.init();
  } catch (e) {
    process.stderr.write(`random_domain: cannot start TensorFlow.js: ${e.message}\n`);
    process.exit(2);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dimsum-random-domain-'));
  const bad = [];
  const indices = o.only != null ? [o.only] : [...Array(o.count).keys()];
  try {
    for (const index of indices) {
      let c;
      try {
        c = await checkModel(o, index, tmp);
      } catch (e) {
        const m = generate(o.seed, index);
        c = { m, doc: kerasModel(m, false), oracleModel: m.lift ? kerasModel(m, true) : null, found: [{ symbol: null, message: `cannot test: ${e.stack || e.message}` }] };
      }
      if (o.verbose) {
        const text = c.result ? c.result.symbols.map((s) => `${s.name}: ${s.text}`).join('; ') : '-';
        process.stderr.write(`#${index}${c.m.lift ? ' (lifted)' : ''} ${describeOps(c.m)}\n    dimsum: ${text}\n`);
      }
      if (c.found.length) bad.push({ index, ...c });
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const summary = `${stats.models} models (${stats.lifted} 1-D lifted to 2-D for tfjs, ${stats.neverBuilds} that never build), ` +
    `${stats.symbols} symbols (${stats.unverifiable} more not tried: another never works), ${stats.sizes} sizes, ${sweep.stats.builds} TensorFlow.js builds, ` +
    `${stats.excused} sizes skipped where an Add broadcasts (docs/semantics.md row 22), ${seconds} s`;
  if (!bad.length) {
    process.stdout.write(`domain_random: seed ${o.seed}: dimsum domain agrees with TensorFlow.js on ${summary}\n`);
    return;
  }
  const save = o.save || fs.mkdtempSync(path.join(os.tmpdir(), 'dimsum-random-domain-failed-'));
  fs.mkdirSync(save, { recursive: true });
  process.stderr.write(`domain_random: seed ${o.seed}: ${bad.length} of ${stats.models} models disagree:\n`);
  for (const b of bad) {
    const file = path.join(save, `${b.m.name}.json`);
    fs.writeFileSync(file, JSON.stringify(b.doc, null, 1) + '\n');
    if (b.m.lift && b.oracleModel) fs.writeFileSync(path.join(save, `${b.m.name}.lifted.json`), JSON.stringify(b.oracleModel, null, 1) + '\n');
    process.stderr.write(`  - model ${b.index} (--seed ${o.seed} --only ${b.index}${b.m.lift ? ', lifted for tfjs' : ''}): ${describeOps(b.m)}\n`);
    for (const f of b.found) process.stderr.write(`      ${f.symbol ? f.symbol + ': ' : ''}${f.message}\n`);
  }
  process.stderr.write(`configs saved in ${save}\n(${summary})\n`);
  process.exit(1);
}

module.exports = { generate, kerasModel, describeOps, axisSize };

if (require.main === module) main();
