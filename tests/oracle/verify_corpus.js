#!/usr/bin/env node
'use strict';
// Checks the corpus against TensorFlow.js: for every NAME.expect.json whose
// "oracle" is "tfjs", builds NAME.json with the oracle (in this process, so
// the whole corpus takes seconds) and compares the verdict, the output shapes,
// the parameter counts and the failing layer with the expectation. Every
// expectation file is also checked for form (keys, cause vocabulary, a model
// file beside it), keras-docs ones included.
//
//   node verify_corpus.js CORPUS_DIR [--verbose]
//
// Exit status: 0 all agree; 1 a mismatch or a malformed case (each listed);
// 2 cannot run (no such directory, tfjs not installed: run npm ci here).

const fs = require('fs');
const path = require('path');

const CAUSES = ['incorrect reshaping', 'incompatible input data', 'layer misconfiguration', 'incorrect batch size'];
const ORACLES = ['tfjs', 'keras-docs'];

function walk(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile() && e.name.endsWith('.json')) out.push(p);
  }
  return out;
}

const isInt = (v) => Number.isInteger(v) && v >= 0;
const isShape = (s) => Array.isArray(s) && s.every((d) => d === null || isInt(d));

// problems with the form of one expectation
function checkForm(e) {
  const p = [];
  if (!e || typeof e !== 'object' || Array.isArray(e)) return ['not a JSON object'];
  if (!Array.isArray(e.args) || !e.args.every((a) => typeof a === 'string')) p.push('"args" must be a list of strings');
  if (e.exit !== 0 && e.exit !== 1) p.push('"exit" must be 0 or 1');
  if (!ORACLES.includes(e.oracle)) p.push(`"oracle" must be one of ${ORACLES.join(', ')}`);
  if (typeof e.why !== 'string' || !e.why.trim()) p.push('"why" must say where the expectation comes from');
  if (e.exit === 0) {
    if (!Array.isArray(e.output_shapes) || !e.output_shapes.every((s) => s === null || isShape(s))) {
      p.push('"output_shapes" must be a list of shapes (null for unknown sizes)');
    }
    if (!isInt(e.total_params)) p.push('"total_params" must be a count');
    if (!isInt(e.trainable_params)) p.push('"trainable_params" must be a count');
    if (isInt(e.total_params) && isInt(e.trainable_params) && e.trainable_params > e.total_params) {
      p.push('"trainable_params" exceeds "total_params"');
    }
  } else if (e.exit === 1) {
    if (!Array.isArray(e.error_layers) || !e.error_layers.length || !e.error_layers.every((n) => typeof n === 'string')) {
      p.push('"error_layers" must name at least one layer');
    }
    if (!CAUSES.includes(e.cause)) p.push(`"cause" must be one of: ${CAUSES.join(' | ')}`);
  }
  return p;
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

async function main() {
  const argv = process.argv.slice(2);
  const verbose = argv.includes('--verbose') || argv.includes('-v');
  const dirs = argv.filter((a) => !a.startsWith('-'));
  if (dirs.length !== 1) {
    process.stderr.write('usage: node verify_corpus.js CORPUS_DIR [--verbose]\n');
    process.exit(2);
  }
  const root = path.resolve(dirs[0]);
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
    process.stderr.write(`verify_corpus: ${dirs[0]}: no such directory\n`);
    process.exit(2);
  }
  let oracle;
  try {
    oracle = require('./oracle.js');
  } catch (e) {
    process.stderr.write(`verify_corpus: cannot load the oracle (${e.message}); run \`npm ci\` in ${__dirname}\n`);
    process.exit(2);
  }
  await oracle.init();

  const files = walk(root);
  const expects = files.filter((f) => f.endsWith('.expect.json'));
  const models = new Set(files.filter((f) => !f.endsWith('.expect.json')));
  const failures = [];
  let passed = 0;
  let skipped = 0;
  const started = Date.now();

  for (const ef of expects) {
    const mf = ef.slice(0, -'.expect.json'.length) + '.json';
    const id = path.relative(root, mf);
    models.delete(mf);
    let e;
    let doc;
    try {
      e = JSON.parse(fs.readFileSync(ef, 'utf8'));
    } catch (err) {
      failures.push(`${id}: expectation file: ${err.message}`);
      continue;
    }
    const form = checkForm(e);
    if (!fs.existsSync(mf)) form.push('no model file beside the expectation');
    else {
      try {
        doc = JSON.parse(fs.readFileSync(mf, 'utf8'));
      } catch (err) {
        form.push(`model file: ${err.message}`);
      }
    }
    if (form.length) {
      failures.push(`${id}: ${form.join('; ')}`);
      continue;
    }
    if (e.oracle !== 'tfjs') {
      skipped++;
      if (verbose) process.stdout.write(`skip  ${id} (keras-docs)\n`);
      continue;
    }
    let specs;
    try {
      specs = oracle.parseArgs(e.args).specs;
    } catch (err) {
      failures.push(`${id}: args: ${err.message}`);
      continue;
    }
    const r = await oracle.runOracle(doc, specs);
    const bad = [];
    if (r.unsupported) {
      bad.push(`tfjs cannot judge this model (${r.error}); mark it "keras-docs"`);
    } else if (r.ok !== (e.exit === 0)) {
      bad.push(e.exit === 0 ? `expected it to build, tfjs fails: ${r.error}`
        : `expected a failure at ${e.error_layers.join(', ')}, tfjs builds it: ${JSON.stringify(r.output_shapes)}`);
    } else if (r.ok) {
      if (!same(r.output_shapes, e.output_shapes)) {
        bad.push(`output_shapes: expected ${JSON.stringify(e.output_shapes)}, tfjs ${JSON.stringify(r.output_shapes)}`);
      }
      if (r.total_params !== e.total_params) bad.push(`total_params: expected ${e.total_params}, tfjs ${r.total_params}`);
      if (r.trainable_params !== e.trainable_params) {
        bad.push(`trainable_params: expected ${e.trainable_params}, tfjs ${r.trainable_params}`);
      }
    } else if (!e.error_layers.includes(r.error_layer)) {
      bad.push(`failing layer: expected one of ${e.error_layers.join(', ')}, tfjs fails first at ` +
        `${r.error_layer || '(no layer)'}: ${r.error}`);
    }
    if (bad.length) failures.push(`${id}: ${bad.join('; ')}`);
    else {
      passed++;
      if (verbose) process.stdout.write(`ok    ${id}\n`);
    }
  }
  for (const orphan of models) failures.push(`${path.relative(root, orphan)}: no NAME.expect.json beside it`);

  for (const f of failures) process.stdout.write(`MISMATCH ${f}\n`);
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(`tfjs oracle checked ${expects.length} cases in ${secs}s (${skipped} keras-docs not run)\n`);
  process.stdout.write(`corpus: ${passed} passed, ${failures.length} failed, ${skipped} skipped\n`);
  process.exit(failures.length ? 1 : 0);
}

main().catch((e) => {
  process.stderr.write(`verify_corpus: ${e && e.stack ? e.stack : e}\n`);
  process.exit(2);
});
