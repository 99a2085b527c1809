// tf.keras 2's TFOpLambda and SlicingOpLambda: a raw TensorFlow op called inside a functional
// model (tf.reshape, tf.concat, x + y, x[:, 0], ...). The config names the op ("function":
// "reshape", "math.reduce_mean", "__operators__.add", "__operators__.getitem"); the call's
// arguments other than the first are in the node's kwargs, by the op's parameter names, with
// tensors as references. Unlike Keras layers, TensorFlow ops see the batch axis like any other:
// tf.reshape's shape and tf.transpose's perm include it, and broadcasting covers it.
// An op without a rule here gets an unknown output and a warning naming it.
#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "layers/checks.h"
#include "ops/ops.h"

namespace dimsum {

namespace {

using ops::Fault;
using ops::Result;
using ops::Results;
using ops::Unknown;

// What an op rule sees: the call, the op's name, and its arguments by parameter name.
class OpCall {
 public:
  OpCall(const LayerCall& call, std::string_view op) : call_(call), op_(op) {}

  std::string_view op() const { return op_; }
  const LayerCall& call() const { return call_; }

  // The first argument: its tensors' shapes, or a constant's shape.
  std::optional<Shape> first() const {
    if (!call_.inputs.empty()) return call_.inputs[0];
    if (call_.constant) return constant_shape(*call_.constant);
    return std::nullopt;
  }
  const std::vector<Shape>& tensors() const { return call_.inputs; }

  // The keyword argument `name` as written (a tf.compat.v1 spelling in `legacy`), or nullptr.
  const json::Value* kwarg(std::string_view name, std::string_view legacy = {}) const {
    if (!call_.kwargs) return nullptr;
    const json::Value* v = call_.kwargs->find(name);
    if ((!v || v->is_null()) && !legacy.empty()) v = call_.kwargs->find(legacy);
    return v && !v->is_null() ? v : nullptr;
  }

  // The operand `name`: a tensor passed by keyword, or a constant (a number or nested list).
  std::optional<Shape> operand(std::string_view name) const {
    if (const Shape* s = call_.argument(-1, name)) return *s;
    if (const json::Value* v = kwarg(name)) return constant_shape(*v);
    return std::nullopt;
  }

  std::optional<int64_t> integer(std::string_view name, std::string_view legacy = {}) const {
    const json::Value* v = kwarg(name, legacy);
    return v ? v->as_integer() : std::nullopt;
  }
  bool boolean(std::string_view name, bool fallback, std::string_view legacy = {}) const {
    const json::Value* v = kwarg(name, legacy);
    return v && v->kind == json::Kind::kBool ? v->boolean : fallback;
  }
  // An int or a list of ints; nullopt when absent or not of that form (a tensor).
  std::optional<std::vector<int64_t>> ints(std::string_view name,
                                           std::string_view legacy = {}) const {
    const json::Value* v = kwarg(name, legacy);
    if (!v) return std::nullopt;
    if (auto i = v->as_integer()) return std::vector<int64_t>{*i};
    return int_list(*v);
  }

  static std::optional<std::vector<int64_t>> int_list(const json::Value& v) {
    const json::Value* list = items(v);
    if (!list) return std::nullopt;
    std::vector<int64_t> out;
    for (const json::Value& item : list->items()) {
      auto i = item.as_integer();
      if (!i) return std::nullopt;
      out.push_back(*i);
    }
    return out;
  }

  // A list, or the items of the {"class_name": "__tuple__", "items": [...]} tuples that Keras'
  // SavedModel encoder writes.
  static const json::Value* items(const json::Value& v) {
    if (v.is_array()) return &v;
    const json::Value* class_name = v.is_object() ? v.find("class_name") : nullptr;
    if (class_name && class_name->text() == "__tuple__") return v.find("items");
    return nullptr;
  }

  // The shape of a constant: () for a number, (n, ...) for a nested list; an array the Python
  // front end knows only the shape of is {"class_name": "__shape__", "shape": [n, null, ...]}.
  static std::optional<Shape> constant_shape(const json::Value& v) {
    if (v.is_number() || v.kind == json::Kind::kBool) return Shape(Dims{});
    const json::Value* kind = v.is_object() ? v.find("class_name") : nullptr;
    if (kind && kind->text() == "__shape__") {
      const json::Value* sizes = v.find("shape");
      if (!sizes || !sizes->is_array()) return std::nullopt;
      Dims dims;
      for (const json::Value& size : sizes->items()) {
        auto n = size.as_integer();
        dims.push_back(n && *n >= 0 ? Dim(*n) : Dim::unknown());
      }
      return Shape(std::move(dims));
    }
    const json::Value* list = items(v);
    if (!list) return std::nullopt;
    Dims dims{Dim(static_cast<int64_t>(list->items().size()))};
    if (!list->items().empty()) {
      auto inner = constant_shape(list->items()[0]);
      if (!inner) return std::nullopt;
      dims.insert(dims.end(), inner->dims().begin(), inner->dims().end());
    }
    return Shape(std::move(dims));
  }

 private:
  const LayerCall& call_;
  std::string_view op_;
};

// The rule cannot follow this call (a tensor where it needs a constant, a missing argument).
void unknown(Outcome& out, const OpCall& op, std::string_view why) {
  Diagnostic& d = out.warning(
      "DS0101", fmt::format("dimsum cannot infer the output of tf.{} here ({}); its output shape "
                            "is unknown",
                            op.op(), why));
  d.help.push_back(
      fmt::format("to check the layers after it, state its output shape, batch axis "
                  "first: --assume {}=SHAPE",
                  op.call().layer_name.empty() ? "LAYER" : op.call().layer_name));
  out.outputs = {Shape::unknown()};
}

// A failure of the library's rule, as a diagnostic: its code and help by the kind of mistake.
void report_failure(const OpCall& op, Outcome& out, Fault fault, const std::string& reason) {
  bool reshape = op.op() == "reshape";
  std::string code = fault == Fault::kCount                 ? "DS0003"
                     : reshape && fault == Fault::kArgument ? "DS0004"
                     : fault == Fault::kSizes               ? "DS0005"
                     : fault == Fault::kRank                ? "DS0002"
                                                            : "DS0008";
  Diagnostic& d =
      out.error(code, reshape ? Cause::kIncorrectReshaping : Cause::kLayerMisconfiguration,
                fmt::format("tf.{}: {}", op.op(), reason));
  switch (fault) {
    case Fault::kCount:
      d.notes.push_back("tf.reshape's shape includes the batch axis, unlike keras.layers.Reshape");
      d.help.push_back("choose a shape whose sizes multiply to the element count; one may be -1");
      break;
    case Fault::kSizes:
      d.notes.push_back("TensorFlow ops see the batch axis like any other");
      d.help.push_back(
          "make the sizes agree (tf.reshape, tf.expand_dims, a transpose), or give an op that "
          "fits them");
      break;
    case Fault::kAxis:
      d.help.push_back(
          "TensorFlow ops count the batch axis as axis 0: name an axis the tensor has");
      break;
    case Fault::kRank:
      d.help.push_back("give the op a tensor of the rank it takes (tf.expand_dims, tf.reshape)");
      break;
    default:
      d.help.push_back(fmt::format("give tf.{} arguments its documentation allows", op.op()));
      break;
  }
}

// A verdict of one output as the outcome: the shape (with a warning when it holds only for some
// batch sizes), the failure, or an unknown output when the sizes dimsum lacks decide it.
void report(const OpCall& op, Outcome& out, const Result& result) {
  if (result.raises()) return report_failure(op, out, result.fault, result.error);
  if (!result.dims) return unknown(out, op, "its output depends on sizes that are unknown");
  out.outputs = {Shape(*result.dims)};
  if (!result.doubt.empty()) {
    Diagnostic& d = out.warning("DS0003", fmt::format("tf.{}: {}", op.op(), result.doubt));
    d.help.push_back("to keep the batch, give the other sizes so that they hold one sample");
  }
}

void report(const OpCall& op, Outcome& out, const Results& results) {
  if (results.raises()) return report_failure(op, out, results.fault, results.error);
  if (!results.outputs) return unknown(out, op, "its outputs depend on sizes that are unknown");
  out.outputs.clear();
  for (const Dims& dims : *results.outputs) out.outputs.push_back(Shape(dims));
}

const Dims& first_dims(const OpCall& op) { return op.tensors()[0].dims(); }

std::vector<Dims> all_dims(const OpCall& op) {
  std::vector<Dims> out;
  for (const Shape& s : op.tensors()) out.push_back(s.dims());
  return out;
}

void unary(const OpCall& op, Outcome& out) {
  auto x = op.first();
  if (!x) return unknown(out, op, "no tensor argument");
  out.outputs = {*x};
}

// x + y, tf.math.maximum(x, y), ...: y by keyword, a tensor or a constant.
void binary(const OpCall& op, Outcome& out) {
  auto x = op.first();
  auto y = op.operand("y");
  if (!x || !y) return unknown(out, op, "an operand is neither a tensor nor a constant");
  report(op, out, ops::broadcast(x->dims(), y->dims(), Unknown::kFits));
}

// tf.math.reduce_* (input_tensor, axis=None, keepdims=False); tf.compat.v1's reduction_indices
// and keep_dims.
void reduce(const OpCall& op, Outcome& out) {
  std::optional<std::vector<int64_t>> axes;
  if (op.kwarg("axis", "reduction_indices")) {
    axes = op.ints("axis", "reduction_indices");
    if (!axes) return unknown(out, op, "the axis is a tensor");
  }
  bool keepdims = op.boolean("keepdims", false, "keep_dims");
  report(op, out,
         ops::reduce(first_dims(op), axes, keepdims, false, ops::Dialect::kTensorFlow));
}

// tf.math.argmax / argmin (input, axis=None: axis 0; tf.compat.v1's dimension): the axis goes.
void arg_reduce(const OpCall& op, Outcome& out) {
  if (op.kwarg("axis", "dimension") && !op.integer("axis", "dimension"))
    return unknown(out, op, "the axis is a tensor");
  int64_t axis = op.integer("axis", "dimension").value_or(0);
  report(op, out,
         ops::reduce(first_dims(op), std::vector<int64_t>{axis}, false, false,
                           ops::Dialect::kTensorFlow));
}

// tf.reshape(tensor, shape): the shape includes the batch axis; one size may be -1. A size given
// as a tensor (tf.shape(x)[0]) is unknown.
void reshape(const OpCall& op, Outcome& out) {
  const json::Value* shape = op.kwarg("shape");
  const json::Value* list = shape ? OpCall::items(*shape) : nullptr;
  if (!list) return unknown(out, op, "the shape is a tensor");
  std::vector<std::optional<int64_t>> target;
  for (const json::Value& item : list->items()) target.push_back(item.as_integer());
  report(op, out, ops::reshape(first_dims(op), target, Unknown::kFits));
}

// tf.expand_dims(input, axis) (tf.compat.v1's dim): a size-1 axis at `axis`.
void expand_dims(const OpCall& op, Outcome& out) {
  auto axis = op.integer("axis", "dim");
  if (!axis) return unknown(out, op, "the axis is missing or a tensor");
  report(op, out, ops::expand_dims(first_dims(op), {*axis}));
}

// tf.squeeze(input, axis=None) (tf.compat.v1's squeeze_dims).
void squeeze(const OpCall& op, Outcome& out) {
  if (op.kwarg("axis", "squeeze_dims") && !op.ints("axis", "squeeze_dims"))
    return unknown(out, op, "the axis is a tensor");
  report(op, out,
         ops::squeeze(first_dims(op), op.ints("axis", "squeeze_dims"), Unknown::kFits));
}

// tf.transpose(a, perm=None): perm covers every axis, the batch axis included; None reverses.
void transpose(const OpCall& op, Outcome& out) {
  if (op.kwarg("perm") && !op.ints("perm")) return unknown(out, op, "perm is a tensor");
  report(op, out,
         ops::transpose(first_dims(op), op.ints("perm"), ops::Dialect::kTensorFlow));
}

// tf.concat(values, axis): every other axis must agree; the batch axis can be joined too.
void concat(const OpCall& op, Outcome& out) {
  auto axis = op.integer("axis");
  if (!axis) return unknown(out, op, "the axis is missing or a tensor");
  report(op, out, ops::concatenate(all_dims(op), *axis, Unknown::kFits));
}

// tf.stack(values, axis=0): equal shapes, stacked on a new axis.
void stack(const OpCall& op, Outcome& out) {
  if (op.kwarg("axis") && !op.integer("axis")) return unknown(out, op, "the axis is a tensor");
  report(op, out, ops::stack(all_dims(op), op.integer("axis").value_or(0), Unknown::kFits));
}

// tf.math.add_n(inputs): the sum of a list of tensors of one shape.
void add_n(const OpCall& op, Outcome& out) {
  report(op, out, ops::same_shape(all_dims(op), Unknown::kFits));
}

// tf.linalg.matmul(a, b, transpose_a, transpose_b, adjoint_a, adjoint_b).
void matmul(const OpCall& op, Outcome& out) {
  auto a = op.first();
  auto b = op.operand("b");
  if (!a || !b) return unknown(out, op, "an operand is neither a tensor nor a constant");
  bool ta = op.boolean("transpose_a", false) || op.boolean("adjoint_a", false);
  bool tb = op.boolean("transpose_b", false) || op.boolean("adjoint_b", false);
  Result result = ops::linalg_matmul(a->dims(), b->dims(), ta, tb);
  report(op, out, result);
  if (!result.dims) return;
  // Per sample (the first axis is the batch): each output item sums `inner` products.
  size_t ra = a->rank();
  Dim inner = (*a)[ta ? ra - 2 : ra - 1];
  if (!inner.known()) inner = (*b)[tb ? b->rank() - 1 : b->rank() - 2];
  const Dims& dims = *result.dims;
  out.macs =
      maybe_product({dims_product(Dims(dims.begin() + 1, dims.end())), dims_product(Dims{inner})});
}

// tf.einsum(equation, *inputs): the operands as the first argument (a list of tensors), the
// equation by keyword.
void einsum(const OpCall& op, Outcome& out) {
  const json::Value* equation = op.kwarg("equation");
  if (!equation || equation->kind != json::Kind::kString)
    return unknown(out, op, "the equation is missing");
  report(op, out, ops::einsum(equation->text(), all_dims(op)));
}

// One item of a slice_spec as the library takes it; nullopt for a tensor used as an index.
std::optional<ops::Index> index_item(const json::Value& p) {
  using I = ops::Index;
  I index;
  const json::Value* c = p.is_object() ? p.find("class_name") : nullptr;
  if (c && c->text() == "__ellipsis__") {
    index.kind = I::Kind::kEllipsis;
  } else if (p.is_null()) {
    index.kind = I::Kind::kNewAxis;
  } else if (auto i = p.as_integer()) {
    index.integer = *i;
  } else if (p.is_object() && p.find("start")) {
    index.kind = I::Kind::kSlice;
    std::optional<int64_t>* parts[] = {&index.slice.start, &index.slice.stop, &index.slice.step};
    const char* keys[] = {"start", "stop", "step"};
    for (int k = 0; k < 3; ++k) {
      const json::Value* v = p.find(keys[k]);
      if (!v || v->is_null()) continue;
      if (auto i = v->as_integer())
        *parts[k] = *i;
      else
        index.slice.bounds_unknown = true;  // a tensor
    }
  } else {
    return std::nullopt;
  }
  return index;
}

// x[...]: slice_spec is an int, a slice {"start", "stop", "step"}, None (a new axis), Ellipsis
// ({"class_name": "__ellipsis__"}) or a list of them.
void getitem(const OpCall& op, Outcome& out) {
  const json::Value* spec = op.call().kwargs ? op.call().kwargs->find("slice_spec") : nullptr;
  if (!spec) return unknown(out, op, "no slice_spec");
  std::vector<ops::Index> keys;
  auto add = [&](const json::Value& p) {
    auto item = index_item(p);
    if (item) keys.push_back(*item);
    return item.has_value();
  };
  if (const json::Value* list = OpCall::items(*spec)) {
    for (const json::Value& item : list->items())
      if (!add(item)) return unknown(out, op, "an index is a tensor");
  } else if (!add(*spec)) {
    return unknown(out, op, "an index is a tensor");
  }
  report(op, out, ops::index(first_dims(op), keys, Unknown::kFits));
}

// tf.tile(input, multiples): one multiple per axis, the batch axis included.
void tile(const OpCall& op, Outcome& out) {
  auto multiples = op.ints("multiples");
  if (!multiples) return unknown(out, op, "multiples is a tensor");
  report(op, out, ops::tile(first_dims(op), *multiples));
}

// tf.repeat(input, repeats, axis=None): without an axis the input is flattened.
void repeat(const OpCall& op, Outcome& out) {
  auto repeats = op.ints("repeats");
  if (!repeats) return unknown(out, op, "repeats is a tensor");
  if (op.kwarg("axis") && !op.integer("axis")) return unknown(out, op, "the axis is a tensor");
  report(op, out, ops::repeat(first_dims(op), *repeats, op.integer("axis")));
}

// tf.pad(tensor, paddings): one [before, after] pair per axis, the batch axis included.
void pad(const OpCall& op, Outcome& out) {
  const json::Value* paddings = op.kwarg("paddings");
  const json::Value* list = paddings ? OpCall::items(*paddings) : nullptr;
  if (!list) return unknown(out, op, "paddings is a tensor");
  std::vector<std::pair<int64_t, int64_t>> pairs;
  for (const json::Value& item : list->items()) {
    auto pair = OpCall::int_list(item);
    if (!pair || pair->size() != 2) return unknown(out, op, "a padding is not a pair of integers");
    pairs.emplace_back((*pair)[0], (*pair)[1]);
  }
  report(op, out, ops::pad(first_dims(op), pairs));
}

// tf.split(value, num_or_size_splits, axis=0): a number of equal parts, or a list of sizes.
void split(const OpCall& op, Outcome& out) {
  if (op.kwarg("axis") && !op.integer("axis")) return unknown(out, op, "the axis is a tensor");
  int64_t axis = op.integer("axis").value_or(0);
  const json::Value* given = op.kwarg("num_or_size_splits");
  if (!given) return unknown(out, op, "num_or_size_splits is missing");
  if (auto n = given->as_integer())
    return report(op, out, ops::split(first_dims(op), *n, axis));
  auto sizes = OpCall::int_list(*given);
  if (!sizes) return unknown(out, op, "num_or_size_splits is a tensor");
  report(op, out, ops::split_sizes(first_dims(op), *sizes, axis));
}

// tf.unstack(value, num=None, axis=0).
void unstack(const OpCall& op, Outcome& out) {
  if (op.kwarg("axis") && !op.integer("axis")) return unknown(out, op, "the axis is a tensor");
  if (op.kwarg("num") && !op.integer("num")) return unknown(out, op, "num is a tensor");
  report(op, out,
         ops::unstack(first_dims(op), op.integer("num"), op.integer("axis").value_or(0)));
}

// tf.one_hot(indices, depth, ..., axis=-1): a new axis of `depth`.
void one_hot(const OpCall& op, Outcome& out) {
  auto depth = op.integer("depth");
  if (!depth) return unknown(out, op, "depth is a tensor");
  if (op.kwarg("axis") && !op.integer("axis")) return unknown(out, op, "the axis is a tensor");
  report(op, out, ops::one_hot(first_dims(op), *depth, op.integer("axis").value_or(-1)));
}

// tf.math.top_k(input, k=1): values and indices.
void top_k(const OpCall& op, Outcome& out) {
  if (op.kwarg("k") && !op.integer("k")) return unknown(out, op, "k is a tensor");
  report(op, out, ops::top_k(first_dims(op), op.integer("k").value_or(1)));
}

// tf.shape(input): a vector with one entry per axis.
void shape_of(const OpCall& op, Outcome& out) {
  report(op, out, ops::shape_of(first_dims(op)));
}

// tf.image.resize(images, size).
void image_resize(const OpCall& op, Outcome& out) {
  auto size = op.ints("size");
  if (!size || size->size() != 2) return unknown(out, op, "size is not two integers");
  report(op, out, ops::resize(first_dims(op), (*size)[0], (*size)[1]));
}

// tf.gather(params, indices, validate_indices, axis=None, batch_dims=0): axis defaults to
// batch_dims.
void gather(const OpCall& op, Outcome& out) {
  auto indices = op.operand("indices");
  if (!indices) return unknown(out, op, "indices is neither a tensor nor a constant");
  if ((op.kwarg("axis") && !op.integer("axis")) ||
      (op.kwarg("batch_dims") && !op.integer("batch_dims")))
    return unknown(out, op, "the axis or batch_dims is a tensor");
  int64_t batch_dims = op.integer("batch_dims").value_or(0);
  report(op, out,
         ops::gather(first_dims(op), indices->dims(), op.integer("axis").value_or(batch_dims),
                           batch_dims));
}

struct OpEntry {
  void (*rule)(const OpCall&, Outcome&) = nullptr;
  bool accepts_constant = false;  // the first argument may be a constant, as in 1.0 - x
  bool takes_list = false;        // the first argument is a list of tensors, as in tf.concat
};

// The rules, by the op's canonical name as TFOpLambda writes it.
const std::unordered_map<std::string_view, OpEntry>& op_rules() {
  static const auto* rules = [] {
    auto* table = new std::unordered_map<std::string_view, OpEntry>;
    for (std::string_view name : {"identity",
                                  "stop_gradient",
                                  "cast",
                                  "dtypes.cast",
                                  "math.abs",
                                  "math.negative",
                                  "math.exp",
                                  "math.log",
                                  "math.log1p",
                                  "math.sqrt",
                                  "math.rsqrt",
                                  "math.square",
                                  "math.reciprocal",
                                  "math.sign",
                                  "math.round",
                                  "math.floor",
                                  "math.ceil",
                                  "math.sin",
                                  "math.cos",
                                  "math.erf",
                                  "math.sigmoid",
                                  "math.tanh",
                                  "math.softplus",
                                  "math.softsign",
                                  "math.logical_not",
                                  "math.is_nan",
                                  "math.is_finite",
                                  "math.cumsum",
                                  "math.cumprod",
                                  "math.l2_normalize",
                                  "math.softmax",
                                  "math.log_softmax",
                                  "nn.relu",
                                  "nn.relu6",
                                  "nn.elu",
                                  "nn.selu",
                                  "nn.gelu",
                                  "nn.silu",
                                  "nn.swish",
                                  "nn.leaky_relu",
                                  "nn.softmax",
                                  "nn.log_softmax",
                                  "nn.softplus",
                                  "nn.l2_normalize",
                                  "nn.dropout",
                                  "nn.bias_add",
                                  "clip_by_value",
                                  "ones_like",
                                  "zeros_like",
                                  "linalg.l2_normalize",
                                  "image.convert_image_dtype",
                                  "math.scalar_mul"})
      (*table)[name] = {unary, true};
    for (std::string_view name : {"__operators__.add",  "math.add",
                                  "math.subtract",      "math.multiply",
                                  "math.truediv",       "math.divide",
                                  "math.floordiv",      "math.floormod",
                                  "math.pow",           "math.maximum",
                                  "math.minimum",       "math.squared_difference",
                                  "math.divide_no_nan", "math.multiply_no_nan",
                                  "math.equal",         "math.not_equal",
                                  "math.greater",       "math.greater_equal",
                                  "math.less",          "math.less_equal",
                                  "math.logical_and",   "math.logical_or",
                                  "math.logical_xor",   "__operators__.eq",
                                  "__operators__.ne"})
      (*table)[name] = {binary, true};
    for (std::string_view name :
         {"math.reduce_mean", "math.reduce_sum", "math.reduce_max", "math.reduce_min",
          "math.reduce_prod", "math.reduce_std", "math.reduce_variance", "math.reduce_logsumexp",
          "math.reduce_any", "math.reduce_all", "math.reduce_euclidean_norm", "math.count_nonzero"})
      (*table)[name] = {reduce};
    (*table)["math.argmax"] = {arg_reduce};
    (*table)["math.argmin"] = {arg_reduce};
    (*table)["reshape"] = {reshape};
    (*table)["expand_dims"] = {expand_dims};
    (*table)["squeeze"] = {squeeze};
    (*table)["transpose"] = {transpose};
    (*table)["concat"] = {concat, false, true};
    (*table)["stack"] = {stack, false, true};
    (*table)["math.add_n"] = {add_n, false, true};
    (*table)["linalg.matmul"] = {matmul, true};
    (*table)["__operators__.getitem"] = {getitem};
    (*table)["tile"] = {tile};
    (*table)["pad"] = {pad};
    (*table)["split"] = {split};
    (*table)["one_hot"] = {one_hot};
    (*table)["shape"] = {shape_of};
    (*table)["image.resize"] = {image_resize};
    (*table)["gather"] = {gather};
    (*table)["einsum"] = {einsum, false, true};
    (*table)["math.top_k"] = {top_k};
    (*table)["repeat"] = {repeat};
    (*table)["unstack"] = {unstack};
    return table;
  }();
  return *rules;
}

// The canonical name of an op, without "tf." or "compat.v1." and with the shorthand aliases
// (tf.add is math.add, tf.matmul is linalg.matmul, ...).
std::string canonical(std::string name) {
  if (name.rfind("tf.", 0) == 0) name = name.substr(3);
  if (name.rfind("compat.v1.", 0) == 0) name = name.substr(10);
  static const std::unordered_map<std::string_view, std::string_view> aliases = {
      {"add", "math.add"},
      {"subtract", "math.subtract"},
      {"multiply", "math.multiply"},
      {"divide", "math.divide"},
      {"truediv", "math.truediv"},
      {"maximum", "math.maximum"},
      {"minimum", "math.minimum"},
      {"pow", "math.pow"},
      {"abs", "math.abs"},
      {"exp", "math.exp"},
      {"sqrt", "math.sqrt"},
      {"square", "math.square"},
      {"sigmoid", "math.sigmoid"},
      {"tanh", "math.tanh"},
      {"matmul", "linalg.matmul"},
      {"reduce_mean", "math.reduce_mean"},
      {"reduce_sum", "math.reduce_sum"},
      {"reduce_max", "math.reduce_max"},
      {"reduce_min", "math.reduce_min"},
      {"reduce_prod", "math.reduce_prod"},
      {"argmax", "math.argmax"},
      {"argmin", "math.argmin"},
      {"equal", "math.equal"},
      {"negative", "math.negative"},
      {"nn.sigmoid", "math.sigmoid"},
      {"nn.tanh", "math.tanh"},
      {"log", "math.log"},
      {"add_n", "math.add_n"},
      {"nn.top_k", "math.top_k"},
      {"linalg.einsum", "einsum"}};
  auto it = aliases.find(name);
  return it == aliases.end() ? name : std::string(it->second);
}

void tf_op(const LayerCall& call, Outcome& out) {
  std::string op = canonical(call.config.string("function", ""));
  OpCall op_call(call, op);
  auto it = op_rules().find(op);
  if (it == op_rules().end()) {
    Diagnostic& d = out.warning(
        "DS0101", fmt::format("dimsum has no rule for the TensorFlow op tf.{}; its output shape is "
                              "unknown",
                              op));
    d.help.push_back(
        fmt::format("to check the layers after it, state its output shape, batch "
                    "axis first: --assume {}=SHAPE",
                    call.layer_name.empty() ? "LAYER" : call.layer_name));
    out.outputs = {Shape::unknown()};
    return;
  }
  const OpEntry& entry = it->second;
  if (call.inputs.empty() && !entry.accepts_constant)
    return unknown(out, op_call, "its first argument is a constant");
  if (call.inputs.size() > 1 && !entry.takes_list)
    return unknown(out, op_call, "its first argument is a list");
  if (call.constant && !call.inputs.empty())
    return unknown(out, op_call, "a constant sits among its tensors");
  entry.rule(op_call, out);
}

}  // namespace

void register_tf_op_layers(LayerRegistry& registry) {
  registry.add("TFOpLambda", tf_op);
  registry.add("SlicingOpLambda", tf_op);
}

}  // namespace dimsum
