'use strict';
// Rewrites a generated tf.keras 2 model config as Keras 3's model.to_json() writes it, so that
// the differential test reads random graphs in that dialect too: module/registered_name keys,
// dtype policies, InputLayer batch_shape, inbound nodes as {args, kwargs} holding
// __keras_tensor__ objects, and Keras 3's numbering of the calls of nested models.

const POLICY = () => ({ module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null });

const isModel = (cls) => cls === 'Sequential' || cls === 'Functional';

// Keras 3 cannot write a Sequential whose first layer carries the input shape (it turns that
// into an InputLayer): such models stay in their dialect.
function writable(doc) {
  let ok = true;
  (function walk(m) {
    if (m.class_name === 'Sequential') {
      const first = m.config.layers[0];
      if (first.class_name !== 'InputLayer' && 'batch_input_shape' in first.config) ok = false;
    }
    if (isModel(m.class_name)) m.config.layers.forEach(walk);
  })(doc);
  return ok;
}

function wrap(cls, config) {
  if (cls === 'Sequential') return { module: 'keras', class_name: cls, config, registered_name: null };
  if (cls === 'Functional') return { module: 'keras.src.models.functional', class_name: cls, config, registered_name: 'Functional' };
  return { module: 'keras.layers', class_name: cls, config, registered_name: null };
}

function layerConfig(cls, c, ctx) {
  if (cls === 'Sequential') return { name: c.name, trainable: true, dtype: POLICY(), layers: c.layers.map((l) => layer(l, ctx)) };
  if (cls === 'Functional') return functionalConfig(c, ctx);
  if (cls === 'InputLayer') return { batch_shape: c.batch_input_shape, dtype: c.dtype, sparse: false, name: c.name };
  const out = {};
  for (const [k, v] of Object.entries(c)) {
    if (k === 'dtype') out.dtype = POLICY();
    else if (k === 'layer') out.layer = wrap(v.class_name, layerConfig(v.class_name, v.config, ctx));
    else out[k] = v;
  }
  if (cls === 'Bidirectional') {
    // Keras 3 writes both directions; the backward one reads the sequence the other way
    const inner = c.layer.config;
    const backward = Object.assign({}, inner, { name: `backward_${inner.name}`, go_backwards: !inner.go_backwards });
    out.backward_layer = wrap(c.layer.class_name, layerConfig(c.layer.class_name, backward, ctx));
  }
  return out;
}

// Keras 3 numbers the first call of a nested Sequential 0 (tf.keras 2: 1), and of a nested
// Functional 0 where a layer uses it but 1 in output_layers.
function shifts(layers) {
  const m = new Map();
  for (const l of layers) {
    if (l.class_name === 'Sequential') m.set(l.name, { args: 1, outputs: 1 });
    if (l.class_name === 'Functional') m.set(l.name, { args: 1, outputs: 0 });
  }
  return m;
}

function functionalConfig(c, ctx) {
  const shift = shifts(c.layers);
  const move = (ref, kind) => (shift.has(ref[0]) ? [ref[0], ref[1] - shift.get(ref[0])[kind], ref[2]] : ref.slice(0, 3));
  const layers = c.layers.map((l) => {
    const out = layer(l, ctx);
    out.name = l.name;
    out.inbound_nodes = l.inbound_nodes.map((call) => {
      const tensors = call.map((ref) => ({
        class_name: '__keras_tensor__',
        config: { shape: ctx.shapes.get(ref.slice(0, 3).join('/')) || null, dtype: 'float32', keras_history: move(ref, 'args') },
      }));
      return { args: [ctx.merges.has(l.class_name) ? tensors : tensors[0]], kwargs: {} };
    });
    return out;
  });
  return {
    name: c.name, trainable: true, layers,
    input_layers: c.input_layers.map((r) => r.slice(0, 3)),
    output_layers: c.output_layers.map((r) => move(r, 'outputs')),
  };
}

function layer(l, ctx) {
  return wrap(l.class_name, layerConfig(l.class_name, l.config, ctx));
}

// doc: a generated tf.keras 2 model; shapes: Map "layer/node/tensor" -> shape (tf.keras 2
// numbering) for the __keras_tensor__ objects; merges: the classes called on a list.
function toKeras3(doc, shapes, merges) {
  const out = layer(doc, { shapes, merges });
  out.build_config = { input_shape: null };
  if (doc.class_name === 'Functional') out.compile_config = null;
  return out;
}

module.exports = { toKeras3, writable };
