#!/usr/bin/env node
'use strict';
// TensorFlow's ops in model configs (tf.keras 2's TFOpLambda and SlicingOpLambda, read by
// src/layers/tf_ops.cc with the rules of src/ops/) checked against TensorFlow.js, which runs the
// same op on tensors of zeros: each case is one op on inputs of known shapes, written as
// tf.keras 2's model.to_json() writes it; dimsum must give tfjs' output shapes when tfjs runs
// the op, and an error at the op when tfjs throws. The inputs of a case share their first size
// (dimsum checks that a model's inputs can take one batch). Not here: tf.pad with fewer pairs than
// axes, which tfjs 4.22 pads as far as the pairs go and TensorFlow rejects (tests/unit/ops_test.cc).
//
//   node ops_test.js --dimsum PATH [--verbose]
//
// Exit status: 0 all agree; 1 a disagreement (each listed); 2 cannot run.

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

let tf;
try {
  tf = require('@tensorflow/tfjs');
} catch (e) {
  process.stderr.write('ops_test: @tensorflow/tfjs is not installed (npm ci in tests/oracle)\n');
  process.exit(2);
}

const ref = (name) => ({ $: name });  // a tensor argument passed by keyword

// name, the inputs' shapes (x, y, z in order), the op's function name, the first argument ('x',
// or a list of input names), the keyword arguments, the number of outputs, and the same op in
// tfjs on tensors t.x, t.y, t.z (int32 zeros for inputs named in `ints`).
const CASES = [
  // tf.reshape: one -1, the batch axis included
  ['reshape_infer', [[2, 10, 4]], 'reshape', 'x', { shape: [-1, 8] }, 1, (t) => tf.reshape(t.x, [-1, 8])],
  ['reshape_middle', [[2, 10, 4]], 'reshape', 'x', { shape: [4, -1, 5] }, 1, (t) => tf.reshape(t.x, [4, -1, 5])],
  ['reshape_count', [[2, 10, 4]], 'reshape', 'x', { shape: [3, 15] }, 1, (t) => tf.reshape(t.x, [3, 15])],
  ['reshape_indivisible', [[2, 16]], 'reshape', 'x', { shape: [-1, 5] }, 1, (t) => tf.reshape(t.x, [-1, 5])],
  // tf.concat, tf.stack
  ['concat', [[2, 3], [2, 5]], 'concat', ['x', 'y'], { axis: 1 }, 1, (t) => tf.concat([t.x, t.y], 1)],
  ['concat_batch', [[2, 3], [2, 3]], 'concat', ['x', 'y'], { axis: 0 }, 1, (t) => tf.concat([t.x, t.y], 0)],
  ['concat_negative_axis', [[2, 3, 2], [2, 3, 4]], 'concat', ['x', 'y'], { axis: -1 }, 1, (t) => tf.concat([t.x, t.y], -1)],
  ['concat_mismatch', [[2, 3, 2], [2, 5, 4]], 'concat', ['x', 'y'], { axis: 1 }, 1, (t) => tf.concat([t.x, t.y], 1)],
  ['concat_rank', [[2, 3], [2, 3, 1]], 'concat', ['x', 'y'], { axis: 1 }, 1, (t) => tf.concat([t.x, t.y], 1)],
  ['concat_axis_range', [[2, 3], [2, 3]], 'concat', ['x', 'y'], { axis: 2 }, 1, (t) => tf.concat([t.x, t.y], 2)],
  ['stack', [[2, 3], [2, 3]], 'stack', ['x', 'y'], { axis: 1 }, 1, (t) => tf.stack([t.x, t.y], 1)],
  ['stack_last', [[2, 3], [2, 3], [2, 3]], 'stack', ['x', 'y', 'z'], { axis: -1 }, 1, (t) => tf.stack([t.x, t.y, t.z], -1)],
  ['stack_mismatch', [[2, 3], [2, 4]], 'stack', ['x', 'y'], { axis: 0 }, 1, (t) => tf.stack([t.x, t.y], 0)],
  // tf.squeeze, tf.expand_dims, tf.transpose
  ['squeeze_axis', [[2, 1, 3]], 'squeeze', 'x', { axis: [1] }, 1, (t) => tf.squeeze(t.x, [1])],
  ['squeeze_all', [[2, 1, 3, 1]], 'squeeze', 'x', {}, 1, (t) => tf.squeeze(t.x)],
  ['squeeze_not_one', [[2, 4, 3]], 'squeeze', 'x', { axis: [1] }, 1, (t) => tf.squeeze(t.x, [1])],
  ['expand_dims_last', [[2, 3]], 'expand_dims', 'x', { axis: -1 }, 1, (t) => tf.expandDims(t.x, -1)],
  ['expand_dims_end', [[2, 3]], 'expand_dims', 'x', { axis: 2 }, 1, (t) => tf.expandDims(t.x, 2)],
  ['expand_dims_range', [[2, 3]], 'expand_dims', 'x', { axis: 3 }, 1, (t) => tf.expandDims(t.x, 3)],
  ['transpose_perm', [[2, 3, 4]], 'transpose', 'x', { perm: [0, 2, 1] }, 1, (t) => tf.transpose(t.x, [0, 2, 1])],
  ['transpose_reverse', [[2, 3, 4]], 'transpose', 'x', {}, 1, (t) => tf.transpose(t.x)],
  ['transpose_short', [[2, 3, 4]], 'transpose', 'x', { perm: [2, 1] }, 1, (t) => tf.transpose(t.x, [2, 1])],
  // tf.tile, tf.pad
  ['tile', [[2, 3]], 'tile', 'x', { multiples: [2, 3] }, 1, (t) => tf.tile(t.x, [2, 3])],
  ['tile_short', [[2, 3]], 'tile', 'x', { multiples: [2] }, 1, (t) => tf.tile(t.x, [2])],
  ['pad', [[2, 3]], 'pad', 'x', { paddings: [[1, 2], [0, 3]] }, 1, (t) => tf.pad(t.x, [[1, 2], [0, 3]])],
  // tf.gather
  ['gather', [[5, 4], [5, 3]], 'gather', 'x', { indices: ref('y') }, 1, (t) => tf.gather(t.x, t.y), ['y']],
  ['gather_axis', [[5, 4], [5, 3]], 'gather', 'x', { indices: ref('y'), axis: 1 }, 1, (t) => tf.gather(t.x, t.y, 1), ['y']],
  ['gather_batch_dims', [[2, 5, 4], [2, 3]], 'gather', 'x', { indices: ref('y'), axis: 1, batch_dims: 1 }, 1,
    (t) => tf.gather(t.x, t.y, 1, 1), ['y']],
  ['gather_batch_dims_axis2', [[2, 5, 4], [2, 3]], 'gather', 'x', { indices: ref('y'), axis: 2, batch_dims: 1 }, 1,
    (t) => tf.gather(t.x, t.y, 2, 1), ['y']],
  // tf.split, tf.unstack
  ['split_equal', [[2, 6]], 'split', 'x', { num_or_size_splits: 3, axis: 1 }, 3, (t) => tf.split(t.x, 3, 1)],
  ['split_sizes', [[2, 6]], 'split', 'x', { num_or_size_splits: [1, 2, 3], axis: 1 }, 3, (t) => tf.split(t.x, [1, 2, 3], 1)],
  ['split_rest', [[2, 6]], 'split', 'x', { num_or_size_splits: [1, -1], axis: -1 }, 2, (t) => tf.split(t.x, [1, -1], -1)],
  ['split_unequal', [[2, 6]], 'split', 'x', { num_or_size_splits: 4, axis: 1 }, 4, (t) => tf.split(t.x, 4, 1)],
  ['split_sizes_sum', [[2, 6]], 'split', 'x', { num_or_size_splits: [1, 2], axis: 1 }, 2, (t) => tf.split(t.x, [1, 2], 1)],
  ['unstack', [[2, 3, 4]], 'unstack', 'x', { axis: 1 }, 3, (t) => tf.unstack(t.x, 1)],
  // tf.one_hot, tf.math.top_k, reductions
  ['one_hot', [[2, 3]], 'one_hot', 'x', { depth: 5 }, 1, (t) => tf.oneHot(t.x, 5), ['x']],
  ['top_k', [[2, 5]], 'math.top_k', 'x', { k: 3 }, 2, (t) => { const r = tf.topk(t.x, 3); return [r.values, r.indices]; }],
  ['top_k_too_many', [[2, 5]], 'math.top_k', 'x', { k: 6 }, 2, (t) => { const r = tf.topk(t.x, 6); return [r.values, r.indices]; }],
  ['reduce_sum_keepdims', [[2, 3, 4]], 'math.reduce_sum', 'x', { axis: [1, 2], keepdims: true }, 1, (t) => tf.sum(t.x, [1, 2], true)],
  ['reduce_mean', [[2, 3, 4]], 'math.reduce_mean', 'x', { axis: -1 }, 1, (t) => tf.mean(t.x, -1)],
  ['reduce_max_range', [[2, 3]], 'math.reduce_max', 'x', { axis: 2 }, 1, (t) => tf.max(t.x, 2)],
  ['argmax', [[2, 3, 4]], 'math.argmax', 'x', { axis: -1 }, 1, (t) => tf.argMax(t.x, -1)],
  // tf.linalg.matmul, tf.einsum
  ['matmul', [[2, 3, 4], [2, 4, 5]], 'linalg.matmul', 'x', { b: ref('y') }, 1, (t) => tf.matMul(t.x, t.y)],
  ['matmul_transpose_b', [[2, 3, 4], [2, 5, 4]], 'linalg.matmul', 'x', { b: ref('y'), transpose_b: true }, 1,
    (t) => tf.matMul(t.x, t.y, false, true)],
  ['matmul_transpose_a', [[2, 4, 3], [2, 4, 5]], 'linalg.matmul', 'x', { b: ref('y'), transpose_a: true }, 1,
    (t) => tf.matMul(t.x, t.y, true, false)],
  ['matmul_broadcast', [[2, 1, 3, 4], [2, 5, 4, 6]], 'linalg.matmul', 'x', { b: ref('y') }, 1, (t) => tf.matMul(t.x, t.y)],
  ['matmul_mismatch', [[2, 3, 4], [2, 5, 4]], 'linalg.matmul', 'x', { b: ref('y') }, 1, (t) => tf.matMul(t.x, t.y)],
  ['einsum_matmul', [[3, 3], [3, 5]], 'einsum', ['x', 'y'], { equation: 'ij,jk->ik' }, 1, (t) => tf.einsum('ij,jk->ik', t.x, t.y)],
  ['einsum_batch', [[4, 2, 3], [4, 3, 5]], 'einsum', ['x', 'y'], { equation: 'bij,bjk->bik' }, 1,
    (t) => tf.einsum('bij,bjk->bik', t.x, t.y)],
  ['einsum_transpose', [[2, 3]], 'einsum', ['x'], { equation: 'ij->ji' }, 1, (t) => tf.einsum('ij->ji', t.x)],
  ['einsum_sum', [[2, 3]], 'einsum', ['x'], { equation: 'ij->i' }, 1, (t) => tf.einsum('ij->i', t.x)],
  ['einsum_outer', [[2], [2]], 'einsum', ['x', 'y'], { equation: 'i,j->ij' }, 1, (t) => tf.einsum('i,j->ij', t.x, t.y)],
  ['einsum_mismatch', [[2, 3], [4, 5]], 'einsum', ['x', 'y'], { equation: 'ij,jk->ik' }, 1, (t) => tf.einsum('ij,jk->ik', t.x, t.y)],
  ['einsum_rank', [[2, 3, 1], [3, 5]], 'einsum', ['x', 'y'], { equation: 'ij,jk->ik' }, 1, (t) => tf.einsum('ij,jk->ik', t.x, t.y)],
  // broadcasting, slicing, image.resize
  ['add_broadcast', [[4, 3, 1], [4]], '__operators__.add', 'x', { y: ref('y') }, 1, (t) => tf.add(t.x, t.y)],
  ['add_mismatch', [[2, 3], [4]], '__operators__.add', 'x', { y: ref('y') }, 1, (t) => tf.add(t.x, t.y)],
  ['getitem_slice', [[2, 5, 3]], '__operators__.getitem', 'x',
    { slice_spec: [{ start: null, stop: null, step: null }, { start: 1, stop: 3, step: null }] }, 1,
    (t) => tf.stridedSlice(t.x, [0, 1], [0, 3], [1, 1], 1, 1)],
  ['getitem_index', [[2, 5, 3]], '__operators__.getitem', 'x',
    { slice_spec: [{ start: null, stop: null, step: null }, 4] }, 1,
    (t) => tf.stridedSlice(t.x, [0, 4], [0, 5], [1, 1], 1, 1, 0, 0, 2)],
  ['getitem_step', [[2, 10, 3]], '__operators__.getitem', 'x',
    { slice_spec: [{ start: null, stop: null, step: null }, { start: 1, stop: -1, step: 3 }] }, 1,
    (t) => tf.stridedSlice(t.x, [0, 1], [0, -1], [1, 3], 1, 1)],
  ['image_resize', [[2, 8, 8, 3]], 'image.resize', 'x', { size: [5, 7] }, 1, (t) => tf.image.resizeBilinear(t.x, [5, 7])],
];

function parseArgs(argv) {
  const o = { dimsum: null, verbose: false };
  for (let i = 0; i < argv.length; ++i) {
    if (argv[i] === '--dimsum') o.dimsum = argv[++i];
    else if (argv[i] === '--verbose') o.verbose = true;
    else { process.stderr.write(`ops_test: unknown argument ${argv[i]}\n`); process.exit(2); }
  }
  if (!o.dimsum) { process.stderr.write('usage: node ops_test.js --dimsum PATH [--verbose]\n'); process.exit(2); }
  return o;
}

const NAMES = ['x', 'y', 'z'];

// The kwargs as tf.keras 2 writes them: a tensor as [layer, node, index].
function kwargsJson(kwargs) {
  const out = {};
  for (const [k, v] of Object.entries(kwargs)) out[k] = v && v.$ ? [v.$, 0, 0] : v;
  return out;
}

function model([name, shapes, fn, first, kwargs, outputs]) {
  const layers = shapes.map((shape, i) => ({
    class_name: 'InputLayer', name: NAMES[i], inbound_nodes: [],
    config: { name: NAMES[i], batch_input_shape: shape, dtype: 'float32' },
  }));
  const k = kwargsJson(kwargs);
  const node = Array.isArray(first) ? first.map((n) => [n, 0, 0, k]) : [first, 0, 0, k];
  const cls = fn === '__operators__.getitem' ? 'SlicingOpLambda' : 'TFOpLambda';
  layers.push({ class_name: cls, name: 'op', inbound_nodes: [node],
    config: { name: 'op', trainable: true, dtype: 'float32', function: fn } });
  return { class_name: 'Functional', config: { name, layers,
    input_layers: shapes.map((_, i) => [NAMES[i], 0, 0]),
    output_layers: Array.from({ length: outputs }, (_, i) => ['op', 0, i]) } };
}

// tfjs' verdict: the output shapes, or the error it throws.
function tfjs([, shapes, , , , , run, ints = []]) {
  const t = {};
  shapes.forEach((shape, i) => { t[NAMES[i]] = tf.zeros(shape, ints.includes(NAMES[i]) ? 'int32' : 'float32'); });
  try {
    const r = run(t);
    return { ok: true, shapes: (Array.isArray(r) ? r : [r]).map((x) => x.shape) };
  } catch (e) {
    return { ok: false, error: e.message };
  }
}

function main() {
  const o = parseArgs(process.argv.slice(2));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dimsum-ops-'));
  const files = CASES.map((c) => {
    const file = path.join(dir, `${c[0]}.json`);
    fs.writeFileSync(file, JSON.stringify(model(c)));
    return file;
  });
  const run = spawnSync(o.dimsum, ['check', ...files, '--format', 'json', '--color', 'never'], { encoding: 'utf8' });
  if (run.status === null || run.status > 1) {
    process.stderr.write(`ops_test: dimsum failed (status ${run.status}): ${run.stderr}\n`);
    process.exit(2);
  }
  const parsed = JSON.parse(run.stdout);
  const results = {};
  for (const r of Array.isArray(parsed) ? parsed : [parsed]) results[r.file] = r;
  const text = (s) => JSON.stringify(s);
  let failures = 0;
  CASES.forEach((c, i) => {
    const d = results[files[i]];
    const t = tfjs(c);
    const opErrors = (d.diagnostics || []).filter((x) => x.severity === 'error' && x.layer === 'op');
    let problem = null;
    if (t.ok && !d.ok) problem = `tfjs gives ${text(t.shapes)}, dimsum fails: ${(d.diagnostics[0] || {}).message}`;
    else if (t.ok && text(t.shapes) !== text(d.output_shapes))
      problem = `tfjs gives ${text(t.shapes)}, dimsum ${text(d.output_shapes)}`;
    else if (!t.ok && opErrors.length === 0)
      problem = `tfjs fails (${t.error}), dimsum gives ${text(d.output_shapes)} without an error at the op`;
    if (problem) {
      ++failures;
      process.stdout.write(`DISAGREE ${c[0]}: ${problem}\n`);
    } else if (o.verbose) {
      process.stdout.write(`agree ${c[0]}: ${t.ok ? text(t.shapes) : 'fails: ' + opErrors[0].message}\n`);
    }
  });
  fs.rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`${CASES.length - failures} of ${CASES.length} ops agree with TensorFlow.js\n`);
  process.exit(failures ? 1 : 0);
}

main();
