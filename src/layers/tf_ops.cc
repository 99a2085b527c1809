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
#include "shape/array_ops.h"

namespace dimsum {

namespace {

using Dims = Dims;

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

Diagnostic& op_error(Outcome& out, const OpCall& op, std::string code, Cause cause,
                     std::string message) {
  return out.error(std::move(code), cause, fmt::format("tf.{}: {}", op.op(), message));
}

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

std::optional<size_t> axis_in(const OpCall& op, Outcome& out, int64_t axis, size_t rank) {
  auto resolved = normalize_axis(axis, rank);
  if (resolved) return resolved;
  Diagnostic& d =
      op_error(out, op, "DS0008", Cause::kLayerMisconfiguration,
               fmt::format("axis {} is out of range for a tensor of rank {}", axis, rank));
  d.help.push_back(
      fmt::format("use an axis from {} to {}; TensorFlow ops count the batch axis "
                  "as axis 0",
                  -static_cast<int64_t>(rank), static_cast<int64_t>(rank) - 1));
  return std::nullopt;
}

void unary(const OpCall& op, Outcome& out) {
  auto x = op.first();
  if (!x) return unknown(out, op, "no tensor argument");
  out.outputs = {*x};
}

void binary(const OpCall& op, Outcome& out) {
  auto x = op.first();
  auto y = op.operand("y");
  if (!x || !y) return unknown(out, op, "an operand is neither a tensor nor a constant");
  auto dims = array_ops::broadcast(x->dims(), y->dims()).dims;
  if (!dims) {
    Diagnostic& d =
        op_error(out, op, "DS0005", Cause::kLayerMisconfiguration,
                 fmt::format("shapes {} and {} do not broadcast", to_string(*x), to_string(*y)));
    d.notes.push_back(
        "TensorFlow aligns shapes from the last axis; each pair of sizes must be "
        "equal or one of them 1, the batch axis included");
    d.help.push_back(
        "reshape one operand (tf.reshape, tf.expand_dims) so that the sizes match "
        "or are 1");
    return;
  }
  out.outputs = {Shape(std::move(*dims))};
}

// tf.math.reduce_* (input_tensor, axis=None, keepdims=False); tf.compat.v1's reduction_indices
// and keep_dims.
void reduce(const OpCall& op, Outcome& out) {
  const Shape& x = op.tensors()[0];
  bool keepdims = op.boolean("keepdims", false, "keep_dims");
  std::vector<bool> reduced(x.rank(), false);
  if (op.kwarg("axis", "reduction_indices")) {
    auto axes = op.ints("axis", "reduction_indices");
    if (!axes) return unknown(out, op, "the axis is a tensor");
    for (int64_t axis : *axes) {
      auto resolved = axis_in(op, out, axis, x.rank());
      if (!resolved) return;
      reduced[*resolved] = true;
    }
  } else {
    reduced.assign(x.rank(), true);
  }
  Dims dims;
  for (size_t i = 0; i < x.rank(); ++i) {
    if (!reduced[i])
      dims.push_back(x[i]);
    else if (keepdims)
      dims.push_back(Dim(1));
  }
  out.outputs = {Shape(std::move(dims))};
}

// tf.math.argmax / argmin (input, axis=None: axis 0): the axis goes away.
void arg_reduce(const OpCall& op, Outcome& out) {
  const Shape& x = op.tensors()[0];
  auto axis = axis_in(op, out, op.integer("axis", "dimension").value_or(0), x.rank());
  if (!axis) return;
  Dims dims = x.dims();
  dims.erase(dims.begin() + static_cast<long>(*axis));
  out.outputs = {Shape(std::move(dims))};
}

// tf.reshape(tensor, shape): the shape includes the batch axis; one size may be -1. A size given
// as a tensor (tf.shape(x)[0]) is unknown.
void reshape(const OpCall& op, Outcome& out) {
  const Shape& x = op.tensors()[0];
  const json::Value* shape = op.kwarg("shape");
  const json::Value* list = shape ? OpCall::items(*shape) : nullptr;
  if (!list) return unknown(out, op, "the shape is a tensor");
  Dims target;
  int inferred = -1;
  std::optional<int64_t> known_product = 1;
  bool all_known = true;
  for (size_t i = 0; i < list->items().size(); ++i) {
    auto v = list->items()[i].as_integer();
    if (v && *v == -1 && inferred < 0) {
      inferred = static_cast<int>(i);
      target.push_back(Dim::unknown());
    } else if (v && *v >= 0) {
      target.push_back(Dim(*v));
      known_product = maybe_product({known_product, *v});
    } else if (v) {
      Diagnostic& d =
          op_error(out, op, "DS0004", Cause::kIncorrectReshaping,
                   fmt::format("the shape has a size {} other than -1, or -1 twice", *v));
      d.help.push_back("give every size explicitly, with at most one -1");
      return;
    } else {
      target.push_back(Dim::unknown());
      all_known = false;
    }
  }
  if (!known_product) return report_overflow(out, "element count");
  auto elements = dims_product(x.dims());
  if (elements && all_known) {
    bool fits = inferred >= 0 ? (*known_product > 0 && *elements % *known_product == 0)
                              : *elements == *known_product;
    if (!fits) {
      Diagnostic& d =
          op_error(out, op, "DS0003", Cause::kIncorrectReshaping,
                   fmt::format("cannot reshape {} ({} elements, the batch axis included) into {}",
                               to_string(x), *elements, tuple_string(target)));
      d.notes.push_back("tf.reshape's shape includes the batch axis, unlike keras.layers.Reshape");
      d.help.push_back(
          fmt::format("choose a shape whose sizes multiply to {}; one may be -1", *elements));
      return;
    }
    if (inferred >= 0) target[static_cast<size_t>(inferred)] = Dim(*elements / *known_product);
  } else if (inferred >= 0 && all_known) {
    // With the batch unknown, -1 usually stands for it: the rest must hold the other sizes.
    auto rest =
        x.rank() > 0 ? dims_product(Dims(x.dims().begin() + 1, x.dims().end())) : std::nullopt;
    if (rest && !x[0].known() && *rest == *known_product && inferred == 0) target[0] = x[0];
  }
  out.outputs = {Shape(std::move(target))};
}

// tf.expand_dims(input, axis): a size-1 axis at `axis` (from -rank-1 to rank).
void expand_dims(const OpCall& op, Outcome& out) {
  const Shape& x = op.tensors()[0];
  auto axis = op.integer("axis", "dim");
  if (!axis) return unknown(out, op, "the axis is missing or a tensor");
  auto resolved = axis_in(op, out, *axis, x.rank() + 1);
  if (!resolved) return;
  Dims dims = x.dims();
  dims.insert(dims.begin() + static_cast<long>(*resolved), Dim(1));
  out.outputs = {Shape(std::move(dims))};
}

// tf.squeeze(input, axis=None): the given axes must have size 1; without axes, every size-1 axis
// goes, which needs every size known.
void squeeze(const OpCall& op, Outcome& out) {
  const Shape& x = op.tensors()[0];
  Dims dims;
  if (auto axes = op.ints("axis", "squeeze_dims")) {
    std::vector<bool> gone(x.rank(), false);
    for (int64_t axis : *axes) {
      auto resolved = axis_in(op, out, axis, x.rank());
      if (!resolved) return;
      Dim size = x[*resolved];
      if (size.known() && size.value() != 1) {
        Diagnostic& d = op_error(out, op, "DS0008", Cause::kLayerMisconfiguration,
                                 fmt::format("cannot squeeze axis {} of size {} in {}", axis,
                                             size.value(), to_string(x)));
        d.help.push_back("squeeze only axes of size 1");
        return;
      }
      gone[*resolved] = true;
    }
    for (size_t i = 0; i < x.rank(); ++i)
      if (!gone[i]) dims.push_back(x[i]);
  } else {
    for (Dim d : x.dims()) {
      if (!d.known()) return unknown(out, op, "which axes have size 1 is unknown");
      if (d.value() != 1) dims.push_back(d);
    }
  }
  out.outputs = {Shape(std::move(dims))};
}

// tf.transpose(a, perm=None): perm covers every axis, the batch axis included; None reverses.
void transpose(const OpCall& op, Outcome& out) {
  const Shape& x = op.tensors()[0];
  std::vector<int64_t> perm;
  if (op.kwarg("perm")) {
    auto given = op.ints("perm");
    if (!given) return unknown(out, op, "perm is a tensor");
    perm = *given;
  } else {
    for (size_t i = x.rank(); i > 0; --i) perm.push_back(static_cast<int64_t>(i - 1));
  }
  std::vector<int64_t> sorted = perm;
  std::sort(sorted.begin(), sorted.end());
  bool valid = sorted.size() == x.rank();
  for (size_t i = 0; valid && i < sorted.size(); ++i) valid = sorted[i] == static_cast<int64_t>(i);
  if (!valid) {
    Diagnostic& d = op_error(out, op, "DS0008", Cause::kLayerMisconfiguration,
                             fmt::format("perm {} is not a permutation of the {} axes of {}",
                                         python_tuple(perm), x.rank(), to_string(x)));
    d.help.push_back("list every axis once, the batch axis 0 included");
    return;
  }
  Dims dims;
  for (int64_t axis : perm) dims.push_back(x[static_cast<size_t>(axis)]);
  out.outputs = {Shape(std::move(dims))};
}

// tf.concat(values, axis): every other axis must agree; the batch axis can be joined too.
void concat(const OpCall& op, Outcome& out) {
  const std::vector<Shape>& values = op.tensors();
  auto axis_value = op.integer("axis");
  if (!axis_value) return unknown(out, op, "the axis is missing or a tensor");
  auto axis = axis_in(op, out, *axis_value, values[0].rank());
  if (!axis) return;
  Dims dims = values[0].dims();
  for (size_t n = 1; n < values.size(); ++n) {
    const Shape& s = values[n];
    bool fits = s.rank() == dims.size();
    for (size_t i = 0; fits && i < dims.size(); ++i) {
      if (i == *axis) continue;
      if (dims[i].known() && s[i].known() && dims[i] != s[i]) fits = false;
      if (!dims[i].known()) dims[i] = s[i];
    }
    if (!fits) {
      std::string shapes;
      for (const Shape& v : values) shapes += (shapes.empty() ? "" : " and ") + to_string(v);
      Diagnostic& d = op_error(out, op, "DS0005", Cause::kLayerMisconfiguration,
                               fmt::format("cannot concatenate {} on axis {}: the other sizes "
                                           "differ",
                                           shapes, *axis_value));
      d.help.push_back("make every axis but the concatenation axis agree");
      return;
    }
    auto joined = checked_add(dims[*axis], s[*axis]);
    if (!joined) return report_overflow(out, "concatenated size");
    dims[*axis] = *joined;
  }
  out.outputs = {Shape(std::move(dims))};
}

// The one shape of tensors that must all have it (tf.stack, tf.math.add_n): unknown sizes take
// the others' known ones; nullopt (after reporting) when two known sizes differ.
std::optional<Dims> equal_shapes(const OpCall& op, Outcome& out) {
  const std::vector<Shape>& values = op.tensors();
  Dims dims = values[0].dims();
  for (const Shape& s : values) {
    bool equal = s.rank() == dims.size();
    for (size_t i = 0; equal && i < dims.size(); ++i) {
      equal = !dims[i].known() || !s[i].known() || dims[i] == s[i];
      if (!dims[i].known()) dims[i] = s[i];
    }
    if (equal) continue;
    Diagnostic& d = op_error(
        out, op, "DS0005", Cause::kLayerMisconfiguration,
        fmt::format("{} and {} must have the same shape", to_string(values[0]), to_string(s)));
    d.help.push_back("give every tensor of the list the same shape");
    return std::nullopt;
  }
  return dims;
}

// tf.stack(values, axis=0): equal shapes, stacked on a new axis.
void stack(const OpCall& op, Outcome& out) {
  auto axis = axis_in(op, out, op.integer("axis").value_or(0), op.tensors()[0].rank() + 1);
  if (!axis) return;
  auto dims = equal_shapes(op, out);
  if (!dims) return;
  dims->insert(dims->begin() + static_cast<long>(*axis),
               Dim(static_cast<int64_t>(op.tensors().size())));
  out.outputs = {Shape(std::move(*dims))};
}

// tf.linalg.matmul(a, b, transpose_a, transpose_b, adjoint_a, adjoint_b): the leading axes
// broadcast; a's last axis meets b's second to last.
void matmul(const OpCall& op, Outcome& out) {
  auto a = op.first();
  auto b = op.operand("b");
  if (!a || !b) return unknown(out, op, "an operand is neither a tensor nor a constant");
  if (a->rank() < 2 || b->rank() < 2) {
    Diagnostic& d = op_error(out, op, "DS0002", Cause::kLayerMisconfiguration,
                             fmt::format("needs operands of rank 2 or more, got {} and {}",
                                         to_string(*a), to_string(*b)));
    d.help.push_back("use tf.expand_dims to give a vector a second axis");
    return;
  }
  bool ta = op.boolean("transpose_a", false) || op.boolean("adjoint_a", false);
  bool tb = op.boolean("transpose_b", false) || op.boolean("adjoint_b", false);
  size_t ra = a->rank(), rb = b->rank();
  Dim rows = (*a)[ta ? ra - 1 : ra - 2], inner_a = (*a)[ta ? ra - 2 : ra - 1];
  Dim inner_b = (*b)[tb ? rb - 1 : rb - 2], cols = (*b)[tb ? rb - 2 : rb - 1];
  if (inner_a.known() && inner_b.known() && inner_a != inner_b) {
    Diagnostic& d =
        op_error(out, op, "DS0005", Cause::kLayerMisconfiguration,
                 fmt::format("cannot multiply {} by {}: inner sizes {} and {} differ",
                             to_string(*a), to_string(*b), inner_a.value(), inner_b.value()));
    d.help.push_back(
        "transpose one operand (transpose_a / transpose_b) or project it so the "
        "inner sizes match");
    return;
  }
  auto batch = array_ops::broadcast(Dims(a->dims().begin(), a->dims().end() - 2),
                                    Dims(b->dims().begin(), b->dims().end() - 2))
                   .dims;
  if (!batch) {
    Diagnostic& d = op_error(out, op, "DS0005", Cause::kLayerMisconfiguration,
                             fmt::format("the leading axes of {} and {} do not broadcast",
                                         to_string(*a), to_string(*b)));
    d.help.push_back("give both operands the same leading sizes (or 1)");
    return;
  }
  Dims dims = *batch;
  dims.push_back(rows);
  dims.push_back(cols);
  // Per sample: the first axis is the batch.
  out.macs = maybe_product({dims_product(Dims(dims.begin() + 1, dims.end())),
                            dims_product({inner_a.known() ? inner_a : inner_b})});
  out.outputs = {Shape(std::move(dims))};
}

// Python's slice.indices(n) length for one axis.
int64_t slice_length(int64_t n, std::optional<int64_t> start, std::optional<int64_t> stop,
                     int64_t step) {
  auto clamp = [&](std::optional<int64_t> v, int64_t fallback) {
    if (!v) return fallback;
    int64_t i = *v < 0 ? *v + n : *v;
    if (step > 0) return std::clamp<int64_t>(i, 0, n);
    return std::clamp<int64_t>(i, -1, n - 1);
  };
  int64_t from = clamp(start, step > 0 ? 0 : n - 1);
  int64_t to = clamp(stop, step > 0 ? n : -1);
  if (step > 0) return to > from ? (to - from + step - 1) / step : 0;
  return from > to ? (from - to - step - 1) / -step : 0;
}

// x[...]: slice_spec is an int, a slice {"start", "stop", "step"}, None (a new axis), Ellipsis
// ({"class_name": "__ellipsis__"}) or a list of them.
void getitem(const OpCall& op, Outcome& out) {
  const Shape& x = op.tensors()[0];
  const json::Value* spec = op.call().kwargs ? op.call().kwargs->find("slice_spec") : nullptr;
  if (!spec) return unknown(out, op, "no slice_spec");
  std::vector<const json::Value*> parts;
  if (const json::Value* list = OpCall::items(*spec)) {
    for (const json::Value& item : list->items()) parts.push_back(&item);
  } else {
    parts.push_back(spec);
  }
  auto is_ellipsis = [](const json::Value* v) {
    const json::Value* c = v->is_object() ? v->find("class_name") : nullptr;
    return c && c->text() == "__ellipsis__";
  };
  size_t consumed = 0;
  bool has_ellipsis = false;
  for (const json::Value* p : parts) {
    if (is_ellipsis(p))
      has_ellipsis = true;
    else if (!p->is_null())
      ++consumed;
  }
  if (consumed > x.rank()) {
    Diagnostic& d = op_error(
        out, op, "DS0002", Cause::kLayerMisconfiguration,
        fmt::format("indexes {} axes of {}, which has {}", consumed, to_string(x), x.rank()));
    d.help.push_back("index at most one entry per axis, the batch axis first");
    return;
  }
  Dims dims;
  size_t axis = 0;
  for (const json::Value* p : parts) {
    if (is_ellipsis(p)) {
      for (size_t k = 0; k < x.rank() - consumed; ++k) dims.push_back(x[axis++]);
      continue;
    }
    if (p->is_null()) {
      dims.push_back(Dim(1));
      continue;
    }
    Dim size = x[axis++];
    if (auto index = p->as_integer()) {
      if (size.known() && (*index >= size.value() || *index < -size.value())) {
        Diagnostic& d = op_error(out, op, "DS0008", Cause::kLayerMisconfiguration,
                                 fmt::format("index {} is out of range for axis {} of size {} in "
                                             "{}",
                                             *index, axis - 1, size.value(), to_string(x)));
        d.help.push_back(
            fmt::format("use an index from {} to {}", -size.value(), size.value() - 1));
        return;
      }
      continue;
    }
    if (!p->is_object() || !p->find("start")) return unknown(out, op, "an index is a tensor");
    auto bound = [&](const char* key) -> std::optional<std::optional<int64_t>> {
      const json::Value* v = p->find(key);
      if (!v || v->is_null()) return std::optional<int64_t>();
      if (auto i = v->as_integer()) return std::optional<int64_t>(*i);
      return std::nullopt;  // a tensor
    };
    auto start = bound("start"), stop = bound("stop"), step = bound("step");
    if (!start || !stop || !step) {
      dims.push_back(Dim::unknown());
      continue;
    }
    int64_t stride = step->value_or(1);
    if (stride == 0) {
      Diagnostic& d =
          op_error(out, op, "DS0008", Cause::kLayerMisconfiguration, "a slice step cannot be 0");
      d.help.push_back("use a step of 1 or more (or negative to reverse)");
      return;
    }
    bool whole = !*start && !*stop && stride == 1;
    if (whole || !size.known())
      dims.push_back(whole ? size : Dim::unknown());
    else
      dims.push_back(Dim(slice_length(size.value(), *start, *stop, stride)));
  }
  if (!has_ellipsis)
    while (axis < x.rank()) dims.push_back(x[axis++]);
  out.outputs = {Shape(std::move(dims))};
}

// tf.tile(input, multiples) and tf.pad(tensor, paddings): per axis, the batch axis included.
void tile(const OpCall& op, Outcome& out) {
  const Shape& x = op.tensors()[0];
  auto multiples = op.ints("multiples");
  if (!multiples) return unknown(out, op, "multiples is a tensor");
  if (multiples->size() != x.rank()) {
    Diagnostic& d = op_error(out, op, "DS0008", Cause::kLayerMisconfiguration,
                             fmt::format("multiples {} need one entry per axis of {}",
                                         python_tuple(*multiples), to_string(x)));
    d.help.push_back("give one multiple per axis, the batch axis first");
    return;
  }
  Dims dims;
  for (size_t i = 0; i < x.rank(); ++i) {
    auto grown = checked_mul(x[i], Dim((*multiples)[i]));
    if (!grown) return report_overflow(out, "tiled size");
    dims.push_back(*grown);
  }
  out.outputs = {Shape(std::move(dims))};
}

void pad(const OpCall& op, Outcome& out) {
  const Shape& x = op.tensors()[0];
  const json::Value* paddings = op.kwarg("paddings");
  const json::Value* list = paddings ? OpCall::items(*paddings) : nullptr;
  if (!list) return unknown(out, op, "paddings is a tensor");
  if (list->items().size() != x.rank()) {
    Diagnostic& d = op_error(
        out, op, "DS0008", Cause::kLayerMisconfiguration,
        fmt::format("paddings need one [before, after] pair per axis of {}", to_string(x)));
    d.help.push_back("give one pair per axis, the batch axis first ([0, 0] for it)");
    return;
  }
  Dims dims;
  for (size_t i = 0; i < x.rank(); ++i) {
    auto pair = OpCall::int_list(list->items()[i]);
    if (!pair || pair->size() != 2) return unknown(out, op, "a padding is not a pair of integers");
    auto grown = checked_add(x[i], Dim((*pair)[0] + (*pair)[1]));
    if (!grown) return report_overflow(out, "padded size");
    dims.push_back(*grown);
  }
  out.outputs = {Shape(std::move(dims))};
}

// tf.split(value, num_or_size_splits, axis=0): several outputs.
void split(const OpCall& op, Outcome& out) {
  const Shape& x = op.tensors()[0];
  auto axis = axis_in(op, out, op.integer("axis").value_or(0), x.rank());
  if (!axis) return;
  auto splits = op.ints("num_or_size_splits");
  if (!splits) return unknown(out, op, "num_or_size_splits is a tensor");
  Dim size = x[*axis];
  Dims parts;
  if (splits->size() == 1 && op.kwarg("num_or_size_splits")->is_number()) {
    int64_t n = (*splits)[0];
    if (n < 1 || (size.known() && size.value() % n != 0)) {
      Diagnostic& d = op_error(out, op, "DS0008", Cause::kLayerMisconfiguration,
                               fmt::format("cannot split axis {} of size {} into {} equal parts",
                                           *axis, to_string(size), n));
      d.help.push_back("split into a number of parts that divides the size, or give the sizes");
      return;
    }
    parts.assign(static_cast<size_t>(n), size.known() ? Dim(size.value() / n) : Dim::unknown());
  } else {
    for (int64_t s : *splits) parts.push_back(s < 0 ? Dim::unknown() : Dim(s));
  }
  for (Dim part : parts) {
    Dims dims = x.dims();
    dims[*axis] = part;
    out.outputs.push_back(Shape(std::move(dims)));
  }
}

// tf.one_hot(indices, depth, ..., axis=-1): a new axis of `depth`.
void one_hot(const OpCall& op, Outcome& out) {
  const Shape& x = op.tensors()[0];
  auto depth = op.integer("depth");
  if (!depth) return unknown(out, op, "depth is a tensor");
  auto axis = axis_in(op, out, op.integer("axis").value_or(-1), x.rank() + 1);
  if (!axis) return;
  Dims dims = x.dims();
  dims.insert(dims.begin() + static_cast<long>(*axis), Dim(*depth));
  out.outputs = {Shape(std::move(dims))};
}

// tf.shape(input): a vector with one entry per axis.
void shape_of(const OpCall& op, Outcome& out) {
  out.outputs = {Shape({Dim(static_cast<int64_t>(op.tensors()[0].rank()))})};
}

// tf.image.resize(images, size): (batch, height, width, channels) to the given size.
void image_resize(const OpCall& op, Outcome& out) {
  const Shape& x = op.tensors()[0];
  auto size = op.ints("size");
  if (!size || size->size() != 2) return unknown(out, op, "size is not two integers");
  if (x.rank() != 3 && x.rank() != 4) {
    Diagnostic& d = op_error(out, op, "DS0002", Cause::kLayerMisconfiguration,
                             fmt::format("needs images of rank 3 or 4, got {}", to_string(x)));
    d.help.push_back("give it (batch, height, width, channels)");
    return;
  }
  Dims dims = x.dims();
  dims[x.rank() - 3] = Dim((*size)[0]);
  dims[x.rank() - 2] = Dim((*size)[1]);
  out.outputs = {Shape(std::move(dims))};
}

// tf.gather(params, indices, axis=0): params[:axis] + indices + params[axis + 1:].
void gather(const OpCall& op, Outcome& out) {
  const Shape& params = op.tensors()[0];
  auto indices = op.operand("indices");
  if (!indices || op.integer("batch_dims").value_or(0) != 0)
    return unknown(out, op, "indices or batch_dims it cannot follow");
  auto axis = axis_in(op, out, op.integer("axis").value_or(0), params.rank());
  if (!axis) return;
  Dims dims(params.dims().begin(), params.dims().begin() + static_cast<long>(*axis));
  dims.insert(dims.end(), indices->dims().begin(), indices->dims().end());
  dims.insert(dims.end(), params.dims().begin() + static_cast<long>(*axis) + 1,
              params.dims().end());
  out.outputs = {Shape(std::move(dims))};
}

// tf.math.add_n(inputs): the sum of a list of tensors of one shape.
void add_n(const OpCall& op, Outcome& out) {
  if (auto dims = equal_shapes(op, out)) out.outputs = {Shape(std::move(*dims))};
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
      {"add_n", "math.add_n"}};
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
