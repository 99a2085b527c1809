'use strict';
// The deliberate differences between dimsum and TensorFlow.js that the differential test
// (difftest.js) accepts, each decided by a rule on the model and the two results, never by a
// list of models. Every rule is a row of docs/semantics.md; `row` names it.
//
//   {
//     id, row,                    a short name; the row of docs/semantics.md
//     applies(model, tfjs, dimsum) -> bool      the situation the row describes
//     check(model, tfjs, dimsum) -> [problem]   what dimsum must do then (empty: it does)
//   }
//
// model: {doc, args, meta} from generate.js; tfjs: oracle.runOracle's result; dimsum: the
// object dimsum printed for the model (--format json).

const { declaredOf } = require('./generate.js');

const errors = (d) => d.diagnostics.filter((x) => x.severity === 'error');

// --input-shape values of a model: [{name, shape}] in order
function dataShapes(model) {
  const out = [];
  for (let i = 0; i + 1 < model.args.length; i += 2) {
    if (model.args[i] !== '--input-shape') continue;
    const spec = model.args[i + 1];
    const eq = spec.indexOf('=');
    const dims = (eq >= 0 ? spec.slice(eq + 1) : spec).split(',').map((d) => (d === '?' ? null : Number(d)));
    out.push({ name: eq >= 0 ? spec.slice(0, eq) : null, shape: dims });
  }
  return out;
}

// The data differs from the declared input where both are known: another rank, another size,
// or another batch size than a fixed one.
// The data as Keras hands it to a model that declares its input (docs/semantics.md, "Keras
// generations"): tf.keras 2 and Keras 3 drop a trailing axis of 1 from data one rank above the
// input and add one to data one rank below an input whose last size is 1; standalone Keras 2.0/2.1
// only makes a rank-1 array (N, 1).
function adaptedRank(data, declared, dialect) {
  if (dialect === 'Keras 2.0/2.1') return data.length === 1 ? [...data, 1] : data;
  if (data.length === declared.length + 1 && data[data.length - 1] === 1) return data.slice(0, -1);
  if (data.length + 1 === declared.length && declared[declared.length - 1] === 1) return [...data, 1];
  return data;
}

function dataDiffers(model) {
  const declared = declaredOf(model.doc);
  return dataShapes(model).some((data, i) => {
    const d = data.name ? declared.find((x) => x.name === data.name) : declared[i];
    if (!d || !d.shape) return false;
    const shape = adaptedRank(data.shape, d.shape, model.meta && model.meta.dialect);
    if (d.shape.length !== shape.length) return true;
    return d.shape.some((v, k) => v !== null && shape[k] !== null && v !== shape[k]);
  });
}

// The convolutions of a model (nested and wrapped ones too) whose strides and dilation_rate
// both exceed 1 somewhere.
function stridedAndDilated(model) {
  const found = [];
  (function walk(v) {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    if (typeof v.class_name === 'string' && /^Conv[123]D$/.test(v.class_name) && v.config) {
      const big = (x) => (Array.isArray(x) ? x : [x === undefined ? 1 : x]).some((n) => n > 1);
      if (big(v.config.strides) && big(v.config.dilation_rate)) found.push(v.config.name);
    }
    Object.values(v).forEach(walk);
  })(model.doc);
  return found;
}

// Every layer config of the model (nested and wrapped ones too), by name.
function layerConfigs(model) {
  const found = new Map();
  (function walk(v) {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    if (typeof v.class_name === 'string' && v.config && typeof v.config.name === 'string') {
      found.set(v.config.name, { class_name: v.class_name, config: v.config, inbound: v.inbound_nodes });
    }
    Object.values(v).forEach(walk);
  })(model.doc);
  return found;
}

// tfjs's error on an axis of a PReLU's input spec, when that axis is one of its shared_axes:
// {layer, axis}, else null.
function preluSharedAxisError(model, tfjs) {
  const m = /layer (\S+): expected axis (-?\d+) of input shape/.exec(tfjs.error || '');
  if (!m) return null;
  const layer = layerConfigs(model).get(m[1]);
  if (!layer || layer.class_name !== 'PReLU') return null;
  const shared = [].concat(layer.config.shared_axes ?? []);
  return shared.includes(Number(m[2])) ? { layer: m[1], axis: Number(m[2]) } : null;
}

// The batch sizes the model's inputs declare, where they fix one.
function fixedBatches(model) {
  return declaredOf(model.doc).map((d) => d.shape && d.shape[0]).filter((b) => b !== null && b !== undefined);
}

const RULES = [
  {
    id: 'data-vs-declared-input',
    row: 'Deliberate differences from Keras, #2 (and #9)',
    // tfjs builds the model for the data's shape (the oracle puts it in place of the declared
    // one); dimsum reports the mismatch at the input, as incompatible input data or, for a
    // fixed batch size, as incorrect batch size
    applies: (model) => dataDiffers(model),
    check: (model, tfjs, dimsum) => (errors(dimsum).some((e) => e.code === 'DS0007' || e.code === 'DS0009') ? []
      : ['the data differs from the declared input, but dimsum reports no DS0007/DS0009']),
  },
  {
    id: 'inputs-fix-different-batch-sizes',
    row: 'Deliberate differences from Keras, #17',
    // Keras and tfjs build a model whose inputs fix different batch sizes (each keeps its own);
    // no batch can feed them all, and dimsum reports it as incorrect batch size
    applies: (model) => new Set(fixedBatches(model)).size > 1,
    check: (model, tfjs, dimsum) => (errors(dimsum).some((e) => e.code === 'DS0009') ? []
      : ['the inputs fix different batch sizes, but dimsum reports no DS0009']),
  },
  {
    id: 'dot-with-unknown-size',
    row: 'Deliberate differences from Keras, #13',
    // Keras' Dot.build (and tfjs') compares a known size with an unknown one and fails
    // ("Dimension incompatibility: 8 !== null"); dimsum reports nothing unknown as an error
    applies: (model, tfjs) => !tfjs.ok && /Dimension incompatibility: (null !== \d+|\d+ !== null)/.test(tfjs.error || ''),
    check: (model, tfjs, dimsum) => (errors(dimsum).some((e) => e.layer === tfjs.error_layer && e.class_name === 'Dot')
      ? ['dimsum reports the Dot of a known size with an unknown one as an error'] : []),
  },
  {
    id: 'strides-with-dilation',
    row: 'Where TensorFlow.js differs from Keras: strides > 1 with dilation_rate > 1',
    // Keras' BaseConv raises "strides > 1 not supported in conjunction with dilation_rate > 1";
    // tfjs builds the layer
    applies: (model) => stridedAndDilated(model).length > 0,
    check(model, tfjs, dimsum) {
      const names = stridedAndDilated(model);
      const flagged = errors(dimsum).some((e) => e.code === 'DS0008' && /dilation/.test(e.message));
      return flagged || !dimsum.ok ? [] : [`${names.join(', ')}: strides and dilation both > 1, but dimsum accepts it`];
    },
  },
  {
    id: 'prelu-shared-axes-spec',
    row: 'Where TensorFlow.js differs from Keras: a PReLU with shared_axes',
    // tfjs's PReLU.build fixes every axis of its input spec when shared_axes is given; Keras
    // fixes only the axes that are not shared, so a shared PReLU may be called again with other
    // sizes along its shared axes
    applies: (model, tfjs) => !tfjs.ok && preluSharedAxisError(model, tfjs) !== null,
    check(model, tfjs, dimsum) {
      const { layer } = preluSharedAxisError(model, tfjs);
      return errors(dimsum).some((e) => e.layer === layer)
        ? [`${layer}: dimsum fails the PReLU on a shared axis, as tfjs does, but Keras does not`] : [];
    },
  },
  {
    id: 'shared-layer-call-differs',
    row: 'Deliberate differences from Keras, #20',
    // A layer called at several nodes whose later call needs other weights (another size along
    // a normalised axis) or another rank than its first: Keras' LayerNormalization broadcasts its
    // weights into another shape without a word, and tfjs builds it; dimsum reports DS0011
    applies: (model, tfjs, dimsum) => tfjs.ok && errors(dimsum).length > 0 &&
      errors(dimsum).every((e) => e.code === 'DS0011' && (layerConfigs(model).get(e.layer)?.inbound?.length ?? 0) > 1),
    check: () => [],
  },
];

module.exports = { RULES, dataShapes };
