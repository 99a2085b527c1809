'use strict';
// TensorFlow.js creates the calls of a functional model's layers in passes over the layer list,
// and within a pass it goes on to a layer's later calls after one whose inputs do not exist yet;
// Keras stops at that call and resumes it in the next pass. A shared layer can then get its
// calls in another order than the config numbers them, and tfjs wires the model differently
// from Keras. This finds such a layer by running tfjs' passes over the config alone.

const isModel = (cls) => cls === 'Sequential' || cls === 'Functional' || cls === 'Model';

// A nested model built with an input starts with one call of its own (its construction).
function ownCalls(layer) {
  if (layer.class_name === 'InputLayer') return 1;
  if (!isModel(layer.class_name)) return 0;
  if (layer.class_name !== 'Sequential') return 1;
  const first = (layer.config.layers || [])[0];
  return first && (first.class_name === 'InputLayer' || first.config.batch_input_shape) ? 1 : 0;
}

// config: a tf.keras 2 Functional config ({layers, ...}); returns a layer name or null.
function callsOutOfOrder(config) {
  const layers = config.layers || [];
  const made = new Map(layers.map((l) => [l.name, ownCalls(l)]));
  const pending = new Map(layers.map((l) => [l.name, (l.inbound_nodes || []).map((node, k) => ({ node, k }))]));
  const order = new Map(layers.map((l) => [l.name, []]));
  const ready = (node) => node.every((ref) => made.has(ref[0]) && made.get(ref[0]) > ref[1]);
  for (let pass = 0; pass <= layers.length && [...pending.values()].some((p) => p.length); pass++) {
    for (const l of layers) {
      const waiting = pending.get(l.name);
      pending.set(l.name, []);
      for (const call of waiting) {
        if (!ready(call.node)) { pending.get(l.name).push(call); continue; }
        made.set(l.name, made.get(l.name) + 1);
        order.get(l.name).push(call.k);
      }
    }
  }
  for (const [name, ks] of order) if (ks.some((k, i) => i > 0 && k < ks[i - 1])) return name;
  for (const l of layers) {
    if (isModel(l.class_name) && l.config && Array.isArray(l.config.layers) && l.class_name !== 'Sequential') {
      const inner = callsOutOfOrder(l.config);
      if (inner) return inner;
    }
  }
  return null;
}

module.exports = { callsOutOfOrder };
