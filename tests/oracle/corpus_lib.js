'use strict';
// Writers for the corpus: turn a compact model description into the JSON each
// Keras dialect really writes (tf.keras 2 model.to_json(), Keras 3
// model.to_json(), Keras 2.1's bare-list Sequential, a tfjs converter
// model.json), pretty-printed like json.dumps(indent=1).
//
// A layer is L(class, name, options, inbound): options are the layer's Keras
// arguments that differ from the defaults; inbound (Functional models) lists
// the calls, each a list of refs "name" or ["name", node, tensor].

// A Python float (printed with a decimal point: 0.0, 1.0).
class PyFloat {
  constructor(v) { this.v = v; }
}
const F = (v) => new PyFloat(v);

function pyFloatText(v) {
  if (Number.isInteger(v)) return v.toFixed(1);
  return String(v);
}

// json.dumps(obj, indent=1)
function pyjson(v, indent = 1, depth = 0) {
  const pad = (d) => '\n' + ' '.repeat(indent * d);
  if (v instanceof PyFloat) return pyFloatText(v.v);
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) {
    if (!v.length) return '[]';
    return '[' + v.map((x) => pad(depth + 1) + pyjson(x, indent, depth + 1)).join(',') + pad(depth) + ']';
  }
  if (typeof v === 'object') {
    const keys = Object.keys(v);
    if (!keys.length) return '{}';
    return '{' + keys.map((k) => pad(depth + 1) + JSON.stringify(k) + ': ' + pyjson(v[k], indent, depth + 1)).join(',') +
      pad(depth) + '}';
  }
  return JSON.stringify(v);
}

// plain JSON value (PyFloat -> number), for handing to the oracle
function plain(v) {
  if (v instanceof PyFloat) return v.v;
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object') {
    const o = {};
    for (const [k, x] of Object.entries(v)) o[k] = plain(x);
    return o;
  }
  return v;
}

function L(cls, name, opts = {}, inbound = null) {
  return { cls, name, opts, inbound };
}

// ---------------------------------------------------------------------------
// Serialized initializers per dialect

function initializer(d, kind) {
  const base = {
    glorot: ['GlorotUniform', { seed: null }],
    zeros: ['Zeros', {}],
    ones: ['Ones', {}],
    orthogonal: ['Orthogonal', { gain: F(1), seed: null }],
    uniform: ['RandomUniform', { minval: F(-0.05), maxval: F(0.05), seed: null }],
  }[kind];
  if (d === 'k21' && kind === 'glorot') {
    return { class_name: 'VarianceScaling', config: { scale: F(1), mode: 'fan_avg', distribution: 'uniform', seed: null } };
  }
  if (d === 'k3') {
    return { module: 'keras.initializers', class_name: base[0], config: base[1], registered_name: null };
  }
  return { class_name: base[0], config: base[1] };
}

const K3_POLICY = () => ({ module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null });

// ---------------------------------------------------------------------------
// Per-class configs: an ordered list of [key, default]

function rankOf(cls) {
  const m = /([123])D$/.exec(cls);
  return m ? Number(m[1]) : 0;
}

function tuple(v, n) {
  if (v === undefined || v === null) return v;
  return Array.isArray(v) ? v : Array(n).fill(v);
}

function regs(keys) {
  return keys.map((k) => [k, null]);
}

function classDefaults(d, cls, o) {
  const n = rankOf(cls);
  const kernelBlock = (prefix = '') => [
    ['use_bias', true],
    ['kernel_initializer', initializer(d, 'glorot')],
    ['bias_initializer', initializer(d, 'zeros')],
    ...regs(['kernel_regularizer', 'bias_regularizer', 'activity_regularizer', 'kernel_constraint', 'bias_constraint']),
  ];
  switch (cls) {
    case 'Dense':
      return [['units', undefined], ['activation', 'linear'], ...kernelBlock()];
    case 'Activation':
      return [['activation', undefined]];
    case 'Dropout':
      return d === 'k3'
        ? [['rate', undefined], ['seed', null], ['noise_shape', null]]
        : [['rate', undefined], ['noise_shape', null], ['seed', null]];
    case 'Flatten':
      return d === 'k21' ? [] : [['data_format', 'channels_last']];
    case 'Reshape':
      return [['target_shape', undefined]];
    case 'Permute':
      return [['dims', undefined]];
    case 'Conv1D': case 'Conv2D': case 'Conv3D': {
      const out = [
        ['filters', undefined],
        ['kernel_size', tuple(o.kernel_size, n), true],
        ['strides', tuple(o.strides === undefined ? 1 : o.strides, n), true],
        ['padding', 'valid'],
        ['data_format', 'channels_last'],
        ['dilation_rate', tuple(o.dilation_rate === undefined ? 1 : o.dilation_rate, n), true],
        ['groups', 1],
        ['activation', 'linear'],
        ...kernelBlock(),
      ];
      if (d === 'k21') return out.filter(([k]) => k !== 'groups' && !(cls === 'Conv1D' && k === 'data_format'));
      return out;
    }
    case 'MaxPooling1D': case 'AveragePooling1D':
      if (d === 'k21') {
        return [['strides', tuple(o.strides === undefined ? o.pool_size : o.strides, 1), true],
          ['pool_size', tuple(o.pool_size, 1), true], ['padding', 'valid']];
      }
      if (d === 'tfk2') {
        return [['strides', tuple(o.strides === undefined ? o.pool_size : o.strides, 1), true],
          ['pool_size', tuple(o.pool_size, 1), true], ['padding', 'valid'], ['data_format', 'channels_last']];
      }
      return [['pool_size', tuple(o.pool_size, 1), true], ['padding', 'valid'],
        ['strides', tuple(o.strides === undefined ? o.pool_size : o.strides, 1), true], ['data_format', 'channels_last']];
    case 'MaxPooling2D': case 'AveragePooling2D': case 'MaxPooling3D': case 'AveragePooling3D':
      return [['pool_size', tuple(o.pool_size, n), true], ['padding', 'valid'],
        ['strides', tuple(o.strides === undefined ? o.pool_size : o.strides, n), true], ['data_format', 'channels_last']];
    case 'GlobalAveragePooling1D': case 'GlobalMaxPooling1D':
    case 'GlobalAveragePooling2D': case 'GlobalMaxPooling2D':
    case 'GlobalAveragePooling3D': case 'GlobalMaxPooling3D':
      if (d === 'k21') return n === 1 ? [] : [['data_format', 'channels_last']];
      return [['data_format', 'channels_last'], ['keepdims', false]];
    case 'ZeroPadding1D':
      return [['padding', tuple(o.padding, 2), true]];
    case 'ZeroPadding2D': {
      let p = o.padding;
      if (typeof p === 'number') p = [[p, p], [p, p]];
      else if (Array.isArray(p) && typeof p[0] === 'number') p = [[p[0], p[0]], [p[1], p[1]]];
      return [['padding', p, true], ['data_format', 'channels_last']];
    }
    case 'Cropping1D':
      return [['cropping', tuple(o.cropping, 2), true]];
    case 'Cropping2D': {
      let c = o.cropping;
      if (typeof c === 'number') c = [[c, c], [c, c]];
      else if (Array.isArray(c) && typeof c[0] === 'number') c = [[c[0], c[0]], [c[1], c[1]]];
      return [['cropping', c, true], ['data_format', 'channels_last']];
    }
    case 'UpSampling1D':
      return [['size', undefined]];
    case 'UpSampling2D':
      return [['size', tuple(o.size, 2), true], ['data_format', 'channels_last'], ['interpolation', 'nearest']];
    case 'BatchNormalization': {
      const out = [
        ['axis', -1], ['momentum', F(0.99)], ['epsilon', F(0.001)], ['center', true], ['scale', true],
        ['beta_initializer', initializer(d, 'zeros')], ['gamma_initializer', initializer(d, 'ones')],
        ['moving_mean_initializer', initializer(d, 'zeros')], ['moving_variance_initializer', initializer(d, 'ones')],
        ...regs(['beta_regularizer', 'gamma_regularizer', 'beta_constraint', 'gamma_constraint']),
      ];
      if (d === 'k3') out.push(['synchronized', false]);
      return out;
    }
    case 'Embedding': {
      const out = [['input_dim', undefined], ['output_dim', undefined],
        ['embeddings_initializer', initializer(d, 'uniform')],
        ...regs(['embeddings_regularizer', 'activity_regularizer', 'embeddings_constraint']),
        ['mask_zero', false]];
      if (d !== 'k3') out.push(['input_length', null]);
      return out;
    }
    case 'SimpleRNN': case 'LSTM': case 'GRU': {
      const flags = [['return_sequences', false], ['return_state', false], ['go_backwards', false],
        ['stateful', false], ['unroll', false]];
      if (d === 'tfk2') flags.push(['time_major', false]);
      if (d === 'k3') flags.push(['zero_output_for_mask', false]);
      const body = [['units', undefined], ['activation', 'tanh']];
      if (cls !== 'SimpleRNN') body.push(['recurrent_activation', d === 'k21' ? 'hard_sigmoid' : 'sigmoid']);
      body.push(['use_bias', true], ['kernel_initializer', initializer(d, 'glorot')],
        ['recurrent_initializer', initializer(d, 'orthogonal')], ['bias_initializer', initializer(d, 'zeros')]);
      if (cls === 'LSTM') body.push(['unit_forget_bias', true]);
      body.push(...regs(['kernel_regularizer', 'recurrent_regularizer', 'bias_regularizer', 'activity_regularizer',
        'kernel_constraint', 'recurrent_constraint', 'bias_constraint']));
      body.push(['dropout', F(0)], ['recurrent_dropout', F(0)]);
      if (d === 'k3') body.push(['seed', null]);
      if (d !== 'k3' && cls !== 'SimpleRNN') body.push(['implementation', d === 'k21' ? 1 : 2]);
      if (cls === 'GRU') body.push(['reset_after', d !== 'k21']);
      return [...flags, ...body];
    }
    case 'Concatenate':
      return [['axis', -1]];
    case 'Add': case 'Subtract': case 'Multiply': case 'Average': case 'Maximum': case 'Minimum':
      return [];
    default:
      throw new Error(`no defaults for ${cls}`);
  }
}

const WRAPPERS = new Set(['Bidirectional', 'TimeDistributed']);
const MERGES = new Set(['Concatenate', 'Add', 'Subtract', 'Multiply', 'Average', 'Maximum', 'Minimum']);

// the config of one layer (not a model)
function layerConfig(d, spec, extraBase = {}) {
  const { cls, name } = spec;
  const o = Object.assign({}, spec.opts);
  const cfg = { name, trainable: true };
  if (o.batch_input_shape !== undefined && d !== 'k3') cfg.batch_input_shape = o.batch_input_shape;
  cfg.dtype = d === 'k3' ? K3_POLICY() : 'float32';
  Object.assign(cfg, extraBase);
  delete o.batch_input_shape;
  if (WRAPPERS.has(cls)) {
    const inner = o.layer;
    delete o.layer;
    if (cls === 'Bidirectional') {
      const merge = o.merge_mode === undefined ? 'concat' : o.merge_mode;
      delete o.merge_mode;
      if (d === 'k3') {
        cfg.merge_mode = merge;
        const fwd = Object.assign({}, inner, { name: 'forward_' + inner.name });
        const bwd = Object.assign({}, inner, {
          name: 'backward_' + inner.name,
          opts: Object.assign({}, inner.opts, { go_backwards: !inner.opts.go_backwards }),
        });
        cfg.layer = serializeInner(d, fwd);
        cfg.backward_layer = serializeInner(d, bwd);
      } else {
        cfg.layer = serializeInner(d, inner);
        cfg.merge_mode = merge;
      }
    } else {
      cfg.layer = serializeInner(d, inner);
    }
    if (Object.keys(o).length) throw new Error(`${name}: unknown options ${Object.keys(o)}`);
    return cfg;
  }
  for (const [k, def, resolved] of classDefaults(d, cls, o)) {
    // resolved: classDefaults already read (and normalised) the option
    const v = resolved ? def : (k in o ? o[k] : def);
    if (v === undefined) throw new Error(`${name}: ${cls} needs ${k}`);
    cfg[k] = v;
    delete o[k];
  }
  const left = Object.keys(o);
  if (left.length) throw new Error(`${name}: unknown options for ${cls}: ${left.join(', ')}`);
  return cfg;
}

function serializeInner(d, spec) {
  const cfg = layerConfig(d, spec);
  if (d === 'k3') return { module: 'keras.layers', class_name: spec.cls, config: cfg, registered_name: null };
  return { class_name: spec.cls, config: cfg };
}

// ---------------------------------------------------------------------------
// Models

// spec: {kind: 'sequential', name, layers, input: [shape] | undefined (InputLayer)}
// spec: {kind: 'functional', name, layers (with inbound), inputs: [names], outputs: [refs]}
// shapes: for Keras 3 functional models, a function (layerName, node, tensor)
//   -> shape of that tensor, and (layerName, node) -> the node's input shape(s)

function inputLayer(d, name, shape, dtype = 'float32') {
  if (d === 'k3') {
    return { module: 'keras.layers', class_name: 'InputLayer',
      config: { batch_shape: shape, dtype, sparse: false, name }, registered_name: null };
  }
  if (d === 'k21') return { class_name: 'InputLayer', config: { batch_input_shape: shape, dtype, sparse: false, name } };
  return { class_name: 'InputLayer', config: { batch_input_shape: shape, dtype, sparse: false, ragged: false, name } };
}

function sequentialConfig(d, spec, ctx) {
  const layers = [];
  if (spec.input) layers.push(inputLayer(d, spec.inputName || (d === 'k3' ? 'input_layer' : 'input_1'), spec.input, spec.inputDtype));
  for (const l of spec.layers) {
    if (l.cls === 'Sequential') layers.push(modelObject(d, l.opts.model, ctx, true));
    else layers.push(serializeInner(d, l));
  }
  if (d === 'k21') return layers;
  if (d === 'k3') {
    const cfg = { name: spec.name, trainable: true, dtype: K3_POLICY(), layers };
    // newer Keras 3 releases also write the shape a built Sequential was built for
    if (spec.buildInputShape) cfg.build_input_shape = spec.input;
    return cfg;
  }
  return { name: spec.name, layers };
}

function functionalConfig(d, spec, ctx) {
  const layers = [];
  // Refs in a spec count the calls of a layer (0 = its first call). tf.keras 2
  // (and Keras 2.x, tfjs) count a nested model built with an input shape from
  // 1: its node 0 links its own input to its output (get_network_config's
  // kept_nodes = 1). Keras 3 Sequential has no such node.
  const builtIn = new Set(spec.layers.filter((l) => l.cls === 'Sequential' && d !== 'k3' &&
    (l.opts.model.input || (l.opts.model.layers[0] && l.opts.model.layers[0].opts.batch_input_shape))).map((l) => l.name));
  const refOf = (r) => {
    const t = typeof r === 'string' ? [r, 0, 0] : r.slice();
    if (builtIn.has(t[0])) t[1] += 1;
    return t;
  };
  for (const l of spec.layers) {
    let entry;
    if (l.cls === 'Input') {
      entry = inputLayer(d, l.name, l.opts.shape, l.opts.dtype || 'float32');
    } else if (l.cls === 'Sequential') {
      entry = modelObject(d, l.opts.model, ctx, true);
    } else {
      entry = serializeInner(d, l);
    }
    if (d === 'k3' && l.cls !== 'Input' && ctx.shapes) {
      const inShapes = ctx.shapes.nodeInputs(l.name, 0);
      entry.build_config = { input_shape: inShapes.length === 1 ? inShapes[0] : inShapes };
    }
    entry.name = l.name;
    entry.inbound_nodes = (l.inbound || []).map((call, nodeIdx) => {
      const refs = call.map(refOf);
      if (d === 'k3') {
        const tensors = refs.map((r) => ({
          class_name: '__keras_tensor__',
          config: { shape: ctx.shapes.tensor(r[0], r[1], r[2]), dtype: ctx.shapes.dtype(r[0]), keras_history: r },
        }));
        const kwargs = (l.k3kwargs && l.k3kwargs[nodeIdx]) || {};
        const listCall = MERGES.has(l.cls);
        return { args: [tensors.length === 1 && !listCall ? tensors[0] : tensors], kwargs };
      }
      return refs.map((r) => [r[0], r[1], r[2], {}]);
    });
    layers.push(entry);
  }
  const io = (list) => list.map((r) => refOf(r));
  if (d === 'k3') {
    return { name: spec.name, trainable: true, layers, input_layers: io(spec.inputs), output_layers: io(spec.outputs) };
  }
  return { name: spec.name, layers, input_layers: io(spec.inputs), output_layers: io(spec.outputs) };
}

// the {class_name, config} object of a model (nested: a layer entry)
function modelObject(d, spec, ctx, nested = false) {
  if (spec.kind === 'sequential') {
    const config = sequentialConfig(d, spec, ctx);
    if (d === 'k3') return { module: 'keras', class_name: 'Sequential', config, registered_name: null };
    return { class_name: 'Sequential', config };
  }
  const config = functionalConfig(d, spec, ctx);
  if (d === 'k3') {
    return { module: 'keras.src.models.functional', class_name: 'Functional', config, registered_name: 'Functional' };
  }
  return { class_name: 'Functional', config };
}

// the whole file as the dialect's tool writes it
function modelFile(dialect, spec, ctx = {}) {
  switch (dialect) {
    case 'tfkeras2': {
      const m = modelObject('tfk2', spec, ctx);
      return Object.assign(m, { keras_version: '2.12.0', backend: 'tensorflow' });
    }
    case 'keras3': {
      const m = modelObject('k3', spec, ctx);
      if (m.class_name === 'Functional') Object.assign(m, { build_config: { input_shape: null }, compile_config: null });
      return m;
    }
    case 'keras21': {
      const m = modelObject('k21', spec, ctx);
      return Object.assign(m, { keras_version: '2.1.5', backend: 'tensorflow' });
    }
    case 'tfjs': {
      const m = modelObject('tfk2', spec, ctx);
      return {
        format: 'layers-model',
        generatedBy: 'keras v2.6.0',
        convertedBy: 'TensorFlow.js Converter v3.18.0',
        modelTopology: { keras_version: '2.6.0', backend: 'tensorflow', model_config: m },
        weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: [] }],
      };
    }
    default:
      throw new Error(`unknown dialect ${dialect}`);
  }
}

module.exports = { F, L, pyjson, plain, modelFile };
