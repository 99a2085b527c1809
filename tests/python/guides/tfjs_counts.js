// The parameter counts and output shapes worked out by hand in this folder's programs,
// recomputed by TensorFlow.js (tests/oracle's @tensorflow/tfjs 4.22.0) from the same layers laid
// out as functional models. tfjs has no Layer subclasses here: each custom layer is spelt out
// as the layers it holds (Affine as a Dense of the same size, which has the same two weights;
// Sampling has no weights). tfjs has no MultiHeadAttention, so the transformer's count here
// leaves it out (its 4,224 is worked out from Keras' source in transformer_classifier.py).
// It also makes the seeded bug of each *_bug.py that tfjs can express, each of which must throw.
// Run: node tests/python/guides/tfjs_counts.js   (exit 1 when a count, shape or bug differs)
const path = require('path');
const tf = require(
    path.join(__dirname, '..', '..', 'oracle', 'node_modules', '@tensorflow', 'tfjs'));
const L = tf.layers;
// Only the weights' shapes matter here: zeros spare the pure-JS orthogonal initializer, which
// takes seconds on a recurrent kernel of 128 x 512.
const lstm = (options) => L.lstm({recurrentInitializer: 'zeros', ...options});

function mnistSubclassed() {
  const images = tf.input({shape: [28, 28, 1]});
  const coarse = L.conv2d({filters: 16, kernelSize: 3, activation: 'relu'}).apply(images);
  const fine = L.conv2d({filters: 16, kernelSize: 3, padding: 'same'}).apply(coarse);
  let x = L.concatenate({axis: -1}).apply([coarse, fine]);
  x = L.maxPooling2d({poolSize: 2}).apply(x);
  x = L.conv2d({filters: 32, kernelSize: 3}).apply(x);
  x = L.flatten().apply(x);
  x = L.dropout({rate: 0.3}).apply(x);
  return tf.model({inputs: images, outputs: L.dense({units: 10}).apply(x)});
}

function residualUnit(x, filters) {
  let shortcut = x;
  if (x.shape[x.shape.length - 1] !== filters) {
    shortcut = L.conv2d({filters, kernelSize: 1}).apply(x);
  }
  let y = L.conv2d({filters, kernelSize: 3, padding: 'same'}).apply(x);
  y = L.conv2d({filters, kernelSize: 3, padding: 'same'}).apply(y);
  return L.add().apply([y, shortcut]);
}

function residualLayer() {
  const inputs = tf.input({shape: [32, 32, 3]});
  let x = L.conv2d({filters: 24, kernelSize: 3, padding: 'same'}).apply(inputs);
  x = residualUnit(x, 24);
  x = L.maxPooling2d({poolSize: 2}).apply(x);
  x = residualUnit(x, 48);
  x = L.globalAveragePooling2d({}).apply(x);
  return tf.model({inputs, outputs: L.dense({units: 10}).apply(x)});
}

function transformerWithoutAttention() {
  const ids = tf.input({shape: [120]});
  const tokens = L.embedding({inputDim: 5000, outputDim: 32}).apply(ids);
  const positions = L.embedding({inputDim: 120, outputDim: 32}).apply(ids);  // 120*32 weights
  let x = L.add().apply([tokens, positions]);
  x = L.layerNormalization({axis: -1}).apply(x);
  let f = L.dense({units: 64}).apply(x);
  f = L.dense({units: 32}).apply(f);
  x = L.layerNormalization({axis: -1}).apply(L.add().apply([x, f]));
  x = L.globalAveragePooling1d({}).apply(x);
  x = L.dense({units: 20}).apply(x);
  return tf.model({inputs: ids, outputs: L.dense({units: 2}).apply(x)});
}

function encoder() {
  const image = tf.input({shape: [28, 28, 1]});
  let h = L.conv2d({filters: 16, kernelSize: 3, strides: 2, padding: 'same'}).apply(image);
  h = L.conv2d({filters: 32, kernelSize: 3, strides: 2, padding: 'same'}).apply(h);
  h = L.flatten().apply(h);
  h = L.dense({units: 24}).apply(h);
  const mean = L.dense({units: 3}).apply(h);
  const logVar = L.dense({units: 3}).apply(h);
  return tf.model({inputs: image, outputs: [mean, logVar]});
}

function decoder() {
  const code = tf.input({shape: [3]});
  let g = L.dense({units: 7 * 7 * 32}).apply(code);
  g = L.reshape({targetShape: [7, 7, 32]}).apply(g);
  g = L.conv2dTranspose({filters: 32, kernelSize: 3, strides: 2, padding: 'same'}).apply(g);
  g = L.conv2dTranspose({filters: 16, kernelSize: 3, strides: 2, padding: 'same'}).apply(g);
  g = L.conv2dTranspose({filters: 1, kernelSize: 3, padding: 'same'}).apply(g);
  return tf.model({inputs: code, outputs: g});
}

function dictInputs() {
  const title = tf.input({shape: [12], name: 'title'});
  const tags = tf.input({shape: [30], name: 'tags'});
  const price = tf.input({shape: [1], name: 'price'});
  let t = L.embedding({inputDim: 1000, outputDim: 8}).apply(title);
  t = L.globalAveragePooling1d({}).apply(t);
  const g = L.dense({units: 8}).apply(tags);
  let x = L.concatenate().apply([t, g, price]);
  x = L.dense({units: 16}).apply(x);
  return tf.model({inputs: [title, tags, price], outputs: L.dense({units: 1}).apply(x)});
}

function seq2seq() {
  const source = tf.input({shape: [15]});
  const s = L.embedding({inputDim: 800, outputDim: 32}).apply(source);
  const [, h, c] = lstm({units: 64, returnState: true}).apply(s);
  const target = tf.input({shape: [12]});
  const t = L.embedding({inputDim: 900, outputDim: 32}).apply(target);
  const [decoded] = lstm({units: 64, returnSequences: true, returnState: true})
                        .apply(t, {initialState: [h, c]});
  return tf.model({inputs: [source, target], outputs: L.dense({units: 900}).apply(decoded)});
}

const expected = [
  ['mnist_subclassed.py', mnistSubclassed, 50458, [null, 10]],
  ['residual_layer.py', residualLayer, 43978, [null, 10]],
  ['transformer_classifier.py without attention', transformerWithoutAttention,
   173086 - 4224, [null, 2]],
  ['vae.py encoder', encoder, 42606, [null, 3]],
  ['vae.py decoder', decoder, 20289, [null, 28, 28, 1]],
  ['dict_inputs.py', dictInputs, 8553, [null, 1]],
  ['seq2seq.py', seq2seq, 162564, [null, 12, 900]],
];
let failed = 0;
for (const [name, make, params, shape] of expected) {
  const model = make();
  const got = model.countParams();
  const out = JSON.stringify(model.outputs[0].shape);
  const ok = got === params && out === JSON.stringify(shape);
  if (!ok) failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${got} params (hand: ${params}), output ${out}`);
}
const bugs = [
  ['mnist_subclassed_bug.py: concat of 26 and 24 high maps', () => L.concatenate({axis: -1})
       .apply([tf.input({shape: [26, 26, 16]}), tf.input({shape: [24, 24, 16]})])],
  ['residual_layer_bug.py: 48 + 24 channels', () => L.add()
       .apply([tf.input({shape: [16, 16, 48]}), tf.input({shape: [16, 16, 24]})])],
  ['transformer_classifier_bug.py: 32 + 64 features', () => L.add()
       .apply([tf.input({shape: [120, 32]}), tf.input({shape: [120, 64]})])],
  ['vae_bug.py: (2, 24) @ (3, 24)', () => tf.matMul(tf.zeros([2, 24]), tf.zeros([3, 24]))],
  ['dict_inputs_bug.py: concatenate on axis 0', () => L.concatenate({axis: 0})
       .apply([tf.input({shape: [8]}), tf.input({shape: [8]}), tf.input({shape: [1]})])],
  ['seq2seq_bug.py: 64-wide states for 128 units', () => {
    const [, h, c] = lstm({units: 64, returnState: true}).apply(tf.input({shape: [15, 32]}));
    lstm({units: 128, returnSequences: true}).apply(tf.input({shape: [12, 32]}),
                                                    {initialState: [h, c]});
  }],
];
for (const [name, make] of bugs) {
  let message = null;
  try {
    make();
  } catch (e) {
    message = e.message.split('\n')[0].slice(0, 160);
  }
  if (message === null) failed++;
  console.log(`${message === null ? 'FAIL' : 'ok  '} ${name}: ${message || 'no error'}`);
}
process.exit(failed ? 1 : 0);
