#!/usr/bin/env node
'use strict';
// The independent oracle of the domain test: which input sizes a model with unknown (None)
// sizes accepts, found by trying them. For one symbol (an input axis whose size is None) it
// sets that size to s for s = 1..MAX, the model's other unknown sizes to a fixed size, and asks
// TensorFlow.js 4.22 (tests/oracle/oracle.js: tf.models.modelFromJSON of the config with the
// input's batch_input_shape set) whether the model builds. oracle.js adds Keras' rules tfjs
// lacks, the one that matters here being that an output dimension of 0 or less fails the model
// (a window larger than its input); see tests/oracle/README.md.
//
//   node sweep.js MODEL.json... [--max 200] [--fixed N]
//
// prints, for each model and symbol, the sizes that build and a short description of them
// (e.g. "sizes s >= 16 with s % 16 in {0}"). Exit status 2 when it cannot run.
//
// Speed: before the sweep every `filters`/`units` is divided by a common divisor (VGG16's 64..512
// filters become 2..16; see scaleDivisor), which keeps every equality and sum of channel counts
// and so cannot change which spatial sizes work; models with a Reshape or Permute (where
// channel counts meet spatial sizes) are left as they are. The scaled verdict is compared with
// the unscaled one at the sizes where the verdict changes (checkScaling). Each model is built
// afresh and disposed (oracle.js), with the weights and tensors a failed build leaves, so memory
// stays flat (a whole sweep of tests/domain/models: about 3,000 builds, 6 s, under 200 MB).

const fs = require('fs');
const path = require('path');

// tfjs greets Node users on stdout; keep stdout for our results.
const realStdoutWrite = process.stdout.write.bind(process.stdout);
for (const k of ['log', 'info', 'warn', 'debug']) {
  console[k] = (...a) => process.stderr.write(a.map(String).join(' ') + '\n');
}
const { init, runOracle, normalize, tf } = require('../oracle/oracle.js');

const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const clone = (v) => JSON.parse(JSON.stringify(v));

class SweepError extends Error {}

// ---------------------------------------------------------------------------
// The model's inputs and their unknown sizes

// [{name, shape}] of the model's inputs (shape batch first, null for unknown), in order
function modelInputs(model) {
  const cfg = model.config;
  const layers = cfg.layers || [];
  const shapeOf = (c) => c.batch_input_shape || c.batch_shape || null;
  if (model.class_name === 'Sequential') {
    const first = layers[0];
    const shape = first && isObj(first.config) ? shapeOf(first.config) : null;
    if (!shape) throw new SweepError('a Sequential model without an input shape on its first layer');
    const name = first.class_name === 'InputLayer' ? first.config.name : null;
    return [{ name, shape: shape.slice() }];
  }
  const byName = new Map(layers.map((l) => [l.name || l.config.name, l]));
  return (cfg.input_layers || []).map((t) => {
    const layer = byName.get(t[0]);
    if (!layer || !shapeOf(layer.config)) throw new SweepError(`input "${t[0]}" has no batch_input_shape`);
    return { name: t[0], shape: shapeOf(layer.config).slice() };
  });
}

// Every unknown non-batch size of every input: [{input, axis, rank}]
function symbolsOf(model) {
  const out = [];
  for (const input of modelInputs(model)) {
    input.shape.forEach((d, axis) => {
      if (axis > 0 && d == null) out.push({ input: input.name, axis, rank: input.shape.length });
    });
  }
  return out;
}

const key = (sym) => `${sym.input}:${sym.axis}`;

// ---------------------------------------------------------------------------
// Scaling channel counts down

function forEachLayer(layers, fn) {
  for (const l of layers || []) {
    if (!isObj(l)) continue;
    fn(l);
    const c = l.config || {};
    if (Array.isArray(c.layers)) forEachLayer(c.layers, fn);
    for (const k of ['layer', 'backward_layer', 'cell']) if (isObj(c[k])) forEachLayer([c[k]], fn);
  }
}

function gcd(a, b) {
  while (b) [a, b] = [b, a % b];
  return a;
}

// The divisor of the filters/units: the largest divisor of their greatest common divisor that
// leaves each of them at 2 or more (a size of 1 broadcasts in a merge; 1 itself stays 1), and 1
// (no scaling) for a model where channel counts can meet spatial sizes.
function scaleDivisor(model) {
  let common = 0;
  let smallest = Infinity;
  let mixes = false;
  forEachLayer(model.config.layers, (l) => {
    if (/^(Reshape|Permute|RepeatVector)$/.test(l.class_name)) mixes = true;
    const c = l.config || {};
    for (const k of ['filters', 'units']) {
      if (Number.isInteger(c[k]) && c[k] > 1) {
        common = gcd(common, c[k]);
        smallest = Math.min(smallest, c[k]);
      }
    }
  });
  if (mixes || common < 2) return 1;
  for (let d = common; d > 1; d--) if (common % d === 0 && smallest / d >= 2) return d;
  return 1;
}

function scaled(model, divisor) {
  const m = clone(model);
  if (divisor === 1) return m;
  forEachLayer(m.config.layers, (l) => {
    const c = l.config || {};
    for (const k of ['filters', 'units']) {
      if (Number.isInteger(c[k]) && c[k] > 1) c[k] /= divisor;
    }
  });
  return m;
}

// ---------------------------------------------------------------------------
// Building at given sizes

// sizes: Map key(sym) -> size for the symbols; the specs oracle.js takes
function specsFor(model, sizes, batch) {
  return modelInputs(model).map((input) => ({
    name: input.name,
    shape: input.shape.map((d, axis) => {
      if (axis === 0) return batch;
      if (d != null) return d;
      const s = sizes.get(`${input.name}:${axis}`);
      if (s == null) throw new SweepError(`no size given for input "${input.name}" axis ${axis}`);
      return s;
    }),
  }));
}

const stats = { builds: 0 };

// true when the model builds with these sizes
async function builds(model, sizes) {
  stats.builds++;
  // a model that fails leaves the weights of the layers built before the failure, and tfjs'
  // recurrent layers leave a few tensors behind: dispose whatever the build made
  const before = new Set(Object.keys(tf.engine().state.registeredVariables));
  const specs = specsFor(model, sizes, 1);
  tf.engine().startScope();
  let r;
  try {
    r = await runOracle(model, specs);
  } finally {
    tf.engine().endScope();
    for (const [name, v] of Object.entries(tf.engine().state.registeredVariables)) {
      if (!before.has(name)) v.dispose();
    }
  }
  if (r.unsupported) throw new SweepError(`tfjs cannot judge this model: ${r.error}`);
  return r.ok;
}

// ---------------------------------------------------------------------------
// Sweeps

// Sizes 1..max of `sym` with which the model builds, the other symbols at fixed.get(key)
async function sweepAxis(model, sym, fixed, max) {
  const works = [];
  const sizes = new Map(fixed);
  for (let s = 1; s <= max; s++) {
    sizes.set(key(sym), s);
    if (await builds(model, sizes)) works.push(s);
  }
  return works;
}

// The first size s in 1..max with which the model builds when every symbol is s (null: none)
async function diagonal(model, symbols, max) {
  for (let s = 1; s <= max; s++) {
    if (await builds(model, new Map(symbols.map((sym) => [key(sym), s])))) return s;
  }
  return null;
}

// The sizes where the verdict changes (and the ends of the range), at most `limit` of them
function boundaries(works, max, limit) {
  const set = new Set(works);
  const out = [];
  for (let s = 1; s <= max && out.length < limit; s++) {
    if (s === 1 || set.has(s) !== set.has(s - 1)) out.push(s);
  }
  return out;
}

// The scaled and the unscaled model must agree (at a few sizes where the verdict changes)
async function checkScaling(original, small, sym, fixed, works, max) {
  const sizes = new Map(fixed);
  for (const s of boundaries(works, max, 4)) {
    sizes.set(key(sym), s);
    const a = await builds(original, sizes);
    const b = await builds(small, sizes);
    if (a !== b) {
      throw new SweepError(`scaling filters/units changed the verdict at ${key(sym)} = ${s} ` +
        `(unscaled: ${a ? 'builds' : 'fails'}, scaled: ${b ? 'builds' : 'fails'})`);
    }
  }
}

// doc: a parsed model file. options: max (200), fixed (the size of the other symbols: default
// the first size that works for all of them at once, else max), check (compare scaled and
// unscaled models; default true).
// Returns {symbols: [{input, axis, rank, works: [sizes]}], fixed, max, divisor}
async function sweepModel(doc, options = {}) {
  const max = options.max || 200;
  const { model } = normalize(doc);
  const symbols = symbolsOf(model);
  const divisor = scaleDivisor(model);
  const small = scaled(model, divisor);
  let fixedSize = options.fixed || null;
  if (fixedSize == null) fixedSize = symbols.length > 1 ? (await diagonal(small, symbols, max)) || max : max;
  const out = [];
  for (const sym of symbols) {
    const fixed = new Map(symbols.filter((o) => o !== sym).map((o) => [key(o), fixedSize]));
    const works = await sweepAxis(small, sym, fixed, max);
    if (divisor !== 1 && options.check !== false) await checkScaling(model, small, sym, fixed, works, max);
    out.push({ input: sym.input, axis: sym.axis, rank: sym.rank, works });
  }
  return { symbols: out, fixed: fixedSize, max, divisor };
}

// Membership test: does the model build with every symbol at its size (sizes: Map key -> s)?
async function buildsAt(doc, sizes) {
  const { model } = normalize(doc);
  return builds(scaled(model, scaleDivisor(model)), sizes);
}

// ---------------------------------------------------------------------------
// Describing a set of sizes

// {kind: "none"} | {kind: "periodic", from, modulus, residues} | {kind: "values", values}
// for the sizes in 1..max: the smallest period (at most max / 3) whose pattern, from the
// smallest working size on, holds over the whole range; else the list itself.
function describe(works, max) {
  if (!works.length) return { kind: 'none' };
  const set = new Set(works);
  const from = works[0];
  for (let p = 1; p <= Math.floor((max - from + 1) / 3); p++) {
    let periodic = true;
    for (let s = from + p; s <= max && periodic; s++) periodic = set.has(s) === set.has(s - p);
    if (periodic) {
      const residues = works.filter((s) => s < from + p).map((s) => s % p).sort((a, b) => a - b);
      return { kind: 'periodic', from, modulus: p, residues };
    }
  }
  return { kind: 'values', values: works };
}

function describeText(d) {
  if (d.kind === 'none') return 'no size';
  if (d.kind === 'values') return `only ${d.values.join(', ')}`;
  if (d.modulus === 1) return `every size from ${d.from}`;
  return `sizes s >= ${d.from} with s % ${d.modulus} in {${d.residues.join(', ')}}`;
}

// ---------------------------------------------------------------------------

function usage(message) {
  if (message) process.stderr.write(`sweep: ${message}\n`);
  process.stderr.write('usage: node sweep.js MODEL.json... [--max 200] [--fixed N]\n');
  process.exit(2);
}

async function main() {
  const files = [];
  const options = { max: 200 };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => (i + 1 < argv.length ? Number(argv[++i]) : usage(`${a} needs a value`));
    if (a === '--max') options.max = value();
    else if (a === '--fixed') options.fixed = value();
    else if (a.startsWith('--')) usage(`unknown option ${a}`);
    else files.push(a);
  }
  if (!files.length || !(options.max >= 1)) usage();
  await init();
  for (const file of files) {
    const started = Date.now();
    let r;
    try {
      r = await sweepModel(JSON.parse(fs.readFileSync(file, 'utf8')), options);
    } catch (e) {
      process.stderr.write(`sweep: ${file}: ${e.message}\n`);
      process.exit(2);
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    realStdoutWrite(`${path.basename(file)} (sizes 1..${r.max}, other symbols at ${r.fixed}, ` +
      `filters/units divided by ${r.divisor}, ${seconds} s)\n`);
    for (const s of r.symbols) {
      realStdoutWrite(`  input ${s.input} axis ${s.axis}: ${describeText(describe(s.works, r.max))}\n`);
      realStdoutWrite(`    builds: ${s.works.length ? s.works.join(' ') : '(none)'}\n`);
    }
  }
  realStdoutWrite(`${stats.builds} builds, ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB resident, ` +
    `${tf.memory().numTensors} tensors left\n`);
}

module.exports = { sweepModel, sweepAxis, diagonal, buildsAt, symbolsOf, modelInputs, describe, describeText, key, stats, init, normalize };

if (require.main === module) main();
