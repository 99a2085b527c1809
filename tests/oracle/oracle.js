#!/usr/bin/env node
'use strict';
// dimsum's independent shape oracle: builds a Keras model config with the
// TensorFlow.js layers API (@tensorflow/tfjs, pure-JS CPU backend) and reports
// what tfjs computed: the verdict, the output shapes and the parameter counts.
//
//   node oracle.js MODEL.json [--input-shape 100,20,20,1]...
//
// prints one JSON line:
//   {"ok":true|false, "output_shapes":[[...]], "total_params":N,
//    "trainable_params":N, "error":"message", "error_layer":"name",
//    "unsupported":true (tfjs cannot judge this model; see "error")}
//
// Dialects read (the same as dimsum): tf.keras 2 model.to_json(), Keras 3
// model.to_json() (translated here to tf.keras 2), the Keras 2.0/2.1 bare-list
// Sequential, and TensorFlow.js layers-model files.
//
// One rule is dimsum's, not tfjs': an output dimension of 0 or less (a window
// larger than its input) makes the model fail, at the first layer producing it.

const fs = require('fs');
const path = require('path');
const { callsOutOfOrder } = require('./node_order.js');

// tfjs greets Node users on stdout; keep stdout for our one JSON line.
const realStdoutWrite = process.stdout.write.bind(process.stdout);
for (const k of ['log', 'info', 'warn', 'debug']) {
  console[k] = (...a) => process.stderr.write(a.map(String).join(' ') + '\n');
}
const tf = require('@tensorflow/tfjs');

// ---------------------------------------------------------------------------
// Small helpers

const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const clone = (v) => JSON.parse(JSON.stringify(v));

class OracleError extends Error {
  constructor(message, layer, unsupported) {
    super(message);
    this.layer = layer || null;
    this.unsupported = !!unsupported;
  }
}

// "100,20,20,1", "a=1,32", "?,10" -> {name, shape}
function parseInputShape(spec) {
  let name = null;
  let dims = spec;
  const eq = spec.indexOf('=');
  if (eq >= 0) {
    name = spec.slice(0, eq);
    dims = spec.slice(eq + 1);
  }
  const shape = dims.split(',').map((d) => {
    d = d.trim();
    if (d === '?' || d === 'None' || d === 'null') return null;
    if (!/^-?\d+$/.test(d)) throw new OracleError(`bad --input-shape dimension "${d}" in "${spec}"`);
    return parseInt(d, 10);
  });
  return { name, shape };
}

// ---------------------------------------------------------------------------
// Dialects -> one tf.keras 2 model config {class_name, config}

function isKeras3(node) {
  // module / registered_name keys, batch_shape on InputLayer, dtype policy
  // objects or __keras_tensor__ inbound nodes anywhere in the document.
  let found = false;
  (function walk(v) {
    if (found) return;
    if (Array.isArray(v)) { v.forEach(walk); return; }
    if (!isObj(v)) return;
    if ('module' in v && 'class_name' in v) { found = true; return; }
    if ('registered_name' in v) { found = true; return; }
    if (v.class_name === '__keras_tensor__') { found = true; return; }
    if (v.class_name === 'InputLayer' && isObj(v.config) && 'batch_shape' in v.config) { found = true; return; }
    Object.values(v).forEach(walk);
  })(node);
  return found;
}

// Keras 3 -> tf.keras 2 ------------------------------------------------------

function k3Dtype(d) {
  if (isObj(d) && isObj(d.config) && typeof d.config.name === 'string') {
    const n = d.config.name;
    // mixed_float16 and friends compute in float16 but keep float32 variables;
    // shapes do not care.
    return n.startsWith('mixed_') ? 'float32' : n;
  }
  return d;
}

// strip module/registered_name from serialized objects (initializers,
// regularizers, constraints, dtype policies are handled by the caller)
function k3Plain(v) {
  if (Array.isArray(v)) return v.map(k3Plain);
  if (!isObj(v)) return v;
  if (v.class_name === '__keras_tensor__') return v;
  const out = {};
  for (const [k, val] of Object.entries(v)) {
    if (k === 'module' || k === 'registered_name' || k === 'build_config' || k === 'compile_config') continue;
    out[k] = k3Plain(val);
  }
  return out;
}

function k3Tensors(v, acc) {
  if (Array.isArray(v)) { v.forEach((x) => k3Tensors(x, acc)); return acc; }
  if (!isObj(v)) return acc;
  if (v.class_name === '__keras_tensor__') {
    const h = v.config.keras_history;
    acc.push([h[0], h[1], h[2], {}]);
    return acc;
  }
  Object.values(v).forEach((x) => k3Tensors(x, acc));
  return acc;
}

function k3Layer(layer) {
  const out = { class_name: layer.class_name, config: k3LayerConfig(layer.class_name, layer.config) };
  if ('name' in layer) out.name = layer.name;
  if ('inbound_nodes' in layer) {
    out.inbound_nodes = (layer.inbound_nodes || []).map((node) => {
      if (Array.isArray(node)) return node; // already tf.keras 2 style
      // every tensor of the positional args, in order (a merge layer's list,
      // or mha(q, v)); keyword tensors (mask, initial_state) follow.
      const tensors = k3Tensors(node.args || [], []);
      k3Tensors(node.kwargs || {}, tensors);
      return tensors;
    });
  }
  return out;
}

function k3LayerConfig(className, cfg) {
  if (!isObj(cfg)) return cfg;
  if (className === 'Sequential' || className === 'Functional' || className === 'Model') {
    return k3ModelConfig(className, cfg);
  }
  const out = {};
  for (const [k, v] of Object.entries(cfg)) {
    if (k === 'dtype') { out.dtype = k3Dtype(v); continue; }
    if (className === 'InputLayer' && k === 'batch_shape') { out.batch_input_shape = v; continue; }
    if (className === 'InputLayer' && (k === 'optional')) continue;
    if ((k === 'layer' || k === 'backward_layer') && isObj(v) && 'class_name' in v) {
      out[k] = { class_name: v.class_name, config: k3LayerConfig(v.class_name, v.config) };
      continue;
    }
    out[k] = k3Plain(v);
  }
  return out;
}

// Node indices: tf.keras 2 (whose form tfjs reads) counts the calls of a
// nested model built with an input shape from 1, its node 0 linking its own
// input to its output. Keras 3 writes 0 for the first call of a nested
// Sequential (it has no such node), and for a nested Functional 0 in the
// call arguments but 1 in output_layers (Functional.get_config).
function k3NodeShift(cfg) {
  const shift = new Map(); // layer name -> {args, outputs}
  for (const l of cfg.layers || []) {
    if (l.class_name === 'Sequential') {
      const first = (l.config.layers || [])[0];
      const built = first && (first.class_name === 'InputLayer' || 'batch_shape' in (first.config || {}) ||
        'batch_input_shape' in (first.config || {}));
      if (built) shift.set(l.name, { args: 1, outputs: 1 });
    } else if (l.class_name === 'Functional' || l.class_name === 'Model') {
      shift.set(l.name, { args: 1, outputs: 0 });
    }
  }
  return shift;
}

function k3ModelConfig(className, cfg) {
  const out = {};
  const shift = k3NodeShift(cfg);
  const moveArgs = (t) => (shift.has(t[0]) ? [t[0], t[1] + shift.get(t[0]).args, t[2], t[3]] : t);
  const moveOut = (t) => (Array.isArray(t) && typeof t[0] === 'string' && shift.has(t[0])
    ? [t[0], t[1] + shift.get(t[0]).outputs, t[2]] : t);
  for (const [k, v] of Object.entries(cfg)) {
    if (k === 'dtype') continue;
    if (k === 'layers') {
      out.layers = v.map(k3Layer).map((l) => {
        if (l.inbound_nodes) l.inbound_nodes = l.inbound_nodes.map((node) => node.map(moveArgs));
        return l;
      });
      continue;
    }
    if (k === 'input_layers' || k === 'output_layers') {
      // Keras 3 writes one tensor as [[name, 0, 0]] (or bare [name, 0, 0]),
      // and dict inputs/outputs as {key: [name, 0, 0]} (tfjs reads lists only)
      let list = Array.isArray(v) && typeof v[0] === 'string' ? [v] : v;
      if (isObj(list)) list = Object.values(list);
      out[k] = Array.isArray(list) ? list.map(moveOut) : list;
      continue;
    }
    out[k] = k3Plain(v);
  }
  return out;
}

function translateKeras3(model) {
  return { class_name: model.class_name, config: k3LayerConfig(model.class_name, model.config) };
}

// any dialect -> {dialect, model: {class_name, config}}
function normalize(doc) {
  if (!isObj(doc)) throw new OracleError('the model file is not a JSON object', null, true);
  let dialect;
  let model = doc;
  if (doc.format === 'layers-model' || 'modelTopology' in doc) {
    dialect = 'tfjs';
    const topo = doc.modelTopology;
    if (!isObj(topo)) throw new OracleError('layers-model file without modelTopology', null, true);
    model = isObj(topo.model_config) ? topo.model_config : topo;
  } else if (isObj(doc.model_config)) {
    dialect = 'tfkeras2';
    model = doc.model_config;
  }
  if (!isObj(model) || typeof model.class_name !== 'string') {
    throw new OracleError('no model config (class_name/config) found', null, true);
  }
  if (!dialect) {
    if (isKeras3(model)) dialect = 'keras3';
    else if (Array.isArray(model.config)) dialect = 'keras21';
    else dialect = 'tfkeras2';
  }
  if (dialect === 'keras3') model = translateKeras3(model);
  model = clone(model);
  if (Array.isArray(model.config)) {
    // Keras 2.0/2.1 Sequential: config is the bare list of layers
    model.config = { name: 'sequential', layers: model.config };
  }
  return { dialect, model };
}

// ---------------------------------------------------------------------------
// Input shapes from the command line

function isModelClass(c) {
  return c === 'Sequential' || c === 'Functional' || c === 'Model';
}

function applyInputShapes(model, specs) {
  if (!specs.length) return;
  const cfg = model.config;
  if (model.class_name === 'Sequential') {
    if (specs.length !== 1) throw new OracleError(`a Sequential model has one input, got ${specs.length} --input-shape`, null, true);
    const first = cfg.layers[0];
    if (!first) throw new OracleError('empty Sequential model', null, true);
    const c = first.config;
    const declared = c.batch_input_shape || c.batch_shape || null;
    if (c.stateful && declared && declared[0] != null && declared[0] !== specs[0].shape[0]) {
      // the fixed batch of a stateful RNN is part of the model, not of the data
      throw new OracleError(`layer "${c.name}" (${first.class_name}): tfjs cannot judge a stateful RNN built for ` +
        `batch ${declared[0]} against data of batch ${specs[0].shape[0]}`, c.name, true);
    }
    delete c.batch_shape;
    delete c.input_shape;
    c.batch_input_shape = specs[0].shape;
    return;
  }
  // Functional: input_layers in order, or by name
  const inputs = (Array.isArray(cfg.input_layers) ? cfg.input_layers : []).map((t) => t[0]);
  const byName = new Map(cfg.layers.map((l) => [l.name || l.config.name, l]));
  specs.forEach((spec, i) => {
    const name = spec.name != null ? spec.name : inputs[i];
    if (name == null || !inputs.includes(name)) {
      throw new OracleError(`--input-shape ${spec.name != null ? spec.name + '=' : ''}${spec.shape.join(',')}: ` +
        `the model has no input ${spec.name != null ? 'named "' + name + '"' : 'number ' + (i + 1)} (inputs: ${inputs.join(', ')})`,
      null, true);
    }
    const layer = byName.get(name);
    delete layer.config.batch_shape;
    delete layer.config.input_shape;
    layer.config.batch_input_shape = spec.shape;
  });
}

// ---------------------------------------------------------------------------
// Adjustments tfjs needs, and options it would silently get wrong

const ZEROS = { class_name: 'Zeros', config: {} };

function forEachLayer(model, fn) {
  const layers = model.config && model.config.layers;
  if (!Array.isArray(layers)) return;
  for (const l of layers) visitLayer(l, fn);
}

function visitLayer(l, fn) {
  if (!isObj(l)) return;
  fn(l);
  if (isModelClass(l.class_name)) forEachLayer(l, fn);
  const c = l.config || {};
  for (const k of ['layer', 'backward_layer']) if (isObj(c[k])) visitLayer(c[k], fn);
  if (isObj(c.cell)) visitLayer(c.cell, fn);
}

function prepareForTfjs(model) {
  forEachLayer(model, (l) => {
    const c = l.config;
    if (!isObj(c)) return;
    const name = c.name || l.name;
    const unsupported = (why) => {
      throw new OracleError(`layer "${name}" (${l.class_name}): tfjs does not support ${why}`, name, true);
    };
    if (!(l.class_name in tf.serialization.SerializationMap.getMap().classNameMap)) {
      unsupported(`the layer class ${l.class_name}`);
    }
    // weights do not matter for shapes; zeros are the cheapest to make
    // (tfjs' Orthogonal initializer runs a QR decomposition in pure JS)
    for (const k of Object.keys(c)) {
      if (k.endsWith('_initializer') && isObj(c[k])) c[k] = clone(ZEROS);
    }
    if (/^(SimpleRNN|LSTM|GRU|ConvLSTM2D)(Cell)?$/.test(l.class_name) && !('recurrent_initializer' in c)) {
      c.recurrent_initializer = clone(ZEROS); // instead of tfjs' default, Orthogonal
    }
    if (l.class_name === 'BatchNormalization' && Array.isArray(c.axis)) {
      if (c.axis.length !== 1) unsupported(`several axes (${JSON.stringify(c.axis)})`);
      c.axis = c.axis[0];
    }
    if (/^Global(Average|Max)Pooling/.test(l.class_name) && c.keepdims) unsupported('keepdims=true (it would drop the axes)');
    if (/^Conv/.test(l.class_name) && c.groups != null && c.groups !== 1) unsupported(`groups=${c.groups} (it would ignore them)`);
    if (c.padding === 'causal') unsupported('padding="causal" (it computes the shape as "valid")');
    if ((l.class_name === 'GRU' || l.class_name === 'GRUCell') && c.reset_after) unsupported('reset_after=true');
    if (l.class_name === 'Bidirectional' && isObj(c.backward_layer)) {
      // tfjs always mirrors the forward layer; accept a backward layer that is that mirror
      const f = c.layer.config;
      const b = c.backward_layer.config;
      const same = ['units', 'return_sequences', 'return_state'].every((k) => f[k] === b[k]) &&
        c.layer.class_name === c.backward_layer.class_name;
      if (!same) unsupported('a backward_layer that differs from the forward layer');
      delete c.backward_layer;
    }
    // tf.keras 2 Embedding writes input_length: null; tfjs wants it absent
    if (l.class_name === 'Embedding' && c.input_length === null) delete c.input_length;
    // Keras accepts one int for both axes; tfjs' UpSampling2D would compute NaN sizes
    if (l.class_name === 'UpSampling2D' && typeof c.size === 'number') c.size = [c.size, c.size];
    // tfjs drops a wrapper's own trainable=false (its setter runs before the wrapped layer
    // exists); in Keras none of the wrapper's weights are then trainable
    if ((l.class_name === 'Bidirectional' || l.class_name === 'TimeDistributed') && c.trainable === false &&
        isObj(c.layer) && isObj(c.layer.config)) {
      c.layer.config.trainable = false;
    }
  });
}

// ---------------------------------------------------------------------------
// Build, watching every layer application

// layerShapes: when a caller asks for it, each layer's first output shape, in
// the order tfjs applied the layers (the differential test compares them).
const watch = { active: false, layerShapes: null };
const LayerBase = tf.layers.Layer;
const origApply = LayerBase.prototype.apply;

function flatTensors(v, acc) {
  if (Array.isArray(v)) { v.forEach((x) => flatTensors(x, acc)); return acc; }
  if (v && Array.isArray(v.shape)) acc.push(v);
  return acc;
}

// Inputs tfjs judges differently from Keras, found by the differential test (difftest.js).
function refuseWhatTfjsGetsWrong(layer, inputs) {
  const shapes = flatTensors(inputs, []).map((t) => t.shape);
  const refuse = (why) => {
    throw new OracleError(`layer "${layer.name}" (${layer.getClassName()}): tfjs does not support ${why}`, layer.name, true);
  };
  if (layer.getClassName() === 'Flatten' && shapes.length && shapes[0].length < 3) {
    // Keras' Flatten (InputSpec min_ndim=1) passes (batch, n) through; tfjs wants rank 3
    refuse(`an input of rank ${shapes[0].length} (it wants rank 3 or more)`);
  }
  if (layer.getClassName() === 'DepthwiseConv2D' && shapes.length) {
    // Keras' InputSpec(ndim=4) and a defined channel axis; tfjs checks neither (NaN sizes)
    const s = shapes[0];
    const channels = s.length === 4 ? s[layer.dataFormat === 'channelsFirst' ? 1 : 3] : null;
    if (s.length !== 4 || channels == null) refuse(`an input of shape [${s.join(', ')}] (it does not check the rank or channels)`);
  }
}

// A shared layer called again: Keras fails when its weights do not fit the new input, and tfjs
// checks that only where the layer's input spec names sizes (not for LayerNormalization,
// DepthwiseConv2D, PReLU, Bidirectional). Build a fresh copy of the layer for the new input and
// compare the weight shapes with the ones the first call made. A size the new input leaves
// unknown fits any weight (Keras' input spec and its ops accept None against a known size, and a
// built layer is not built again), so the copy takes the first call's size there.
function checkSharedWeights(layer, inputs) {
  if (!layer.built || !layer.weights.length || layer instanceof tf.LayersModel) return;
  const checked = (layer.inputSpec || []).some((spec) => spec && (spec.shape || Object.keys(spec.axes || {}).length));
  const shapes = flatTensors(inputs, []).map((t) => t.shape);
  // the first call's input shapes, one per input (tfjs keeps a single one bare or in a list)
  const first = layer.inboundNodes.length ? layer.inboundNodes[0].inputShapes : null;
  const firsts = !Array.isArray(first) ? [] : first.every((x) => Array.isArray(x)) ? first : [first];
  if (checked || JSON.stringify(firsts) === JSON.stringify(shapes)) return;
  const filled = shapes.map((s, i) => {
    const f = firsts[i];
    return Array.isArray(f) && f.length === s.length ? s.map((d, k) => (d === null ? f[k] : d)) : s;
  });
  const cls = layer.constructor;
  const copy = cls.fromConfig(cls, layer.getConfig());
  if (layer.dataFormat) copy.dataFormat = layer.dataFormat; // Conv1D.getConfig leaves it out
  try {
    copy.build(filled.length === 1 ? filled[0] : filled);
    const have = layer.weights.map((w) => w.shape.join('x')).join(', ');
    const need = copy.weights.map((w) => w.shape.join('x')).join(', ');
    if (have !== need) {
      throw new OracleError(`layer "${layer.name}" (${layer.getClassName()}): a shared layer whose weights (${have}) ` +
        `do not fit this call (${need})`, layer.name, false);
    }
  } finally {
    copy.weights.forEach((w) => w.dispose());
  }
}

LayerBase.prototype.apply = function (inputs, kwargs) {
  if (!watch.active) return origApply.call(this, inputs, kwargs);
  refuseWhatTfjsGetsWrong(this, inputs);
  let out;
  try {
    checkSharedWeights(this, inputs);
    out = origApply.call(this, inputs, kwargs);
  } catch (e) {
    if (!(e instanceof OracleError)) {
      const msg = String(e && e.message ? e.message : e);
      const unsupported = /not fully defined|not implemented|NotImplemented|Unknown layer|does not support/i.test(msg);
      throw new OracleError(`layer "${this.name}" (${this.getClassName()}): ${msg}`, this.name, unsupported);
    }
    throw e;
  }
  for (const t of flatTensors(out, [])) {
    if (t.shape.some((d) => d !== null && d <= 0)) {
      throw new OracleError(
        `layer "${this.name}" (${this.getClassName()}): output shape [${t.shape.map((d) => (d === null ? 'null' : d)).join(', ')}] ` +
        'has a dimension of 0 or less', this.name, false);
    }
  }
  const first = flatTensors(out, [])[0];
  if (watch.layerShapes && first && !watch.layerShapes.has(this.name)) watch.layerShapes.set(this.name, first.shape.slice());
  return out;
};

// tfjs' Reshape gives up (no -1 resolution, no element-count check) when ANY
// input dimension is unknown, the batch axis included; Keras looks at the
// sample axes only. Make tfjs do what Keras does.
(function fixReshape() {
  const Reshape = tf.layers.reshape({ targetShape: [1] }).constructor;
  Reshape.prototype.computeOutputShape = function (inputShape) {
    const sample = inputShape.slice(1);
    if (sample.some((d) => d == null)) return inputShape.slice(0, 1).concat(this.targetShape);
    return inputShape.slice(0, 1).concat(this.fixUnknownDimension(sample, this.targetShape));
  };
})();

// tfjs' Cropping2D subtracts the crop from an unknown size too (null - 2 is -2 in JS); Keras
// keeps it unknown.
(function fixCropping2D() {
  const Cropping2D = tf.layers.cropping2D({ cropping: [[0, 0], [0, 0]] }).constructor;
  const original = Cropping2D.prototype.computeOutputShape;
  Cropping2D.prototype.computeOutputShape = function (inputShape) {
    return original.call(this, inputShape).map((d, i) => (inputShape[i] == null ? null : d));
  };
})();

// tfjs' CategoryEncoding writes its output size into the input's shape array, which the input
// tensor shares: the layers before it change shape. Give it a copy.
(function fixCategoryEncoding() {
  const CategoryEncoding = tf.layers.categoryEncoding({ numTokens: 1 }).constructor;
  const original = CategoryEncoding.prototype.computeOutputShape;
  CategoryEncoding.prototype.computeOutputShape = function (inputShape) {
    return original.call(this, JSON.parse(JSON.stringify(inputShape)));
  };
})();

// tfjs' Concatenate wants the other axes exactly equal, an unknown size included; Keras skips
// unknown sizes and rejects only two different known ones (or different ranks).
(function fixConcatenate() {
  const Concatenate = tf.layers.concatenate().constructor;
  Concatenate.prototype.build = function (inputShape) {
    const shapes = inputShape;
    if (!Array.isArray(shapes) || !Array.isArray(shapes[0]) || shapes.length < 2) {
      throw new Error('A `Concatenate` layer should be called on a list of at least 2 inputs');
    }
    const rank = shapes[0].length;
    const axis = this.axis < 0 ? rank + this.axis : this.axis;
    const clash = shapes.some((s) => s.length !== rank) || shapes[0].some((_, i) => i !== axis &&
      new Set(shapes.map((s) => s[i]).filter((d) => d != null)).size > 1);
    if (clash) {
      throw new Error('A `Concatenate` layer requires inputs with matching shapes except for the concat axis. ' +
        `Got input shapes: ${JSON.stringify(shapes)}`);
    }
  };
})();

function product(shape) {
  return shape.reduce((a, b) => a * b, 1);
}

async function buildModel(model) {
  watch.active = true;
  try {
    return await tf.models.modelFromJSON({ modelTopology: model });
  } finally {
    watch.active = false;
  }
}

// the pure-JS CPU backend, without its once-per-process advice to install tfjs-node
async function init() {
  await tf.setBackend('cpu');
  const backend = tf.backend();
  if ('firstUse' in backend) backend.firstUse = false;
}

// The layer of the model itself that holds each layer nested in it (in a nested model or a
// wrapper): a failure inside is the failure of that layer, as Keras and dimsum report it.
function topLevelNames(model) {
  const top = new Map();
  for (const l of model.config.layers || []) {
    const name = l.name || (l.config && l.config.name);
    visitLayer(l, (inner) => {
      const n = inner.name || (inner.config && inner.config.name);
      if (n && !top.has(n)) top.set(n, name);
    });
    top.set(name, name);
  }
  return top;
}

// doc: the parsed model file; specs: [{name, shape}] from --input-shape.
// options.layers: also report layer_shapes ({name: first output shape} of every
// layer tfjs applied, failing models included) and, for a model that builds,
// layer_params ({name: weight count} of its top-level layers).
async function runOracle(doc, specs, options = {}) {
  const result = { ok: false, output_shapes: null, total_params: null, trainable_params: null };
  let built = null;
  let top = new Map();
  watch.layerShapes = options.layers ? new Map() : null;
  try {
    const { dialect, model } = normalize(doc);
    top = topLevelNames(model);
    result.dialect = dialect;
    applyInputShapes(model, specs || []);
    prepareForTfjs(model);
    const outOfOrder = model.class_name !== 'Sequential' && callsOutOfOrder(model.config);
    if (outOfOrder) {
      throw new OracleError(`layer "${outOfOrder}": tfjs would create its calls in another order than Keras ` +
        '(node_order.js)', outOfOrder, true);
    }
    built = await buildModel(model);
    if (!built.outputs || !built.outputs.length) {
      throw new OracleError('tfjs cannot build a Sequential model without an input shape (give --input-shape)', null, true);
    }
    result.output_shapes = built.outputs.map((t) => t.shape.slice());
    result.total_params = built.countParams();
    result.trainable_params = built.trainableWeights.reduce((s, w) => s + product(w.shape), 0);
    if (options.layers) result.layer_params = Object.fromEntries(built.layers.map((l) => [l.name, l.countParams()]));
    result.ok = true;
  } catch (e) {
    result.ok = false;
    result.error = String(e && e.message ? e.message : e);
    if (e instanceof OracleError) {
      if (e.layer) result.error_layer = top.get(e.layer) || e.layer;
      if (e.unsupported) result.unsupported = true;
    } else if (/Unknown layer|not implemented|NotImplemented|does not support|must get an `inputShape`/i.test(result.error)) {
      result.unsupported = true;
    }
  } finally {
    if (built) built.dispose();
  }
  if (watch.layerShapes) result.layer_shapes = Object.fromEntries(watch.layerShapes);
  watch.layerShapes = null;
  return result;
}

function parseArgs(argv) {
  const specs = [];
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--input-shape') {
      if (i + 1 >= argv.length) throw new OracleError('--input-shape needs a value');
      specs.push(parseInputShape(argv[++i]));
    } else if (a.startsWith('--input-shape=')) {
      specs.push(parseInputShape(a.slice('--input-shape='.length)));
    } else {
      rest.push(a);
    }
  }
  return { specs, rest };
}

async function main() {
  let out;
  try {
    const { specs, rest } = parseArgs(process.argv.slice(2));
    if (rest.length !== 1) {
      process.stderr.write('usage: node oracle.js MODEL.json [--input-shape 100,20,20,1]...\n');
      process.exit(2);
    }
    const doc = JSON.parse(fs.readFileSync(path.resolve(rest[0]), 'utf8'));
    await init();
    out = await runOracle(doc, specs);
  } catch (e) {
    // unreadable file or bad flag: still one JSON line, and exit status 2
    out = { ok: false, error: String(e && e.message ? e.message : e), unsupported: true };
    process.exitCode = 2;
  }
  realStdoutWrite(JSON.stringify(out) + '\n');
}

module.exports = { init, runOracle, parseArgs, parseInputShape, normalize, tf };

if (require.main === module) main();
