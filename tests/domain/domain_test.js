#!/usr/bin/env node
'use strict';
// `dimsum domain` against an independent oracle. For every model in models/ (Keras configs with
// a None height and width, or length), sweep.js builds the model with TensorFlow.js at every size
// 1..MAX of each unknown input size and records which sizes build; then
//   - `dimsum domain MODEL --format json` must describe exactly those sizes: every size's
//     membership in kind/from/modulus/residues/values agrees with the sweep, `smallest` is the
//     smallest size that builds, `works` and the exit status agree, a model that never builds
//     names its conflicting layers; a few sizes beyond MAX are built too;
//   - the known answers below (from Keras' documented behaviour and hand arithmetic, not from
//     dimsum) hold for both the sweep and dimsum;
//   - `dimsum check MODEL --input-shape ...` at a failing size names the nearest working size(s)
//     of the sweep in an error's help, and passes at the smallest working size;
//   - `--input-shape` with identifiers names the symbols, and a bad model file is exit status 2.
//
//   node domain_test.js DIMSUM [--max 200] [--verbose]
//
// Exit status: 0 everything agrees (one summary line); 1 a disagreement (each listed);
// 2 cannot run.

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

let sweep;
try {
  sweep = require('./sweep.js');
} catch (e) {
  process.stderr.write(`domain_test: cannot load TensorFlow.js (run npm ci --prefix tests/oracle): ${e.message}\n`);
  process.exit(2);
}

const MODELS = path.join(__dirname, 'models');

// ---------------------------------------------------------------------------
// Known answers, in the `dimsum domain` JSON form, by file and symbol name. They come from
// Keras, not from dimsum or the sweep (both are checked against them):
//   - a 'valid' window: out = floor((in - (kernel - 1) * dilation - 1) / stride) + 1, and an
//     output size must be at least 1; 'same': out = ceil(in / stride);
//     Cropping2D: in - crop; ZeroPadding2D: in + pad; UpSampling2D(2): 2 * in;
//   - Concatenate wants equal sizes on every axis but the concatenation axis;
//   - element-wise merges (Add) broadcast a size of 1 (Keras' _Merge; docs/semantics.md);
//   - Reshape wants the same element count.
const periodic = (from, modulus, residues) => ({ kind: 'periodic', from, modulus, residues });
const KNOWN = {
  // keras.applications.VGG16(include_top=False): "width and height should be no smaller than 32"
  // (imagenet_utils.obtain_input_shape(min_size=32)); five MaxPooling2D(2): floor(s / 32) >= 1.
  'vgg16_notop.json': { H: periodic(32, 1, [0]), W: periodic(32, 1, [0]) },
  // Four MaxPooling2D(2) floor the size four times; each UpSampling2D(2) doubles it back and the
  // Concatenate with the skip wants the size it had: s, s/2, s/4, s/8 even and s/16 >= 1.
  'unet4.json': { H: periodic(16, 16, [0]), W: periodic(16, 16, [0]) },
  // valid_stack, by hand (H with kernel 5, W with kernel 3 in the first layer):
  //   conv2d   5x3 valid         a1 = H - 4                 (W: a1 = W - 2)
  //   max_pool 2, stride 2       a2 = floor((a1 - 2) / 2) + 1
  //   conv2d_1 3x3 valid         a3 = a2 - 2
  //   conv2d_2 3x3 stride 2      a4 = floor((a3 - 3) / 2) + 1
  //   conv2d_3 3x3 dilation 2    a5 = a4 - 4  (effective kernel 5)
  //   a5 >= 1 <=> a4 >= 5 <=> a3 >= 11 <=> a2 >= 13 <=> a1 >= 26 <=> H >= 30 (W >= 28),
  //   and every size above works (each step is non-decreasing).
  'valid_stack.json': { H: periodic(30, 1, [0]), W: periodic(28, 1, [0]) },
  // Conv1D(kernel 3, 'valid') gives L - 2; Concatenate with the raw input wants L - 2 == L.
  'never.json': { L: { kind: 'none' } },
  // The same with Add: L - 2 == L never, but L - 2 == 1 broadcasts: L = 3 only.
  'add_broadcast.json': { L: { kind: 'values', values: [3] } },
  // strided_same, by hand (the same for H and W):
  //   conv2d 3x3 valid m = s - 2; cropping2d 1+1: s - 2; concatenate: equal, s >= 3
  //   conv2d_1 3x3 stride 2 same: ceil(m / 2); max_pooling2d 2: floor(m / 2), m >= 2;
  //     concatenate_1: ceil(m / 2) == floor(m / 2) <=> m even; k = m / 2
  //   conv2d_2 3x3 stride 3 same: ceil(k / 3); zero_padding2d 1+1 then average_pooling2d 3,
  //     stride 3: floor((k + 2 - 3) / 3) + 1 = ceil(k / 3) for every k >= 1: no condition
  //   conv2d_3 3x3 dilation 2 valid: ceil(k / 3) - 4 >= 1 <=> k >= 13 <=> m >= 26 <=> s >= 28
  //   so: s even and s >= 28.
  'strided_same.json': { H: periodic(28, 2, [0]), W: periodic(28, 2, [0]) },
  // Conv1D kernel 3 stride 3 'same': ceil(L / 3); Conv1D kernel 2 stride 3 'valid':
  // floor((L - 2) / 3) + 1 (L >= 2); Concatenate: equal for L % 3 in {0, 2}, not for 1.
  'seq1d_mod3.json': { L: periodic(2, 3, [0, 2]) },
  // Conv1D(4, kernel 3, stride 2, 'valid') then Reshape((20,)): 4 * (floor((L - 3) / 2) + 1) == 20.
  'seq1d_values.json': { L: { kind: 'values', values: [11, 12] } },
  // Two inputs, each pooled: Conv2D 5x5 'valid' on the image, Conv1D kernel 7 'valid' on the sequence.
  'two_inputs.json': { image_H: periodic(5, 1, [0]), image_W: periodic(5, 1, [0]), seq_L: periodic(7, 1, [0]) },
  // Regressions found by random_domain.js (dimsum was wrong on them when they were added):
  // Conv1D(kernel 1, stride 2, 'same') gives ceil(L / 2); the Concatenate with the input wants
  // L == ceil(L / 2), L = 1 only; Conv1D(kernel 3, 'valid') then wants L - 2 >= 1: no size.
  'regress_values_ignore_later_window.json': { L: { kind: 'none' } },
  // MaxPooling1D(2): floor(L / 2); Concatenate on axis 1 with the input: L + floor(L / 2) =
  // floor(3L / 2); MaxPooling1D(4): floor(floor(3L / 2) / 4) = floor(3L / 8); Conv1D(kernel 3,
  // 'valid'): floor(3L / 8) - 2 >= 1 <=> 3L >= 24 <=> L >= 8, and every size above (monotone).
  'regress_nested_floor_period.json': { L: periodic(8, 1, [0]) },
  // MaxPooling1D(3, 'same'): ceil(L / 3); MaxPooling1D(9, 'same'): ceil(L / 9); Concatenate on
  // axis 1: their sum x; MaxPooling1D(9): floor(x / 9); Conv1D(kernel 2, 'valid'): floor(x / 9)
  // - 1 >= 1 <=> x >= 18; x is non-decreasing in L, 16 at L = 36 and 13 + 5 = 18 at L = 37.
  'regress_nested_floor_none.json': { L: periodic(37, 1, [0]) },
};

// The key of the list of {layer, condition} in the contract of `dimsum domain --format json`
const CONSTRAINTS = 'conditions';

// The layer that must be named among the conflicts of a model that works for no size
const CONFLICT = { 'never.json': 'concatenate' };

// ---------------------------------------------------------------------------

function usage(message) {
  if (message) process.stderr.write(`domain_test: ${message}\n`);
  process.stderr.write('usage: node domain_test.js DIMSUM [--max 200] [--verbose]\n');
  process.exit(2);
}

function parseArgs(argv) {
  const o = { dimsum: null, max: 200, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--max') o.max = Number(argv[++i]);
    else if (a === '--verbose') o.verbose = true;
    else if (a.startsWith('--')) usage(`unknown option ${a}`);
    else if (o.dimsum == null) o.dimsum = a;
    else usage(`unexpected argument ${a}`);
  }
  if (!o.dimsum) usage();
  if (!Number.isInteger(o.max) || o.max < 20) usage('--max wants an integer of at least 20');
  if (!fs.existsSync(o.dimsum)) usage(`no dimsum binary at ${o.dimsum}`);
  return o;
}

const problems = [];
const fail = (where, message) => problems.push(`${where}: ${message}`);
let dimsumRuns = 0;

function runDimsum(dimsum, args) {
  dimsumRuns++;
  const r = spawnSync(dimsum, args, { encoding: 'utf8', timeout: 60000, maxBuffer: 64 << 20 });
  const command = `dimsum ${args.map((a) => (/[\s,]/.test(a) && !/^[\w.,=/-]+$/.test(a) ? JSON.stringify(a) : a)).join(' ')}`;
  let json = null;
  let parseError = null;
  try {
    json = JSON.parse(r.stdout);
  } catch (e) {
    parseError = e.message;
  }
  return { status: r.status, signal: r.signal, error: r.error, stdout: r.stdout || '', stderr: r.stderr || '', json, parseError, command };
}

function describeRun(r) {
  if (r.error) return `\`${r.command}\` could not run (${r.error.code || r.error.message})`;
  const err = r.stderr.trim().split('\n').slice(0, 3).join(' | ');
  return `\`${r.command}\` exit ${r.signal ? 'signal ' + r.signal : r.status}${err ? `, stderr: ${err}` : ''}`;
}

// The symbol names of the contract: one input: rank 4 H, W; rank 3 L; rank 5 D, H, W; otherwise
// d1, d2, ... by axis. Several inputs: "<input>_" before each.
function expectedName(sym, several) {
  const byRank = { 3: { 1: 'L' }, 4: { 1: 'H', 2: 'W' }, 5: { 1: 'D', 2: 'H', 3: 'W' } };
  const base = (byRank[sym.rank] && byRank[sym.rank][sym.axis]) || `d${sym.axis}`;
  return several ? `${sym.input}_${base}` : base;
}

// Does size s belong to a described set (the contract's kind/from/modulus/residues/values)?
function member(d, s) {
  // periodic: the pattern from `from` on, and the sizes in `values` too (README, JSON output)
  if (d.kind === 'periodic') {
    return (s >= d.from && d.residues.includes(((s % d.modulus) + d.modulus) % d.modulus)) || (d.values || []).includes(s);
  }
  if (d.kind === 'values') return d.values.includes(s);
  return false;
}

const isInt = (v) => Number.isInteger(v);

// Problems with the form of one symbol of the domain JSON
function symbolForm(s) {
  const p = [];
  if (typeof s.name !== 'string' || !s.name) p.push('"name" must be a string');
  if (typeof s.input !== 'string' && s.input !== null) p.push('"input" must be a string');
  if (!isInt(s.axis) || s.axis < 1) p.push('"axis" must be a positive integer');
  if (!['periodic', 'values', 'none'].includes(s.kind)) p.push(`"kind" must be periodic, values or none, not ${JSON.stringify(s.kind)}`);
  if (s.kind === 'periodic') {
    if (!isInt(s.from)) p.push('"from" must be an integer');
    if (!isInt(s.modulus) || s.modulus < 1) p.push('"modulus" must be a positive integer');
    if (!Array.isArray(s.residues) || !s.residues.length || !s.residues.every((r) => isInt(r) && r >= 0 && r < s.modulus)) {
      p.push('"residues" must be a non-empty list of integers in [0, modulus)');
    }
  }
  if (s.kind === 'values' && (!Array.isArray(s.values) || !s.values.length || !s.values.every((v) => isInt(v) && v >= 1))) {
    p.push('"values" must be a non-empty list of sizes');
  }
  if (s.kind === 'none' && s.smallest !== null) p.push('"smallest" must be null for kind "none"');
  if (s.kind !== 'none' && (!isInt(s.smallest) || s.smallest < 1)) p.push('"smallest" must be a size');
  if (typeof s.text !== 'string' || !s.text.trim()) p.push('"text" must say it in words');
  return p;
}

const show = (d) => {
  if (!d || d.kind === 'none') return 'no size';
  if (d.kind === 'values') return `only ${d.values.join(', ')}`;
  return `s >= ${d.from} with s % ${d.modulus} in {${d.residues.join(', ')}}`;
};

// first few sizes where two membership functions differ, for messages
function differences(max, a, b) {
  const out = [];
  for (let s = 1; s <= max && out.length < 6; s++) if (a(s) !== b(s)) out.push(s);
  return out;
}

// The one result of `dimsum domain --format json` for a file (an object, or a list of them)
function resultFor(json, file) {
  if (Array.isArray(json)) {
    return json.find((r) => r && typeof r.file === 'string' && path.basename(r.file) === path.basename(file)) || null;
  }
  return json && typeof json === 'object' ? json : null;
}

// a size in a help text, as a whole number
const mentions = (text, n) => new RegExp(`(^|[^0-9])${n}([^0-9]|$)`).test(text);

// ---------------------------------------------------------------------------

async function checkModel(o, file, totals) {
  const base = path.basename(file);
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  const { model } = sweep.normalize(doc);
  const layerNames = new Set((model.config.layers || []).map((l) => l.name || (l.config && l.config.name)));
  const inputs = sweep.modelInputs(model);
  const several = inputs.length > 1;

  // 1. the oracle
  const swept = await sweep.sweepModel(doc, { max: o.max });
  const symbols = swept.symbols.map((s) => ({ ...s, name: expectedName(s, several), set: new Set(s.works) }));
  totals.symbols += symbols.length;
  if (o.verbose) {
    for (const s of symbols) process.stderr.write(`${base} ${s.name}: ${sweep.describeText(sweep.describe(s.works, o.max))}\n`);
  }
  const fixedSizes = (sym) => new Map(symbols.filter((x) => x !== sym).map((x) => [sweep.key(x), swept.fixed]));

  // 2. the known answers hold for the oracle (else the test itself is wrong)
  const known = KNOWN[base];
  if (!known) {
    fail(base, 'no known answer in KNOWN (add one)');
  } else {
    for (const s of symbols) {
      const k = known[s.name];
      if (!k) { fail(base, `no known answer for symbol ${s.name}`); continue; }
      const diff = differences(o.max, (n) => member(k, n), (n) => s.set.has(n));
      if (diff.length) fail(base, `the sweep (TensorFlow.js) disagrees with the known answer for ${s.name} (${show(k)}) at sizes ${diff.join(', ')}`);
    }
  }

  // 3. dimsum domain
  await checkDomain(o, { file, base, doc, known, symbols, several, layerNames, fixedSizes }, totals);

  // 4. dimsum check at failing sizes: the nearest working sizes in an error's help;
  //    at the smallest working size: no error
  checkNearest(o, { file, base, inputs, symbols, fixed: swept.fixed }, totals);
}

async function checkDomain(o, m, totals) {
  const { file, base, doc, known, symbols, several, layerNames, fixedSizes } = m;
  const r = runDimsum(o.dimsum, ['domain', file, '--format', 'json']);
  const where = `${base}: \`dimsum domain --format json\``;
  const result = r.json ? resultFor(r.json, file) : null;
  if (!result) {
    fail(base, `${describeRun(r)}: ${r.parseError ? 'stdout is not JSON (' + r.parseError + ')' : 'no result for this file'}`);
    return;
  }
  if (typeof result.file !== 'string' || path.basename(result.file) !== base) {
    fail(where, `"file" is ${JSON.stringify(result.file)}, not the model file`);
  }
  if (typeof result.works !== 'boolean') fail(where, '"works" must be true or false');
  if (!Array.isArray(result.symbols)) { fail(where, '"symbols" must be a list'); return; }
  if (!Array.isArray(result[CONSTRAINTS])) fail(where, `"${CONSTRAINTS}" must be a list`);
  if (!Array.isArray(result.conflicts)) fail(where, '"conflicts" must be a list');

  const sweepWorks = symbols.every((s) => s.works.length > 0);
  if (result.works !== sweepWorks) fail(where, `"works" is ${result.works}, the sweep says ${sweepWorks}`);
  const wantStatus = sweepWorks ? 0 : 1;
  if (r.status !== wantStatus) {
    fail(where, `exit status ${r.status}, expected ${wantStatus} (${sweepWorks ? 'some size works' : 'no size works'}); ` +
      describeRun(r));
  }

  const seen = new Set();
  for (const d of result.symbols) {
    const form = symbolForm(d || {});
    if (form.length) { fail(where, `symbol ${JSON.stringify(d && d.name)}: ${form.join('; ')}`); continue; }
    const s = symbols.find((x) => x.axis === d.axis && (x.input === d.input || !several));
    if (!s) { fail(where, `symbol ${d.name} (input ${d.input}, axis ${d.axis}) is not an unknown size of the model`); continue; }
    seen.add(s);
    const at = `${where} symbol ${d.name}`;
    if (d.input !== s.input) fail(at, `"input" is ${JSON.stringify(d.input)}, the model's input is ${JSON.stringify(s.input)}`);
    if (d.name !== s.name) fail(at, `named ${JSON.stringify(d.name)}, the contract says ${JSON.stringify(s.name)} (input ${s.input}, axis ${s.axis})`);
    // every size 1..max, as the sweep found it
    const diff = differences(o.max, (n) => member(d, n), (n) => s.set.has(n));
    if (diff.length) {
      const sizes = diff.map((n) => `${n} (${s.set.has(n) ? 'builds' : 'fails'})`).join(', ');
      fail(at, `says ${show(d)} ("${d.text}"); TensorFlow.js disagrees at sizes ${sizes}`);
    }
    const smallest = s.works.length ? s.works[0] : null;
    if (smallest != null && d.smallest !== smallest) fail(at, `"smallest" is ${d.smallest}, the smallest size that builds is ${smallest}`);
    if (smallest == null && d.kind !== 'none') {
      // nothing builds up to max: dimsum's smallest must be beyond it and build
      if (!(d.smallest > o.max)) fail(at, `"smallest" is ${d.smallest} but no size 1..${o.max} builds`);
      else if (!(await sweep.buildsAt(doc, new Map([...fixedSizes(s), [sweep.key(s), d.smallest]])))) {
        fail(at, `"smallest" ${d.smallest} does not build`);
      }
    }
    if (d.kind === 'periodic' && s.works.length && d.from > smallest && !(d.values || []).includes(smallest)) fail(at, `"from" ${d.from} is above the smallest working size ${smallest}`);
    // the known answer's kind: an infinite set is periodic, a finite one values, none none
    if (known && known[s.name] && known[s.name].kind !== d.kind) fail(at, `kind "${d.kind}", expected "${known[s.name].kind}" (${show(known[s.name])})`);
    if (known && known[s.name] && known[s.name].kind === 'periodic' && d.kind === 'periodic') {
      const k = known[s.name];
      const far = differences(4 * o.max, (n) => member(k, n), (n) => member(d, n));
      if (far.length) fail(at, `says ${show(d)}, the known answer is ${show(k)}; they differ at ${far.join(', ')}`);
    }
    // beyond max: a few sizes built, and every listed value
    const beyond = [o.max + 1, o.max + 2, o.max + 3, 2 * o.max, 2 * o.max + 1, 1000, 1001, 1002, 1024];
    if (d.kind === 'values') beyond.push(...d.values.filter((v) => v > o.max));
    const wrong = [];
    for (const n of beyond) {
      const b = await sweep.buildsAt(doc, new Map([...fixedSizes(s), [sweep.key(s), n]]));
      if (b !== member(d, n)) wrong.push(`${n} (${b ? 'builds' : 'fails'})`);
    }
    if (wrong.length) fail(at, `says ${show(d)}; beyond ${o.max}, TensorFlow.js disagrees at sizes ${wrong.join(', ')}`);
    if (!d.text.includes(d.name)) fail(at, `"text" (${JSON.stringify(d.text)}) does not name the symbol`);
    totals.sizes += o.max;
  }
  for (const s of symbols) if (!seen.has(s)) fail(where, `no symbol for input ${s.input} axis ${s.axis} (expected ${s.name})`);
  if (result.symbols.length !== symbols.length) fail(where, `${result.symbols.length} symbols, the model has ${symbols.length} unknown sizes`);

  // constraints and conflicts name layers of the model
  if (Array.isArray(result[CONSTRAINTS])) {
    for (const c of result[CONSTRAINTS]) {
      if (!c || typeof c.layer !== 'string' || typeof c.condition !== 'string' || !c.condition.trim()) {
        fail(where, `constraint ${JSON.stringify(c)} must have "layer" and "condition" strings`);
      } else if (!layerNames.has(c.layer)) {
        fail(where, `constraint on "${c.layer}", which is no layer of the model`);
      }
    }
    const someFail = symbols.some((s) => s.works.length < o.max);
    if (someFail && !result[CONSTRAINTS].length) fail(where, 'no constraints, but some sizes fail');
  }
  if (Array.isArray(result.conflicts)) {
    for (const c of result.conflicts) if (!layerNames.has(c)) fail(where, `conflict "${c}" is no layer of the model`);
    const none = result.symbols.some((d) => d && d.kind === 'none');
    if (none && !result.conflicts.length) fail(where, 'a symbol of kind "none" but no conflicts');
    if (!none && result.conflicts.length) fail(where, `conflicts ${JSON.stringify(result.conflicts)} but every symbol has sizes that work`);
    if (CONFLICT[base] && !result.conflicts.includes(CONFLICT[base])) {
      fail(where, `conflicts ${JSON.stringify(result.conflicts)} do not name "${CONFLICT[base]}", whose condition never holds`);
    }
  }
}

// The help lines of each error diagnostic of `dimsum check --format json`, one string per error
// (null: no diagnostics list)
function errorHelps(c) {
  const diags = c.json && Array.isArray(c.json.diagnostics) ? c.json.diagnostics
    : (Array.isArray(c.json) && c.json[0] && c.json[0].diagnostics) || null;
  if (!diags) return null;
  return diags.filter((d) => d && d.severity === 'error').map((d) => (Array.isArray(d.help) ? d.help.join('\n') : ''));
}

function checkNearest(o, m, totals) {
  const { file, base, inputs, symbols, fixed } = m;
  const run = (sizes) => runDimsum(o.dimsum, ['check', file, ...inputShapeArgs(inputs, sizes, fixed), '--format', 'json']);
  const picks = []; // one failing size per symbol, for the run with every axis failing
  symbols.forEach((s, index) => {
    if (!s.works.length) {
      // no size works: check fails at any size
      const c = run(new Map([[sweep.key(s), 10]]));
      totals.checks++;
      if (c.status !== 1) fail(base, `${describeRun(c)}: expected exit status 1 (no size works)`);
      return;
    }
    const smallest = s.works[0];
    const largest = s.works[s.works.length - 1];
    const failing = [];
    if (smallest > 1) failing.push(smallest - 1);
    // the first failing size of each gap between two working sizes
    const gaps = [];
    for (let n = smallest + 1; n < largest; n++) if (!s.set.has(n) && s.set.has(n - 1)) gaps.push(n);
    if (gaps.length) failing.push(gaps[0]);
    // a failing size above the largest working one, when the set is finite within reach
    if (largest < o.max / 2) failing.push(largest + 1);
    const pick = gaps.length ? gaps[Math.min(index, gaps.length - 1)] : failing[0];
    if (pick != null) picks.push([s, pick]);
    for (const f of failing) {
      const want = nearest(s, f);
      const c = run(new Map([[sweep.key(s), f]]));
      const at = `${base}: \`${c.command}\``;
      totals.checks++;
      if (c.status !== 1) { fail(at, `exit status ${c.status}, expected 1 (size ${f} fails in TensorFlow.js); ${describeRun(c)}`); continue; }
      const helps = errorHelps(c);
      if (!helps) { fail(at, 'no "diagnostics" list in the JSON'); continue; }
      if (!helps.some((h) => want.every((n) => mentions(h, n)))) {
        fail(at, `${s.name} = ${f} fails; the nearest working size${want.length > 1 ? 's' : ''} ${want.join(' and ')} ` +
          `should appear in the help of an error; the errors' help says: ${JSON.stringify(helps)}`);
      }
    }
    // the smallest working size passes
    const ok = run(new Map([[sweep.key(s), smallest]]));
    totals.checks++;
    if (ok.status !== 0) fail(base, `${describeRun(ok)}: expected exit status 0 (size ${smallest} builds in TensorFlow.js)`);
  });
  // every axis failing at once: each axis' nearest working sizes in the errors' help
  if (picks.length > 1) {
    const c = run(new Map(picks.map(([s, f]) => [sweep.key(s), f])));
    const at = `${base}: \`${c.command}\``;
    totals.checks++;
    const helps = errorHelps(c);
    if (c.status !== 1) fail(at, `exit status ${c.status}, expected 1 (every axis fails in TensorFlow.js); ${describeRun(c)}`);
    else if (!helps) fail(at, 'no "diagnostics" list in the JSON');
    else {
      const text = helps.join('\n');
      const missing = picks.map(([s, f]) => [s, f, nearest(s, f).filter((n) => !mentions(text, n))]).filter((x) => x[2].length);
      if (missing.length) {
        const names = missing.map(([s, f, n]) => `${n.join(' and ')} (${s.name} = ${f})`).join(', ');
        fail(at, `every axis fails; the errors' help does not name ${names}; it says: ${JSON.stringify(helps)}`);
      }
    }
  }
}

// The nearest working size(s) of a failing size f: the smallest below it, else the nearest below
// and above (within 1..max)
function nearest(s, f) {
  if (f < s.works[0]) return [s.works[0]];
  const below = s.works.filter((n) => n < f).pop();
  const above = s.works.find((n) => n > f);
  return [below, above].filter((n) => n != null);
}

// --input-shape arguments for `dimsum check`: batch 1, the symbols in `sizes` (key -> size) at
// their size, the model's other unknown sizes at `fixed`
function inputShapeArgs(inputs, sizes, fixed) {
  const args = [];
  for (const input of inputs) {
    const shape = input.shape.map((d, axis) => {
      if (axis === 0) return 1;
      if (d != null) return d;
      const s = sizes.get(`${input.name}:${axis}`);
      return s != null ? s : fixed;
    });
    args.push('--input-shape', `${inputs.length > 1 ? input.name + '=' : ''}${shape.join(',')}`);
  }
  return args;
}

// --input-shape with identifiers: names chosen by the user, and a size given for the other axis
async function checkNamedSymbols(o, totals) {
  const base = 'strided_same.json';
  const file = path.join(MODELS, base);
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  const { model } = sweep.normalize(doc);
  const [input] = sweep.modelInputs(model);
  const rows = { input: input.name, axis: 1 };
  const works = await sweep.sweepAxis(model, rows, new Map([[sweep.key({ input: input.name, axis: 2 }), 40]]), o.max);
  const set = new Set(works);
  const cases = [
    { spec: '1,rows,40,3', names: ['rows'] },
    { spec: '1,rows,cols,3', names: ['rows', 'cols'] },
  ];
  for (const c of cases) {
    const r = runDimsum(o.dimsum, ['domain', file, '--input-shape', c.spec, '--format', 'json']);
    const result = r.json ? resultFor(r.json, file) : null;
    const at = `${base}: \`${r.command}\``;
    if (!result || !Array.isArray(result.symbols)) { fail(at, `no result (${describeRun(r)})`); continue; }
    if (r.status !== 0) fail(at, `exit status ${r.status}, expected 0`);
    const names = result.symbols.map((d) => d && d.name).sort();
    if (JSON.stringify(names) !== JSON.stringify(c.names.slice().sort())) {
      fail(at, `symbols ${JSON.stringify(names)}, expected ${JSON.stringify(c.names)}`);
    }
    const d = result.symbols.find((x) => x && x.name === 'rows');
    if (!d || symbolForm(d).length) continue;
    if (d.axis !== 1) fail(at, `"rows" has axis ${d.axis}, expected 1`);
    const diff = differences(o.max, (n) => member(d, n), (n) => set.has(n));
    if (diff.length) fail(at, `"rows" is ${show(d)}; TensorFlow.js (width 40) disagrees at ${diff.join(', ')}`);
    totals.sizes += o.max;
  }
  // the human format: the same exit status, and some text
  for (const [name, status] of [['unet4.json', 0], ['never.json', 1]]) {
    const r = runDimsum(o.dimsum, ['domain', path.join(MODELS, name)]);
    if (r.status !== status || !r.stdout.trim()) {
      fail(name, `${describeRun(r)}: expected exit status ${status} and a description on stdout`);
    }
  }
  // bad input: exit status 2
  const missing = path.join(os.tmpdir(), `dimsum-domain-test-${process.pid}-missing.json`);
  const bad = runDimsum(o.dimsum, ['domain', missing, '--format', 'json']);
  if (bad.status !== 2) fail('bad input', `${describeRun(bad)}: expected exit status 2 for a file that does not exist`);
  const badSpec = runDimsum(o.dimsum, ['domain', file, '--input-shape', '1,rows,4x,3', '--format', 'json']);
  if (badSpec.status !== 2) fail('bad input', `${describeRun(badSpec)}: expected exit status 2 for "4x", neither a size nor a name`);
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const started = Date.now();
  try {
    await sweep.init();
  } catch (e) {
    process.stderr.write(`domain_test: cannot start TensorFlow.js (run npm ci --prefix tests/oracle): ${e.message}\n`);
    process.exit(2);
  }
  const files = fs.readdirSync(MODELS).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(MODELS, f));
  for (const k of Object.keys(KNOWN)) if (!files.some((f) => path.basename(f) === k)) fail(k, 'known answer for a model that is not in models/');
  const totals = { symbols: 0, sizes: 0, checks: 0 };
  for (const file of files) {
    try {
      await checkModel(o, file, totals);
    } catch (e) {
      fail(path.basename(file), `cannot test: ${e.stack || e.message}`);
    }
  }
  try {
    await checkNamedSymbols(o, totals);
  } catch (e) {
    fail('named symbols', `cannot test: ${e.stack || e.message}`);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (problems.length) {
    process.stderr.write(`domain_test: ${problems.length} disagreement${problems.length === 1 ? '' : 's'}:\n`);
    for (const p of problems) process.stderr.write(`  - ${p}\n`);
    process.stderr.write(`(${files.length} models, ${sweep.stats.builds} TensorFlow.js builds, ${dimsumRuns} dimsum runs, ${seconds} s)\n`);
    process.exit(1);
  }
  process.stdout.write(`domain: ${files.length} models, ${totals.symbols} symbols: dimsum domain agrees with ` +
    `${sweep.stats.builds} TensorFlow.js builds at ${totals.sizes} sizes and with the known answers; ` +
    `${totals.checks} dimsum check runs agree, naming the nearest working sizes (${seconds} s)\n`);
}

main();
