#!/usr/bin/env node
'use strict';
// A seeded random Keras model generator for differential testing (difftest.js): Sequential and
// Functional models (several inputs and outputs, branches and merges, shared layers, nested
// models), drawn from the layers of layer_table.js with sizes near the edges (a kernel equal to
// the input, one larger, strides past it, pooling chains that shrink to 1 or 0), so that about
// half of them fail somewhere.
//
// Model `index` of seed `seed` depends on nothing else: the same pair always gives the same
// model, whatever the count, so any model of a run can be re-made alone.
//
//   node generate.js --seed S --count N --out DIR [--classes Conv2D,Dense,...]
//
// writes DIR/s<S>-<index>.json and DIR/s<S>-<index>.args (dimsum's extra arguments, one a line).

const fs = require('fs');
const path = require('path');
const { LAYERS, MERGES, known } = require('./layer_table.js');
const { toKeras3, writable } = require('./keras3_writer.js');
const { callsOutOfOrder } = require('./node_order.js');

// ---------------------------------------------------------------------------
// Randomness: sfc32 seeded from (seed, index) through a string hash.

function hash32(text) {
  let h = 1779033703 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  return () => {
    h = Math.imul(h ^ (h >>> 16), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    return (h ^= h >>> 16) >>> 0;
  };
}

function sfc32(a, b, c, d) {
  return () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

// The drawing helpers every table entry gets.
class Draw {
  constructor(seed, index) {
    const h = hash32(`dimsum-difftest:${seed}:${index}`);
    this.random = sfc32(h(), h(), h(), h());
  }

  int(lo, hi) { return lo + Math.floor(this.random() * (hi - lo + 1)); }
  chance(p) { return this.random() < p; }
  pick(list) { return list[Math.floor(this.random() * list.length)]; }

  weighted(entries) {
    const total = entries.reduce((s, e) => s + e.weight, 0);
    let r = this.random() * total;
    for (const e of entries) {
      r -= e.weight;
      if (r < 0) return e;
    }
    return entries[entries.length - 1];
  }

  // A window size for an axis of `size`: small, or at the edge (the largest that fits with
  // `dilation`, that one plus one, one less).
  windowSize(size, dilation, small = [1, 2, 3]) {
    if (!known(size)) return this.pick(small);
    const fitting = Math.max(Math.floor((size - 1) / dilation) + 1, 1);
    if (this.chance(0.55)) return this.pick(small);
    return Math.max(this.pick([fitting, fitting, fitting + 1, fitting - 1]), 1);
  }

  stride(size) {
    if (known(size) && this.chance(0.1)) return this.pick([size, size + 1]);
    return this.pick([1, 1, 1, 2, 2, 3]);
  }

  activation() { return this.pick(['linear', 'relu', 'tanh', 'sigmoid']); }
}

// ---------------------------------------------------------------------------
// Input shapes

const KINDS = [
  { kind: 'image', weight: 5, make: (g) => [g.size(), g.size(), g.int(1, 5)] },
  { kind: 'sequence', weight: 4, make: (g) => [g.size(), g.int(1, 6)] },
  { kind: 'volume', weight: 2, make: (g) => [g.int(1, 7), g.int(1, 7), g.int(1, 7), g.int(1, 3)] },
  { kind: 'vector', weight: 2, make: (g) => [g.int(1, 16)] },
  { kind: 'ids', weight: 1, make: (g) => [g.int(1, 10)], dtype: 'int32' },
];

// a spatial or time size: mostly small, sometimes 1
Draw.prototype.size = function size() {
  return this.chance(0.1) ? 1 : this.int(2, 14);
};

function drawInputShape(g) {
  const k = g.weighted(KINDS);
  let sample = k.make(g);
  // sometimes unknown sizes (not the last axis: the weights of most layers need it)
  if (sample.length > 1 && g.chance(0.1)) sample = sample.map((d, i) => (i < sample.length - 1 && g.chance(0.6) ? null : d));
  const batch = g.chance(0.15) ? g.pick([1, 2, 4, 8]) : null;
  return { shape: [batch, ...sample], dtype: k.dtype || 'float32' };
}

// ---------------------------------------------------------------------------
// Model construction

// Keras' to_snake_case: Conv2DTranspose -> conv2d_transpose, SimpleRNN -> simple_rnn
function snake(cls) {
  return cls.replace(/(.)([A-Z][a-z]+)/g, '$1_$2').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

class Builder {
  // names: the layer names taken so far; shapes: "layer/node/tensor" -> shape, for the Keras 3
  // writer (both shared with the builders of nested models)
  constructor(g, active, depth = 0, names = null, shapes = null) {
    this.g = g;
    this.layers = active.layers;
    this.merges = active.merges;
    this.active = active;
    this.depth = depth;
    this.counts = names || new Map();
    this.shapes = shapes || new Map();
  }

  name(cls) {
    const base = snake(cls);
    const n = this.counts.get(base) || 0;
    this.counts.set(base, n + 1);
    return n ? `${base}_${n}` : base;
  }

  // The layer's full config: what tf.keras 2 writes, with the drawn options.
  layerObject(cls, options, name) {
    const config = { name, trainable: !this.g.chance(0.04), dtype: 'float32' };
    return { class_name: cls, config: Object.assign(config, options) };
  }

  // Draws a layer for an input of shape s (null: an input whose shape already failed).
  // Returns {object, outputs: [shape|null], entry} or null when no entry can be drawn.
  drawLayer(s, ctx) {
    const g = this.g;
    // an input of unknown shape gets no layer that tfjs cannot judge on some inputs
    const judged = this.layers.filter((e) => !e.excluded || (s && !e.excluded(s)));
    const fitting = s ? judged.filter((e) => e.fits(s) && (!e.wrapper || this.innerChoices(e, s).length)) : [];
    // on purpose, sometimes a layer that does not fit (wrong rank, unknown weight size)
    const misfit = !fitting.length || g.chance(0.04);
    const pool = misfit ? judged.filter((e) => !e.wrapper) : fitting;
    if (!pool.length) return null;
    const entry = g.weighted(pool);
    const shape = s || [null, 4, 4, 4, 4].slice(0, g.int(2, 5));
    const probe = entry.fits(shape) ? shape : this.shapeFor(entry);
    const options = entry.sample(g, probe, ctx);
    const name = this.name(entry.cls);
    if (entry.wrapper) {
      const inner = this.drawInner(entry, shape);
      const innerOut = inner && inner.out;
      options.layer = inner.object;
      const object = this.layerObject(entry.cls, options, name);
      const outputs = s && entry.fits(s) ? (entry.outputs ? entry.outputs(s, options, innerOut) : [entry.out(s, options, innerOut)]) : [null];
      return { object, outputs: outputs.map((o) => o || null), entry };
    }
    const object = this.layerObject(entry.cls, options, name);
    const outputs = s && entry.fits(s) ? (entry.outputs ? entry.outputs(s, options) : [entry.out(s, options)]) : [null];
    return { object, outputs: outputs.map((o) => o || null), entry };
  }

  // a shape an entry fits, to draw its config when the real input does not fit it
  shapeFor(entry) {
    for (const r of [4, 3, 2, 5]) {
      const s = [null, ...Array(r - 1).fill(4)];
      if (entry.fits(s)) return s;
    }
    return [null, 4, 4, 4];
  }

  innerChoices(wrapper, s) {
    if (wrapper.innerKind === 'rnn') return this.layers.filter((e) => ['SimpleRNN', 'LSTM', 'GRU'].includes(e.cls));
    const step = [s[0], ...s.slice(2)];
    return this.layers.filter((e) => !e.wrapper && e.fits(step) && !(e.excluded && e.excluded(step)));
  }

  drawInner(wrapper, s) {
    const g = this.g;
    const choices = this.innerChoices(wrapper, s);
    const entry = g.weighted(choices.length ? choices : this.layers.filter((e) => !e.wrapper && !e.excluded));
    const input = wrapper.innerKind === 'rnn' ? s : [s[0], ...s.slice(2)];
    const probe = entry.fits(input) ? input : this.shapeFor(entry);
    const options = entry.sample(g, probe, { functional: false });
    const object = this.layerObject(entry.cls, options, this.name(entry.cls));
    return { object, out: entry.fits(input) ? entry.out(input, options) : null };
  }

  drawMerge(shapes) {
    const g = this.g;
    const judged = this.merges.filter((e) => !(e.excluded && e.excluded(shapes.slice(0, e.arity || shapes.length))));
    if (!judged.length) return null;
    const entry = g.weighted(judged);
    const used = shapes.slice(0, entry.arity || shapes.length);
    const options = entry.sample(g, used.map((s) => s || [null, 4]), {});
    const object = this.layerObject(entry.cls, options, this.name(entry.cls));
    const ranksAgree = used.every((s) => s && s.length === used[0].length);
    return { object, outputs: [ranksAgree ? entry.out(used, options) : null], entry };
  }
}

// --- Sequential --------------------------------------------------------------

function sequentialLayers(b, input, steps) {
  const layers = [];
  let s = input.shape;
  for (let i = 0; i < steps; i++) {
    if (!s && !b.g.chance(0.3)) break; // usually stop once the shape failed
    const drawn = b.drawLayer(s, { functional: false });
    if (!drawn) break;
    layers.push(drawn.object);
    s = drawn.outputs[0];
  }
  return { layers, out: s };
}

// A Sequential model: the input shape in an InputLayer, as batch_input_shape on the first
// layer, or nowhere (then only on the command line).
function sequentialModel(b, input, name, declare) {
  const { layers, out } = sequentialLayers(b, input, b.g.int(1, 8));
  if (!layers.length) layers.push(b.layerObject('Activation', { activation: 'relu' }, b.name('Activation')));
  if (declare === 'input_layer') {
    layers.unshift({ class_name: 'InputLayer', config: { batch_input_shape: input.shape, dtype: input.dtype, sparse: false, ragged: false, name: b.name('input') } });
  } else if (declare === 'first_layer') {
    const c = layers[0].config;
    layers[0].config = Object.assign({ name: c.name, trainable: c.trainable, batch_input_shape: input.shape }, c);
  }
  return { object: { class_name: 'Sequential', config: { name, layers } }, outShapes: [out] };
}

// --- Functional --------------------------------------------------------------

// Tensors are {ref: [layer, node, tensor], shape}; `used` marks the ones consumed.
function functionalModel(b, inputs, name, maxSteps) {
  const g = b.g;
  const layers = [];
  const tensors = [];
  const addTensor = (t) => {
    b.shapes.set(t.ref.join('/'), t.shape);
    tensors.push(t);
  };
  // layer name -> {entry (null: a nested model), count of calls, nodeBase (the node number of
  // its first call), firstShape, outputs(shape) -> output shapes}
  const calls = new Map();
  const inputRefs = [];
  for (const input of inputs) {
    const inName = b.name('input');
    layers.push({ class_name: 'InputLayer', config: { batch_input_shape: input.shape, dtype: input.dtype, sparse: false, ragged: false, name: inName }, name: inName, inbound_nodes: [] });
    const t = { ref: [inName, 0, 0], shape: input.shape, used: false };
    addTensor(t);
    inputRefs.push([inName, 0, 0]);
  }

  const addLayer = (object, consumed, outputs, nodeBase = 0) => {
    const lname = object.config.name;
    object.name = lname;
    object.inbound_nodes = [consumed.map((t) => [t.ref[0], t.ref[1], t.ref[2], {}])];
    consumed.forEach((t) => { t.used = true; });
    layers.push(object);
    outputs.forEach((shape, k) => addTensor({ ref: [lname, nodeBase, k], shape, used: false }));
    return lname;
  };

  // the source of the next layer: an input not yet used, else most often the newest tensor
  const source = () => {
    const unusedInput = tensors.find((t) => t.ref[1] === 0 && inputRefs.some((r) => r[0] === t.ref[0]) && !t.used);
    if (unusedInput) return unusedInput;
    return g.chance(0.6) ? tensors[tensors.length - 1] : g.pick(tensors);
  };

  const steps = g.int(1, maxSteps);
  for (let i = 0; i < steps; i++) {
    const r = g.random();
    if (r < 0.25 && tensors.length >= 2) {
      // a merge: tensors of the same shape when there are some, else any
      const t0 = source();
      const same = tensors.filter((t) => t !== t0 && t.shape && t0.shape && JSON.stringify(t.shape) === JSON.stringify(t0.shape));
      const rankOk = tensors.filter((t) => t !== t0 && t.shape && t0.shape && t.shape.length === t0.shape.length);
      const others = same.length && g.chance(0.7) ? same : rankOk.length && g.chance(0.8) ? rankOk : tensors.filter((t) => t !== t0);
      const group = [t0, g.pick(others)];
      if (g.chance(0.2)) group.push(g.pick(others));
      const drawn = b.drawMerge(group.map((t) => t.shape));
      if (!drawn) continue;
      if (drawn.entry.arity && group.length > drawn.entry.arity) group.length = drawn.entry.arity;
      addLayer(drawn.object, group, drawn.outputs);
      continue;
    }
    if (r < 0.32 && calls.size) {
      // a shared layer called again, on a tensor of its first input's shape when there is one
      const [lname, call] = g.pick([...calls.entries()]);
      const same = tensors.filter((t) => t.shape && JSON.stringify(t.shape) === JSON.stringify(call.firstShape));
      // a nested model only on its own shape (see EXCLUDED in layer_table.js)
      if (!call.entry && !same.length) continue;
      const t = same.length && (!call.entry || g.chance(0.7)) ? g.pick(same) : source();
      if (t.shape && call.entry && call.entry.excluded && call.entry.excluded(t.shape)) continue;
      const layer = layers.find((l) => l.name === lname);
      layer.inbound_nodes.push([[t.ref[0], t.ref[1], t.ref[2], {}]]);
      t.used = true;
      const node = call.nodeBase + call.count;
      call.count++;
      const fits = call.entry ? t.shape && call.entry.fits(t.shape) : true;
      const outs = fits ? call.outputs(t.shape) : [null];
      outs.forEach((shape, k) => addTensor({ ref: [lname, node, k], shape, used: false }));
      continue;
    }
    const t = source();
    if (r < 0.37 && b.depth === 0 && t.shape) {
      // a nested model, built for the tensor's shape (its own batch size unknown)
      const sub = new Builder(g, b.active, b.depth + 1, b.counts, b.shapes);
      const subInput = { shape: [null, ...t.shape.slice(1)], dtype: 'float32' };
      const asSequential = g.chance(0.5);
      const subName = b.name(asSequential ? 'sequential' : 'model');
      const nested = asSequential
        ? sequentialModel(sub, subInput, subName, g.chance(0.7) ? 'input_layer' : 'first_layer')
        : functionalModel(sub, [subInput], subName, 4);
      // tf.keras 2 numbers the first outer call of a model built with an input as node 1
      const outShapes = nested.outShapes.map((o) => (o ? [t.shape[0], ...o.slice(1)] : null));
      addLayer(nested.object, [t], outShapes, 1);
      calls.set(subName, { entry: null, count: 1, nodeBase: 1, firstShape: t.shape, outputs: () => outShapes });
      continue;
    }
    if (!t.shape && !g.chance(0.3)) continue;
    const drawn = b.drawLayer(t.shape, { functional: true });
    if (!drawn) continue;
    const lname = addLayer(drawn.object, [t], drawn.outputs);
    const { entry, object } = drawn;
    if (!entry.wrapper) {
      calls.set(lname, {
        entry, count: 1, nodeBase: 0, firstShape: t.shape,
        outputs: (s) => (entry.outputs ? entry.outputs(s, object.config) : [entry.out(s, object.config)]).map((o) => o || null),
      });
    }
  }
  // every tensor nobody consumed is an output, so that no layer dangles
  let outputs = tensors.filter((t) => !t.used && !inputRefs.some((r) => r[0] === t.ref[0]));
  if (!outputs.length) outputs = [tensors[tensors.length - 1]];
  return {
    object: { class_name: 'Functional', config: { name, layers, input_layers: inputRefs, output_layers: outputs.map((t) => t.ref) } },
    outShapes: outputs.map((t) => t.shape),
  };
}

// ---------------------------------------------------------------------------
// One model: the file's JSON, dimsum's arguments, and what the comparison needs to know.

function declaredOf(doc) {
  const model = doc.modelTopology ? doc.modelTopology.model_config : doc;
  const layers = Array.isArray(model.config) ? model.config : model.config.layers;
  const shapeOf = (c) => c.batch_input_shape || c.batch_shape;
  if (model.class_name === 'Functional') {
    return layers.filter((l) => l.class_name === 'InputLayer').map((l) => ({ name: l.config.name, shape: shapeOf(l.config) }));
  }
  const first = layers[0];
  return first && shapeOf(first.config) ? [{ name: null, shape: shapeOf(first.config) }] : [];
}

// The declared shape with known sizes, as a user's tensor has it; `batch` where the model
// leaves the batch size open (the same for every input: one batch feeds them all).
function dataShape(g, declared, batch) {
  return declared.map((d, i) => (i === 0 && d === null ? batch : d === null ? g.int(1, 12) : d));
}

const specText = (shape) => shape.map((d) => (d === null ? '?' : String(d))).join(',');

function generate(seed, index, active) {
  const g = new Draw(seed, index);
  let b = new Builder(g, active);
  const functional = g.chance(0.6);
  const inputCount = functional ? g.pick([1, 1, 1, 2, 3]) : 1;
  const inputs = Array.from({ length: inputCount }, () => drawInputShape(g));
  let built;
  let declare = 'input_layer';
  if (functional) {
    built = functionalModel(b, inputs, b.name('model'), 10);
    // a graph tfjs would wire differently (node_order.js): draw another
    while (callsOutOfOrder(built.object.config)) {
      b = new Builder(g, active);
      built = functionalModel(b, inputs, b.name('model'), 10);
    }
  } else {
    // few models need --input-shape: dimsum checks the models that share their arguments in one
    // run, and every other set of arguments costs a process
    const r = g.random();
    declare = r < 0.6 ? 'input_layer' : r < 0.9 ? 'first_layer' : 'none';
    built = sequentialModel(b, inputs[0], b.name('sequential'), declare);
  }
  let doc = Object.assign(built.object, { keras_version: '2.12.0', backend: 'tensorflow' });
  const dialectDraw = g.random();
  let dialect = 'tf.keras 2';
  if (dialectDraw < 0.15) {
    dialect = 'TensorFlow.js layers-model';
    delete doc.keras_version;
    delete doc.backend;
    doc = {
      format: 'layers-model', generatedBy: 'keras v2.12.0', convertedBy: 'TensorFlow.js Converter v4.22.0',
      modelTopology: { keras_version: '2.12.0', backend: 'tensorflow', model_config: doc }, weightsManifest: [],
    };
  } else if (dialectDraw < 0.2 && !functional && declare === 'first_layer') {
    // Keras 2.0/2.1 wrote no InputLayer: the first layer carries batch_input_shape
    dialect = 'Keras 2.0/2.1';
    doc = { class_name: 'Sequential', config: doc.config.layers, keras_version: '2.1.6', backend: 'tensorflow' };
  } else if (dialectDraw < 0.4 && writable(doc)) {
    dialect = 'Keras 3';
    doc = toKeras3(doc, b.shapes, new Set(MERGES.map((e) => e.cls)));
  }

  // the data shapes given on the command line
  const args = [];
  const batch = g.pick([1, 16, 32]);
  if (declare === 'none') {
    args.push('--input-shape', specText(dataShape(g, inputs[0].shape, batch)));
  } else if (g.chance(0.06)) {
    for (const d of declaredOf(doc)) {
      let data = dataShape(g, d.shape, batch);
      // rarely, data that differs from the declared input: the rank, or a size it declares (an
      // extra axis of 2, since tf.keras 2 and Keras 3 drop an extra trailing axis of 1 themselves)
      const fixed = d.shape.map((v, i) => i).filter((i) => d.shape[i] !== null);
      if (g.chance(0.2)) {
        const axis = g.pick(fixed);
        data = g.chance(0.3) || !fixed.length ? data.concat([2]) : data.map((v, i) => (i === axis ? v + 1 : v));
      }
      args.push('--input-shape', (d.name ? `${d.name}=` : '') + specText(data));
    }
  }
  return { id: `s${seed}-${index}`, doc, args, meta: { functional, dialect, declare } };
}

// ---------------------------------------------------------------------------

// The table entries whose class is in `classes` (the classes dimsum knows).
function activeTable(classes) {
  const has = (e) => classes.has(e.cls);
  return { layers: LAYERS.filter(has), merges: MERGES.filter(has) };
}

const ALL_CLASSES = [...new Set([...LAYERS, ...MERGES].map((e) => e.cls))];

function main() {
  const argv = process.argv.slice(2);
  const opt = (k, d) => { const i = argv.indexOf(k); return i >= 0 ? argv[i + 1] : d; };
  const seed = Number(opt('--seed', '1'));
  const count = Number(opt('--count', '10'));
  const out = opt('--out', null);
  const classes = new Set(opt('--classes', ALL_CLASSES.join(',')).split(','));
  if (!out || !Number.isInteger(seed) || !Number.isInteger(count)) {
    process.stderr.write('usage: node generate.js --seed S --count N --out DIR [--classes A,B,...]\n');
    process.exit(2);
  }
  fs.mkdirSync(out, { recursive: true });
  const active = activeTable(classes);
  for (let i = 0; i < count; i++) {
    const m = generate(seed, i, active);
    fs.writeFileSync(path.join(out, `${m.id}.json`), JSON.stringify(m.doc, null, 1) + '\n');
    fs.writeFileSync(path.join(out, `${m.id}.args`), m.args.map((a) => a + '\n').join(''));
  }
}

module.exports = { generate, activeTable, ALL_CLASSES, declaredOf };

if (require.main === module) main();
