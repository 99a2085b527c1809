#!/usr/bin/env node
'use strict';
// Differential test: random Keras models (generate.js) built by TensorFlow.js, an independent
// implementation of the Keras layers API (oracle.js, in this process), and checked by dimsum
// (the binary, many files per run), then compared: the verdict, the output shapes, the total
// and trainable parameter counts, each layer's output shape wherever tfjs computed it, and for
// a failing model the layer where tfjs fails. A difference is either one of the deliberate
// differences of docs/semantics.md, recognised by its rule (differences.js), or a
// disagreement: a dimsum bug to fix (then keep the model in tests/corpus/regressions/).
//
//   node difftest.js --dimsum PATH [--seed S] [--count N] [--keep DIR] [--only I] [--verbose]
//
// Prints the run's figures; exit status 0 when every model agrees or differs only by a rule,
// 1 on any disagreement (each listed; the models are written to --keep DIR, or to a
// temporary folder that is kept), 2 when it cannot run.

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');

const { generate, activeTable, ALL_CLASSES } = require('./generate.js');
const { RULES } = require('./differences.js');
const { EXCLUDED } = require('./layer_table.js');

function usage(message) {
  if (message) process.stderr.write(`difftest: ${message}\n`);
  process.stderr.write('usage: node difftest.js --dimsum PATH [--seed S] [--count N] [--keep DIR] [--only I] [--verbose]\n');
  process.exit(2);
}

function parseArgs(argv) {
  const o = { seed: 1, count: 2000, dimsum: null, keep: null, only: null, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => (i + 1 < argv.length ? argv[++i] : usage(`${a} needs a value`));
    if (a === '--seed') o.seed = Number(value());
    else if (a === '--count') o.count = Number(value());
    else if (a === '--dimsum') o.dimsum = value();
    else if (a === '--keep') o.keep = value();
    else if (a === '--only') o.only = Number(value());
    else if (a === '--verbose' || a === '-v') o.verbose = true;
    else usage(`unknown argument ${a}`);
  }
  if (!o.dimsum) usage('--dimsum PATH is required');
  if (!Number.isSafeInteger(o.seed) || !Number.isSafeInteger(o.count) || o.count < 1) usage('--seed and --count take integers');
  if (o.only !== null && !Number.isSafeInteger(o.only)) usage('--only takes a model index');
  return o;
}

// ---------------------------------------------------------------------------
// dimsum, many files per run

const CHUNK = 400;

// Runs `dimsum check --format json ARGS FILES...` and resolves to {file: result object}; a
// file dimsum could not read (exit 2) maps to {loadError: its stderr line}.
function runDimsum(binary, args, files, tmp, tag) {
  return new Promise((resolve, reject) => {
    const outPath = path.join(tmp, `dimsum-${tag}.out`);
    const errPath = path.join(tmp, `dimsum-${tag}.err`);
    const out = fs.openSync(outPath, 'w');
    const err = fs.openSync(errPath, 'w');
    // the files first: --input-shape takes every value that follows it
    const child = spawn(binary, ['check', ...files, '--format', 'json', '--color', 'never', ...args], { stdio: ['ignore', out, err] });
    child.on('error', reject);
    child.on('close', (status, signal) => {
      fs.closeSync(out);
      fs.closeSync(err);
      const stdout = fs.readFileSync(outPath, 'utf8');
      const stderr = fs.readFileSync(errPath, 'utf8');
      const results = {};
      if (signal || status > 2) {
        // a crash: blame every file of the run (the comparison names them)
        for (const f of files) results[f] = { loadError: `dimsum crashed (${signal || 'status ' + status}) on a run of ${files.length} files: ${stderr.trim()}` };
        return resolve(results);
      }
      if (stdout.trim()) {
        const parsed = JSON.parse(stdout);
        for (const r of Array.isArray(parsed) ? parsed : [parsed]) results[r.file] = r;
      }
      for (const line of stderr.split('\n')) {
        const f = files.find((x) => line.includes(x));
        if (f && !results[f]) results[f] = { loadError: line };
      }
      for (const f of files) if (!results[f]) results[f] = { loadError: `no result from dimsum (status ${status}): ${stderr.trim()}` };
      resolve(results);
    });
  });
}

// Runs every model through dimsum, grouped by their extra arguments, one run at a time (the
// other core builds models in tfjs meanwhile).
async function dimsumAll(binary, models, tmp) {
  const groups = new Map();
  for (const m of models) {
    const key = JSON.stringify(m.args);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(m);
  }
  const results = {};
  let tag = 0;
  for (const [key, group] of groups) {
    for (let i = 0; i < group.length; i += CHUNK) {
      const files = group.slice(i, i + CHUNK).map((m) => m.file);
      Object.assign(results, await runDimsum(binary, JSON.parse(key), files, tmp, tag++));
    }
  }
  return results;
}

// The classes dimsum has a rule for: a one-layer model per class; an unknown class draws
// warning DS0101 (a known one may fail or even be unreadable without its options: still known).
async function knownClasses(binary, tmp) {
  const dir = path.join(tmp, 'probe');
  fs.mkdirSync(dir, { recursive: true });
  const files = ALL_CLASSES.map((cls) => {
    const file = path.join(dir, `${cls}.json`);
    const doc = { class_name: 'Sequential', config: { name: 'probe', layers: [
      { class_name: 'InputLayer', config: { batch_input_shape: [null, 4, 4, 4], name: 'probe_input' } },
      { class_name: cls, config: { name: 'probe_layer' } }] } };
    fs.writeFileSync(file, JSON.stringify(doc));
    return file;
  });
  const results = await runDimsum(binary, [], files, tmp, 'probe');
  const known = new Set();
  ALL_CLASSES.forEach((cls, i) => {
    const r = results[files[i]];
    if (r.loadError && /crashed|no result/.test(r.loadError)) throw new Error(`probing dimsum: ${r.loadError}`);
    if (r.loadError || !r.diagnostics.some((d) => d.code === 'DS0101')) known.add(cls);
  });
  return known;
}

// ---------------------------------------------------------------------------
// The comparison

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const shapeText = (s) => (s === null || s === undefined ? 'null' : `[${s.map((d) => (d === null ? 'null' : d)).join(',')}]`);

// The differences between the tfjs and dimsum results of one model (empty: they agree).
function differences(t, d) {
  const out = [];
  const dimsumErrors = d.diagnostics.filter((x) => x.severity === 'error');
  const errorLayers = new Set(dimsumErrors.map((x) => x.layer));
  if (t.ok !== d.ok) {
    if (t.ok) out.push(`tfjs builds it (outputs ${t.output_shapes.map(shapeText).join(' ')}), dimsum fails: ` +
      dimsumErrors.map((x) => `${x.layer}: ${x.code} ${x.message}`).join('; '));
    else out.push(`tfjs fails (${t.error}), dimsum passes (outputs ${d.output_shapes.map(shapeText).join(' ')})`);
  } else if (t.ok) {
    if (!same(t.output_shapes, d.output_shapes)) {
      out.push(`output shapes: tfjs ${t.output_shapes.map(shapeText).join(' ')}, dimsum ${d.output_shapes.map(shapeText).join(' ')}`);
    }
    if (t.total_params !== d.total_params || t.trainable_params !== d.trainable_params) {
      const per = d.layers.filter((l) => t.layer_params && l.name in t.layer_params && t.layer_params[l.name] !== l.params)
        .map((l) => `${l.name} tfjs ${t.layer_params[l.name]} dimsum ${l.params}`);
      out.push(`params: tfjs ${t.total_params} (${t.trainable_params} trainable), dimsum ${d.total_params} ` +
        `(${d.trainable_params} trainable)${per.length ? '; per layer: ' + per.join(', ') : ''}`);
    }
  } else {
    // the oracle names the layer of the model itself (a nested model, a wrapper) where it fails
    const failing = t.error_layer || null;
    if (!failing) out.push(`tfjs fails at no particular layer (${t.error}); dimsum fails at ${[...errorLayers].join(', ')}`);
    else if (!errorLayers.has(failing)) {
      out.push(`failing layer: tfjs fails at ${failing} (${t.error}); dimsum reports errors at ${[...errorLayers].join(', ')}`);
    }
  }
  // every layer tfjs applied: the same output shape (of its first call) in dimsum
  const dimsumLayers = new Map(d.layers.map((l) => [l.name, l]));
  for (const [name, shape] of Object.entries(t.layer_shapes || {})) {
    const l = dimsumLayers.get(name);
    if (l && !same(l.output_shape, shape)) out.push(`layer ${name}: tfjs gives ${shapeText(shape)}, dimsum ${shapeText(l.output_shape)}`);
  }
  return out;
}

// One of: {kind: 'agree'} | {kind: 'deliberate', rule} | {kind: 'disagree', reasons}
function judge(model, t, d) {
  if (d.loadError) return { kind: 'disagree', reasons: [`dimsum could not check it: ${d.loadError}`] };
  for (const rule of RULES) {
    if (!rule.applies(model, t, d)) continue;
    const problems = rule.check(model, t, d);
    return problems.length ? { kind: 'disagree', reasons: problems.map((p) => `rule ${rule.id}: ${p}`) }
      : { kind: 'deliberate', rule: rule.id };
  }
  if (t.unsupported) {
    return { kind: 'disagree', reasons: [`tfjs cannot judge this model (${t.error}): the generator must not draw it`] };
  }
  const reasons = differences(t, d);
  return reasons.length ? { kind: 'disagree', reasons } : { kind: 'agree' };
}

// ---------------------------------------------------------------------------

function countBy(list, key) {
  const m = new Map();
  for (const x of list) m.set(key(x), (m.get(key(x)) || 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1]);
}

// How often each layer class occurs in a model file (nested and wrapped layers included).
const LAYER_CLASSES = new Set([...ALL_CLASSES, 'InputLayer', 'Sequential', 'Functional']);
function classesOf(doc, acc = new Map()) {
  if (Array.isArray(doc)) doc.forEach((x) => classesOf(x, acc));
  else if (doc && typeof doc === 'object') {
    if (LAYER_CLASSES.has(doc.class_name) && doc.config !== undefined) acc.set(doc.class_name, (acc.get(doc.class_name) || 0) + 1);
    Object.values(doc).forEach((x) => classesOf(x, acc));
  }
  return acc;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(o.dimsum)) usage(`no dimsum binary at ${o.dimsum}`);
  let oracle;
  try {
    oracle = require('./oracle.js');
  } catch (e) {
    process.stderr.write(`difftest: cannot load the oracle (${e.message}); run \`npm ci\` in ${__dirname}\n`);
    process.exit(2);
  }
  const started = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dimsum-difftest-'));
  const known = await knownClasses(o.dimsum, tmp);
  const active = activeTable(known);

  // generate and write every model
  const indices = o.only !== null ? [o.only] : Array.from({ length: o.count }, (_, i) => i);
  const models = indices.map((i) => {
    const m = generate(o.seed, i, active);
    m.file = path.join(tmp, `${m.id}.json`);
    fs.writeFileSync(m.file, JSON.stringify(m.doc, null, 1) + '\n');
    return m;
  });
  const generated = Date.now();

  // dimsum in a child process while tfjs builds in this one
  let dimsumDone = null;
  const dimsumRun = dimsumAll(o.dimsum, models, tmp).then((r) => { dimsumDone = Date.now(); return r; });
  await oracle.init();
  const tf = oracle.tf;
  const tfjsResults = [];
  for (const m of models) {
    const specs = oracle.parseArgs(m.args).specs;
    tfjsResults.push(await oracle.runOracle(m.doc, specs, { layers: true }));
    tf.disposeVariables(); // a model that failed half-built leaves its weights behind
    // let the event loop start the next dimsum run (tfjs' awaits resolve as microtasks only)
    await new Promise((resolve) => setImmediate(resolve));
  }
  const tfjsDone = Date.now();
  const dimsumResults = await dimsumRun;

  // compare
  const verdicts = models.map((m, i) => Object.assign({ model: m, tfjs: tfjsResults[i] }, judge(m, tfjsResults[i], dimsumResults[m.file])));
  const agree = verdicts.filter((v) => v.kind === 'agree');
  const deliberate = verdicts.filter((v) => v.kind === 'deliberate');
  const disagree = verdicts.filter((v) => v.kind === 'disagree');

  const line = (s) => process.stdout.write(s + '\n');
  const builds = tfjsResults.filter((r) => r.ok).length;
  line(`difftest: seed ${o.seed}, ${models.length} models ` +
    `(${models.filter((m) => m.meta.functional).length} functional, ${models.filter((m) => !m.meta.functional).length} sequential; ` +
    `${countBy(models, (m) => m.meta.dialect).map(([k, n]) => `${n} ${k}`).join(', ')})`);
  line(`  tfjs builds ${builds}, fails ${models.length - builds}`);
  line(`  agreements:             ${agree.length}`);
  line(`  deliberate differences: ${deliberate.length}` +
    (deliberate.length ? ` (${countBy(deliberate, (v) => v.rule).map(([k, n]) => `${k}: ${n}`).join(', ')})` : ''));
  line(`  disagreements:          ${disagree.length}`);
  if (o.verbose) {
    const classes = new Map();
    for (const m of models) for (const [k, n] of classesOf(m.doc)) classes.set(k, (classes.get(k) || 0) + n);
    line(`  layers drawn: ${[...classes.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`);
    const unused = ALL_CLASSES.filter((c) => !known.has(c));
    if (unused.length) line(`  table entries dimsum does not know yet (not drawn): ${unused.join(', ')}`);
    line(`  left out because tfjs cannot judge them: ${EXCLUDED.map(([what]) => what).join('; ')}`);
  }
  line(`  time: generate ${((generated - started) / 1000).toFixed(1)}s, tfjs ${((tfjsDone - generated) / 1000).toFixed(1)}s, ` +
    `dimsum ${((dimsumDone - generated) / 1000).toFixed(1)}s (in parallel), total ${((Date.now() - started) / 1000).toFixed(1)}s`);

  if (disagree.length) {
    const keep = o.keep || tmp;
    fs.mkdirSync(keep, { recursive: true });
    for (const v of disagree) {
      const m = v.model;
      if (keep !== tmp) fs.copyFileSync(m.file, path.join(keep, `${m.id}.json`));
      line(`DISAGREE ${m.id}: ${v.reasons.join('; ')}`);
      line(`  repeat: node ${path.relative(process.cwd(), __filename)} --dimsum ${o.dimsum} --seed ${o.seed} --only ${m.id.split('-')[1]} --verbose`);
      line(`  model:  ${path.join(keep, m.id + '.json')}${m.args.length ? '  args: ' + m.args.join(' ') : ''}`);
      if (o.verbose) line(`  tfjs:   ${JSON.stringify(v.tfjs)}`);
    }
    process.exit(1);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
}

main().catch((e) => {
  process.stderr.write(`difftest: ${e && e.stack ? e.stack : e}\n`);
  process.exit(2);
});
