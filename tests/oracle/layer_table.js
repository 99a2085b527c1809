'use strict';
// The layers the random model generator (generate.js) draws from: one entry per Keras layer
// class that both TensorFlow.js and dimsum can judge. An entry says which inputs the layer
// takes, how to draw a config for an input of a given shape (sizes near the edges, so that
// about half the models fail somewhere), and the output shape Keras gives, which the
// generator uses only to steer later choices (the verdict always comes from tfjs and dimsum).
//
//   {
//     cls: 'Conv2D',                 Keras class name, as written in the config
//     weight: 3,                     how often it is drawn among the entries that fit
//     fits: (s) => bool,             whether the input shape s suits the layer (a drawn layer
//                                    is sometimes given a tensor that does not fit, on purpose)
//     excluded: (s) => bool,         the layer is never given an input s for which tfjs cannot
//                                    judge it (see EXCLUDED)
//     sample: (g, s, ctx) => config, the layer's Keras config (without name), drawn with g
//                                    (generate.js' Draw); ctx.functional: several outputs allowed
//     out: (s, c) => shape | null,   Keras' output shape; null when the layer fails on s
//     outputs: (s, c) => [shape],    every output, where there are several (return_state)
//   }
//
// Merges take a list of tensors (s and out get the list of shapes; arity: how many at most).
// Wrappers (wrapper: true) get their wrapped layer from the generator: innerKind 'rnn' (an
// entry of a recurrent class, on the same input) or 'step' (any entry fitting one time step),
// and out/outputs get the wrapped layer's output shape as third argument.
//
// Shapes are arrays with the batch axis first; null is an unknown size. The generator only
// draws an entry whose class dimsum knows (it asks the dimsum binary), so an entry can be
// written before dimsum has the layer and becomes active when it lands.
//
// Left out on purpose, because TensorFlow.js (4.22.0) lacks them or gets them wrong, so it
// cannot judge them (tests/oracle/README.md and docs/semantics.md have the details):
const EXCLUDED = [
  ['Subtract, ZeroPadding1D/3D, Cropping1D/3D, UpSampling1D/3D, GlobalAverage/MaxPooling3D, ' +
    'SpatialDropout2D/3D, Conv1DTranspose, SeparableConv1D, DepthwiseConv1D and the other classes ' +
    'dimsum knows that are not in LAYERS below', 'tfjs has no such layer class'],
  ['Resizing, CenterCrop', 'tfjs sizes them as if the input had no batch axis ([height, width, channels])'],
  ['legacy class names (Convolution2D, MaxPool2D, GlobalAvgPool2D, ...)',
    'tfjs knows each class by its one current name only'],
  ['padding="causal"', 'tfjs sizes it as "valid"'],
  ['Conv groups > 1', 'tfjs ignores groups (wrong kernel size, no divisibility check)'],
  ['global pooling keepdims=true', 'tfjs ignores keepdims and drops the axes'],
  ['GRU reset_after=true', 'tfjs rejects it (its GRU has one bias per gate)'],
  ['Bidirectional backward_layer', 'tfjs always mirrors the forward layer'],
  ['data_format="channels_first" on 1D pooling and 1D global pooling',
    'tfjs ignores it and pools the second axis'],
  ['Flatten of a tensor with an unknown non-batch size', 'tfjs refuses it; Keras gives None'],
  ['Flatten of a rank-2 tensor', 'tfjs wants rank 3 or more; Keras passes (batch, n) through'],
  ['a nested model called again on a tensor of another shape',
    'tfjs does not check the call against the nested model\'s input and computes a shape anyway'],
  ['Dot of tensors of rank 4 or more', 'tfjs does not support them'],
  ['DepthwiseConv2D on an input that is not rank 4 or has no defined channel axis',
    'tfjs checks neither and computes NaN sizes'],
  ['a shared layer whose calls tfjs would create in another order than Keras (node_order.js)',
    'tfjs wires such a model differently'],
  ['return_state in a Sequential', 'the layer has several outputs; neither Keras nor tfjs build it'],
];

// ---------------------------------------------------------------------------
// Shape arithmetic for steering (Keras' formulas)

const known = (d) => d !== null && d !== undefined;
const rank = (s) => s.length;

// conv_utils.conv_output_length: "valid" floor((n - span) / stride) + 1, "same" ceil(n / stride)
function windowOut(n, size, stride, dilation, padding) {
  if (!known(n)) return null;
  if (padding === 'same') return Math.ceil(n / stride);
  const span = dilation * (size - 1) + 1;
  return Math.floor((n - span) / stride) + 1;
}

// Keras' deconv_output_length without output_padding.
function transposeOut(n, size, stride, padding) {
  if (!known(n)) return null;
  return padding === 'same' ? n * stride : n * stride + Math.max(size - stride, 0);
}

// Where the spatial axes and channels sit for a data_format.
function layoutOf(s, n, channelsFirst) {
  const spatial = channelsFirst ? s.slice(2, 2 + n) : s.slice(1, 1 + n);
  const channels = channelsFirst ? s[1] : s[n + 1];
  return { spatial, channels };
}

function build(s, n, channelsFirst, spatial, channels) {
  return channelsFirst ? [s[0], channels, ...spatial] : [s[0], ...spatial, channels];
}

// A shape is usable only if no size vanished (dimsum's rule 1: an output of 0 fails too).
function alive(s) {
  return s && s.every((d) => !known(d) || d > 0) ? s : null;
}

const tuple = (g, values) => (values.every((v) => v === values[0]) && g.chance(0.5) ? values[0] : values);
const asList = (v, n) => (Array.isArray(v) ? v : Array(n).fill(v));

// ---------------------------------------------------------------------------
// Families

// Conv1D/2D/3D: kernel sizes near the input size, strides, dilation, both data formats.
function conv(n) {
  return {
    cls: `Conv${n}D`,
    weight: 4,
    fits: (s) => rank(s) === n + 2,
    sample(g, s) {
      const channelsFirst = g.chance(0.25);
      const { spatial } = layoutOf(s, n, channelsFirst);
      const dilated = g.chance(0.15);
      const kernel = spatial.map((d) => g.windowSize(d, dilated ? 2 : 1));
      // rarely strides with the dilation: Keras rejects it (differences.js)
      const strides = dilated && !g.chance(0.05) ? Array(n).fill(1) : spatial.map((d) => g.stride(d));
      const dilation = dilated ? spatial.map(() => g.pick([1, 2, 3])) : Array(n).fill(1);
      return {
        filters: g.int(1, 8),
        kernel_size: tuple(g, kernel),
        strides: tuple(g, strides),
        padding: g.pick(['valid', 'valid', 'same']),
        data_format: channelsFirst ? 'channels_first' : 'channels_last',
        dilation_rate: tuple(g, dilation),
        groups: 1,
        activation: g.activation(),
        use_bias: g.chance(0.8),
      };
    },
    out(s, c) {
      const cf = c.data_format === 'channels_first';
      const { spatial, channels } = layoutOf(s, n, cf);
      if (!known(channels)) return null;
      const k = asList(c.kernel_size, n);
      const st = asList(c.strides, n);
      const dl = asList(c.dilation_rate, n);
      return alive(build(s, n, cf, spatial.map((d, i) => windowOut(d, k[i], st[i], dl[i], c.padding)), c.filters));
    },
  };
}

// Conv2DTranspose/Conv3DTranspose (tfjs has no dilation, output_padding or channels_first
// inference for them beyond Keras', so those keep their defaults).
function convTranspose(n) {
  return {
    cls: `Conv${n}DTranspose`,
    weight: 2,
    fits: (s) => rank(s) === n + 2,
    sample(g, s) {
      const channelsFirst = g.chance(0.25);
      const { spatial } = layoutOf(s, n, channelsFirst);
      return {
        filters: g.int(1, 6),
        kernel_size: tuple(g, spatial.map((d) => g.windowSize(d, 1))),
        strides: tuple(g, spatial.map((d) => g.stride(d))),
        padding: g.pick(['valid', 'same']),
        data_format: channelsFirst ? 'channels_first' : 'channels_last',
        activation: g.activation(),
        use_bias: g.chance(0.8),
      };
    },
    out(s, c) {
      const cf = c.data_format === 'channels_first';
      const { spatial, channels } = layoutOf(s, n, cf);
      if (!known(channels)) return null;
      const k = asList(c.kernel_size, n);
      const st = asList(c.strides, n);
      return alive(build(s, n, cf, spatial.map((d, i) => transposeOut(d, k[i], st[i], c.padding)), c.filters));
    },
  };
}

// SeparableConv2D and DepthwiseConv2D: a depthwise window (depth_multiplier per channel).
function depthwise(cls) {
  return {
    cls,
    weight: 2,
    fits: (s) => rank(s) === 4,
    // tfjs' DepthwiseConv2D checks neither the rank nor a defined channel axis (see EXCLUDED)
    excluded: cls === 'DepthwiseConv2D' ? (s) => rank(s) !== 4 || !known(s[1]) || !known(s[3]) : undefined,
    sample(g, s) {
      const channelsFirst = g.chance(0.25);
      const { spatial } = layoutOf(s, 2, channelsFirst);
      const c = {
        kernel_size: tuple(g, spatial.map((d) => g.windowSize(d, 1))),
        strides: tuple(g, spatial.map((d) => g.stride(d))),
        padding: g.pick(['valid', 'same']),
        data_format: channelsFirst ? 'channels_first' : 'channels_last',
        depth_multiplier: g.int(1, 3),
        activation: g.activation(),
        use_bias: g.chance(0.8),
      };
      if (cls === 'SeparableConv2D') c.filters = g.int(1, 6);
      return c;
    },
    out(s, c) {
      const cf = c.data_format === 'channels_first';
      const { spatial, channels } = layoutOf(s, 2, cf);
      if (!known(channels)) return null;
      const k = asList(c.kernel_size, 2);
      const st = asList(c.strides, 2);
      const filters = cls === 'SeparableConv2D' ? c.filters : channels * c.depth_multiplier;
      return alive(build(s, 2, cf, spatial.map((d, i) => windowOut(d, k[i], st[i], 1, c.padding)), filters));
    },
  };
}

// Max/AveragePooling 1D/2D/3D: pool sizes near the input size; strides default to the pool.
function pooling(kind, n) {
  return {
    cls: `${kind}Pooling${n}D`,
    weight: 3,
    fits: (s) => rank(s) === n + 2,
    sample(g, s) {
      const channelsFirst = n > 1 && g.chance(0.25);
      const { spatial } = layoutOf(s, n, channelsFirst);
      const pool = spatial.map((d) => g.windowSize(d, 1, [2, 2, 3]));
      const c = { pool_size: tuple(g, pool), padding: g.pick(['valid', 'valid', 'same']) };
      c.strides = g.chance(0.4) ? null : tuple(g, spatial.map((d) => g.stride(d)));
      c.data_format = channelsFirst ? 'channels_first' : 'channels_last';
      return c;
    },
    out(s, c) {
      const cf = c.data_format === 'channels_first';
      const { spatial, channels } = layoutOf(s, n, cf);
      const p = asList(c.pool_size, n);
      const st = c.strides === null ? p : asList(c.strides, n);
      return alive(build(s, n, cf, spatial.map((d, i) => windowOut(d, p[i], st[i], 1, c.padding)), channels));
    },
  };
}

function globalPooling(kind, n) {
  return {
    cls: `Global${kind}Pooling${n}D`,
    weight: 1,
    fits: (s) => rank(s) === n + 2,
    sample: (g) => ({ data_format: n > 1 && g.chance(0.25) ? 'channels_first' : 'channels_last', keepdims: false }),
    out: (s, c) => [s[0], layoutOf(s, n, c.data_format === 'channels_first').channels],
  };
}

// ZeroPadding2D and Cropping2D: an int, a pair (symmetric per axis) or a pair of pairs.
function amounts(g, sizes, pick) {
  const pairs = sizes.map((d) => [pick(d), pick(d)]);
  const form = g.int(0, 2);
  if (form === 0) return pairs[0][0];
  if (form === 1) return pairs.map((p) => p[0]);
  return pairs;
}

const pairsOf = (v, n) => (typeof v === 'number' ? Array(n).fill([v, v])
  : v.map((x) => (typeof x === 'number' ? [x, x] : x)));

const zeroPadding2D = {
  cls: 'ZeroPadding2D',
  weight: 1,
  fits: (s) => rank(s) === 4,
  sample(g, s) {
    const channelsFirst = g.chance(0.25);
    return {
      padding: amounts(g, layoutOf(s, 2, channelsFirst).spatial, () => g.int(0, 3)),
      data_format: channelsFirst ? 'channels_first' : 'channels_last',
    };
  },
  out(s, c) {
    const cf = c.data_format === 'channels_first';
    const { spatial, channels } = layoutOf(s, 2, cf);
    const p = pairsOf(c.padding, 2);
    return build(s, 2, cf, spatial.map((d, i) => (known(d) ? d + p[i][0] + p[i][1] : null)), channels);
  },
};

const cropping2D = {
  cls: 'Cropping2D',
  weight: 1,
  fits: (s) => rank(s) === 4,
  sample(g, s) {
    const channelsFirst = g.chance(0.25);
    // about the half of the size, so that before + after lands near the whole size
    const pick = (d) => (known(d) ? g.int(0, Math.ceil(d / 2)) : g.int(0, 2));
    return { cropping: amounts(g, layoutOf(s, 2, channelsFirst).spatial, pick),
      data_format: channelsFirst ? 'channels_first' : 'channels_last' };
  },
  out(s, c) {
    const cf = c.data_format === 'channels_first';
    const { spatial, channels } = layoutOf(s, 2, cf);
    const p = pairsOf(c.cropping, 2);
    return alive(build(s, 2, cf, spatial.map((d, i) => (known(d) ? d - p[i][0] - p[i][1] : null)), channels));
  },
};

const upSampling2D = {
  cls: 'UpSampling2D',
  weight: 1,
  fits: (s) => rank(s) === 4,
  sample: (g) => ({
    size: tuple(g, [g.int(1, 3), g.int(1, 3)]),
    data_format: g.chance(0.25) ? 'channels_first' : 'channels_last',
    interpolation: g.pick(['nearest', 'bilinear']),
  }),
  out(s, c) {
    const cf = c.data_format === 'channels_first';
    const { spatial, channels } = layoutOf(s, 2, cf);
    const k = asList(c.size, 2);
    return build(s, 2, cf, spatial.map((d, i) => (known(d) ? d * k[i] : null)), channels);
  },
};

// ---------------------------------------------------------------------------
// Core and reshaping

const elements = (s) => s.slice(1).reduce((a, d) => (known(a) && known(d) ? a * d : null), 1);

const dense = {
  cls: 'Dense',
  weight: 4,
  fits: (s) => rank(s) >= 2 && known(s[rank(s) - 1]),
  sample: (g) => ({ units: g.int(1, 8), activation: g.activation(), use_bias: g.chance(0.8) }),
  out: (s, c) => (rank(s) >= 2 && known(s[rank(s) - 1]) ? [...s.slice(0, -1), c.units] : null),
};

const flatten = {
  cls: 'Flatten',
  weight: 3,
  fits: (s) => rank(s) >= 3,
  excluded: (s) => rank(s) < 3 || !s.slice(1).every(known),
  sample: (g) => ({ data_format: g.chance(0.2) ? 'channels_first' : 'channels_last' }),
  out: (s) => [s[0], elements(s)],
};

// A target that holds the input's elements (with or without -1), or one that does not: the
// batch axis included, one element more or less, two -1, a size of 0.
function reshapeTarget(g, s) {
  const count = elements(s);
  if (!known(count)) return [g.int(1, 4), -1];
  const factors = [];
  let left = count;
  const parts = g.int(1, 3);
  for (let i = 1; i < parts && left > 1; i++) {
    const divisors = [];
    for (let d = 1; d <= left; d++) if (left % d === 0) divisors.push(d);
    const d = g.pick(divisors);
    factors.push(d);
    left /= d;
  }
  factors.push(left);
  const r = g.int(0, 19);
  if (r < 9) return factors;
  if (r < 14) {
    const t = factors.slice();
    t[g.int(0, t.length - 1)] = -1;
    return t;
  }
  if (r < 16) return [known(s[0]) ? s[0] : g.pick([1, 32]), ...factors];
  if (r < 18) return [...factors.slice(0, -1), factors[factors.length - 1] + g.pick([-1, 1])].map((v) => Math.max(v, 1));
  if (r < 19) return [-1, ...factors, -1];
  return [...factors, 0];
}

const reshape = {
  cls: 'Reshape',
  weight: 2,
  fits: (s) => rank(s) >= 2,
  sample: (g, s) => ({ target_shape: reshapeTarget(g, s) }),
  out(s, c) {
    const t = c.target_shape;
    if (t.some((v) => v === 0 || v < -1) || t.filter((v) => v === -1).length > 1) return null;
    const count = elements(s);
    if (!known(count)) return [s[0], ...t.map((v) => (v === -1 ? null : v))];
    const fixed = t.filter((v) => v !== -1).reduce((a, b) => a * b, 1);
    if (t.includes(-1)) return count % fixed === 0 ? [s[0], ...t.map((v) => (v === -1 ? count / fixed : v))] : null;
    return fixed === count ? [s[0], ...t] : null;
  },
};

const permute = {
  cls: 'Permute',
  weight: 1,
  fits: (s) => rank(s) >= 3,
  sample(g, s) {
    const dims = s.slice(1).map((_, i) => i + 1);
    for (let i = dims.length - 1; i > 0; i--) {
      const j = g.int(0, i);
      [dims[i], dims[j]] = [dims[j], dims[i]];
    }
    return { dims };
  },
  out: (s, c) => (c.dims.length === rank(s) - 1 ? [s[0], ...c.dims.map((d) => s[d])] : null),
};

const activation = {
  cls: 'Activation',
  weight: 1,
  fits: () => true,
  sample: (g) => ({ activation: g.pick(['relu', 'tanh', 'sigmoid', 'softmax', 'linear']) }),
  out: (s) => s,
};

const dropout = {
  cls: 'Dropout',
  weight: 1,
  fits: () => true,
  sample: (g) => ({ rate: g.pick([0.1, 0.25, 0.5]), noise_shape: null, seed: null }),
  out: (s) => s,
};

// BatchNormalization on the last axis, another non-batch axis, or (written as tf.keras 2 does
// once built) a list of one axis.
const batchNormalization = {
  cls: 'BatchNormalization',
  weight: 2,
  fits: (s) => rank(s) >= 2,
  sample(g, s) {
    let axis = g.chance(0.6) ? -1 : g.int(1, rank(s) - 1);
    if (g.chance(0.2)) axis = [axis < 0 ? rank(s) + axis : axis];
    return { axis, momentum: 0.99, epsilon: 0.001, center: g.chance(0.85), scale: g.chance(0.85) };
  },
  out(s, c) {
    const a = Array.isArray(c.axis) ? c.axis[0] : c.axis;
    const axis = a < 0 ? rank(s) + a : a;
    return axis >= 1 && axis < rank(s) && known(s[axis]) ? s : null;
  },
};

const layerNormalization = {
  cls: 'LayerNormalization',
  weight: 1,
  fits: (s) => rank(s) >= 2 && known(s[rank(s) - 1]),
  sample: (g) => ({ axis: -1, epsilon: 0.001, center: g.chance(0.85), scale: g.chance(0.85) }),
  out: (s) => (known(s[rank(s) - 1]) ? s : null),
};

// Embedding on integer ids of any shape.
const embedding = {
  cls: 'Embedding',
  weight: 2,
  fits: (s) => rank(s) === 2 || rank(s) === 3,
  sample: (g) => ({ input_dim: g.int(2, 50), output_dim: g.int(1, 8), mask_zero: false }),
  out: (s, c) => [...s, c.output_dim],
};

const repeatVector = {
  cls: 'RepeatVector',
  weight: 1,
  fits: (s) => rank(s) === 2,
  sample: (g) => ({ n: g.int(1, 5) }),
  out: (s, c) => (rank(s) === 2 ? [s[0], c.n, s[1]] : null),
};

// Layers that keep their input's shape and have no weights (PReLU has one weight per element).
function sameShape(cls, sample = () => ({}), fits = () => true) {
  return { cls, weight: 1, fits, sample, out: (s) => s };
}

// PReLU: one alpha per element of the input, or shared along some axes.
const prelu = {
  cls: 'PReLU',
  weight: 1,
  fits: (s) => rank(s) >= 2 && s.slice(1).every(known),
  sample: (g, s) => ({ shared_axes: rank(s) >= 3 && g.chance(0.4) ? g.pick([[1], [rank(s) - 1], [1, 2].filter((a) => a < rank(s))]) : null }),
  out: (s) => s,
};

const categoryEncoding = {
  cls: 'CategoryEncoding',
  weight: 1,
  fits: (s) => rank(s) === 2,
  sample: (g) => ({ num_tokens: g.int(1, 20), output_mode: g.pick(['multi_hot', 'count', 'one_hot']), sparse: false }),
  out: (s, c) => (c.output_mode === 'one_hot' && s[1] !== 1 ? [...s, c.num_tokens] : [s[0], c.num_tokens]),
};

// ---------------------------------------------------------------------------
// Recurrent layers and wrappers

// ConvLSTM2D on (batch, time, rows, cols, channels): a convolution window per step.
const convLstm2D = {
  cls: 'ConvLSTM2D',
  weight: 1,
  fits: (s) => rank(s) === 5,
  sample(g, s) {
    const channelsFirst = g.chance(0.2);
    const spatial = channelsFirst ? s.slice(3, 5) : s.slice(2, 4);
    return {
      filters: g.int(1, 4),
      kernel_size: tuple(g, spatial.map((d) => g.windowSize(d, 1))),
      strides: tuple(g, spatial.map((d) => g.pick([1, 1, 2]))),
      padding: g.pick(['valid', 'same']),
      data_format: channelsFirst ? 'channels_first' : 'channels_last',
      dilation_rate: 1,
      return_sequences: g.chance(0.5),
      return_state: false,
      go_backwards: false,
      stateful: false,
      activation: 'tanh',
      recurrent_activation: 'sigmoid',
      use_bias: g.chance(0.85),
    };
  },
  out(s, c) {
    const cf = c.data_format === 'channels_first';
    const step = [s[0], ...s.slice(2)];
    const { spatial, channels } = layoutOf(step, 2, cf);
    if (!known(channels)) return null;
    const k = asList(c.kernel_size, 2);
    const st = asList(c.strides, 2);
    const sizes = spatial.map((d, i) => windowOut(d, k[i], st[i], 1, c.padding));
    const one = alive(build(step, 2, cf, sizes, c.filters));
    return one && (c.return_sequences ? [s[0], s[1], ...one.slice(1)] : one);
  },
};

// SimpleRNN, LSTM, GRU. return_state (several outputs) only in functional models; GRU keeps
// reset_after=false (see EXCLUDED).
function recurrent(cls) {
  return {
    cls,
    weight: 3,
    fits: (s) => rank(s) === 3 && known(s[2]),
    sample(g, s, ctx) {
      const c = {
        units: g.int(1, 8),
        return_sequences: g.chance(0.5),
        return_state: ctx.functional && g.chance(0.2),
        go_backwards: g.chance(0.1),
        // Keras needs a fixed batch size for a stateful RNN: drawn on either kind of input
        stateful: g.chance(0.05),
        unroll: false,
        activation: 'tanh',
        use_bias: g.chance(0.85),
      };
      if (cls !== 'SimpleRNN') c.recurrent_activation = 'sigmoid';
      if (cls === 'GRU') c.reset_after = false;
      return c;
    },
    out(s, c) {
      if (rank(s) !== 3 || !known(s[2])) return null;
      return c.return_sequences ? [s[0], s[1], c.units] : [s[0], c.units];
    },
    outputs(s, c) {
      const states = c.return_state ? (cls === 'LSTM' ? 2 : 1) : 0;
      return [this.out(s, c), ...Array(states).fill([s[0], c.units])];
    },
  };
}

const MERGE_MODES = ['concat', 'sum', 'mul', 'ave', null];

const bidirectional = {
  cls: 'Bidirectional',
  weight: 2,
  wrapper: true,
  fits: (s) => rank(s) === 3 && known(s[2]),
  // the generator draws the inner RNN (forRnn) and passes it in as inner
  innerKind: 'rnn',
  // merge_mode null returns the two directions as two outputs: functional models only
  sample: (g, s, ctx) => ({ merge_mode: g.pick(ctx.functional ? MERGE_MODES : MERGE_MODES.slice(0, 4)) }),
  out(s, c, innerOut) {
    if (!innerOut) return null;
    return c.merge_mode === 'concat' ? [...innerOut.slice(0, -1), innerOut[innerOut.length - 1] * 2] : innerOut;
  },
  outputs(s, c, innerOut) {
    const o = this.out(s, c, innerOut);
    return c.merge_mode === null ? [o, o] : [o];
  },
};

const timeDistributed = {
  cls: 'TimeDistributed',
  weight: 2,
  wrapper: true,
  fits: (s) => rank(s) >= 3,
  innerKind: 'step',
  sample: () => ({}),
  out: (s, c, innerOut) => (innerOut ? [innerOut[0], s[1], ...innerOut.slice(1)] : null),
};

// ---------------------------------------------------------------------------
// Merges: a list of tensors. Keras' element-wise broadcasting; Concatenate on one axis.

function broadcast(shapes) {
  let out = null;
  let batch = null;
  for (const s of shapes) {
    if (known(s[0])) {
      if (known(batch) && batch !== s[0]) return null;
      batch = s[0];
    }
    const dims = s.slice(1);
    if (!out) { out = dims; continue; }
    const [longer, shorter] = out.length >= dims.length ? [out, dims] : [dims, out];
    const merged = longer.slice(0, longer.length - shorter.length);
    for (let i = 0; i < shorter.length; i++) {
      const x = longer[longer.length - shorter.length + i];
      const y = shorter[i];
      if (!known(x) || !known(y)) merged.push(null);
      else if (x === 1) merged.push(y);
      else if (y === 1 || x === y) merged.push(x);
      else return null;
    }
    out = merged;
  }
  return [batch, ...out];
}

function elementwise(cls) {
  return { cls, weight: 3, merge: true, sample: () => ({}), out: (shapes) => broadcast(shapes) };
}

const concatenate = {
  cls: 'Concatenate',
  weight: 3,
  merge: true,
  sample: (g, shapes) => ({ axis: g.chance(0.7) ? -1 : g.int(g.chance(0.1) ? 0 : 1, rank(shapes[0]) - 1) }),
  out(shapes, c) {
    const r = rank(shapes[0]);
    const axis = c.axis < 0 ? r + c.axis : c.axis;
    if (axis <= 0 || axis >= r || shapes.some((s) => rank(s) !== r)) return null;
    // the first input's sizes (Keras' compute_output_shape); known sizes must not clash
    const out = shapes[0].slice();
    for (let i = 0; i < r; i++) {
      if (i !== axis && new Set(shapes.map((s) => s[i]).filter(known)).size > 1) return null;
    }
    for (const s of shapes.slice(1)) out[axis] = known(out[axis]) && known(s[axis]) ? out[axis] + s[axis] : null;
    return out;
  },
};

// Dot on axes of two rank-2 or rank-3 tensors.
const dot = {
  cls: 'Dot',
  weight: 1,
  merge: true,
  arity: 2,
  excluded: (shapes) => shapes.some((s) => !s || rank(s) > 3),
  sample: (g, shapes) => ({ axes: g.int(1, rank(shapes[0]) - 1), normalize: g.chance(0.2) }),
  out(shapes, c) {
    const [a, b] = shapes;
    if (shapes.length !== 2 || rank(a) !== rank(b) || rank(a) > 3 || !known(a[c.axes]) || a[c.axes] !== b[c.axes]) return null;
    const rest = (s) => s.filter((_, i) => i !== 0 && i !== c.axes);
    const dims = [...rest(a), ...rest(b)];
    return [a[0], ...(dims.length ? dims : [1])];
  },
};

// ---------------------------------------------------------------------------

const LAYERS = [
  conv(1), conv(2), conv(3),
  convTranspose(2), convTranspose(3),
  depthwise('SeparableConv2D'), depthwise('DepthwiseConv2D'),
  pooling('Max', 1), pooling('Max', 2), pooling('Max', 3),
  pooling('Average', 1), pooling('Average', 2), pooling('Average', 3),
  globalPooling('Max', 1), globalPooling('Max', 2), globalPooling('Average', 1), globalPooling('Average', 2),
  zeroPadding2D, cropping2D, upSampling2D,
  dense, flatten, reshape, permute, activation, dropout, batchNormalization, layerNormalization,
  embedding, repeatVector,
  sameShape('ReLU', (g) => ({ max_value: g.pick([null, 6]), negative_slope: 0, threshold: 0 })),
  sameShape('LeakyReLU', () => ({ alpha: 0.3 })),
  sameShape('ELU', () => ({ alpha: 1 })),
  sameShape('Softmax', () => ({ axis: -1 })),
  sameShape('GaussianNoise', () => ({ stddev: 0.1 })),
  sameShape('GaussianDropout', () => ({ rate: 0.1 })),
  sameShape('SpatialDropout1D', () => ({ rate: 0.1 }), (s) => rank(s) === 3),
  sameShape('ThresholdedReLU', () => ({ theta: 1 })),
  sameShape('Masking', () => ({ mask_value: 0 })),
  sameShape('AlphaDropout', () => ({ rate: 0.1 })),
  sameShape('Rescaling', () => ({ scale: 0.5, offset: 0 })),
  prelu, categoryEncoding, convLstm2D,
  recurrent('SimpleRNN'), recurrent('LSTM'), recurrent('GRU'),
  bidirectional, timeDistributed,
];

const MERGES = [
  elementwise('Add'), elementwise('Multiply'), elementwise('Average'), elementwise('Maximum'),
  elementwise('Minimum'), concatenate, dot,
];

module.exports = { LAYERS, MERGES, EXCLUDED, known, alive, elements };
