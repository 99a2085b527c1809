// Arrays of data in the reader: NumPy's (and TensorFlow's) operations on them as the Python
// values of python_value.h carry them. The shape rules themselves are the operations library,
// src/ops/ops.h; this file turns Python arguments into their parameters, and a rule's verdict
// into a value: an array, an array of unknown shape, or an unknown value when NumPy raises.
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "python/language/interpreter.h"
#include "python/libraries/library.h"

namespace dimsum::python {

using ops::Dialect;
using ops::DType;
using ops::Result;
using ops::Unknown;

namespace {

std::optional<Dim> element_count(const Dims& dims) {
  Dim n(1);
  for (Dim d : dims) {
    auto next = checked_mul(n, d);
    if (!next) return std::nullopt;
    n = *next;
  }
  return n;
}

// The value a rule's verdict stands for: the array; an array of unknown shape when the rule
// cannot tell; an unknown value, saying why, when NumPy raises.
Value array_result(const Result& result, DType dtype, uint32_t offset, std::string_view what) {
  if (result.dims) return data(*result.dims, offset, dtype);
  if (result.raises())
    return unknown(fmt::format("{}, which NumPy rejects ({})", what, result.error), offset);
  return data(std::nullopt, offset, dtype);
}

// An int or a tuple/list of ints: axes, a permutation. nullopt when any is not a known int.
std::optional<std::vector<int64_t>> int_list(const Value& v) {
  if (v.kind == Kind::kInt) return std::vector<int64_t>{v.integer};
  if (!v.is_sequence() || v.repeat) return std::nullopt;
  std::vector<int64_t> out;
  for (const Value& item : *v.items) {
    if (item.kind != Kind::kInt) return std::nullopt;
    out.push_back(item.integer);
  }
  return out;
}

// An axis argument: nullopt inside when it is absent or None (all axes); an outer nullopt when
// dimsum cannot read it.
std::optional<std::optional<std::vector<int64_t>>> axes_argument(const Value* v) {
  if (!v || v->kind == Kind::kNone) return std::optional<std::vector<int64_t>>();
  auto axes = int_list(*v);
  if (!axes) return std::nullopt;
  return std::optional<std::vector<int64_t>>(std::move(*axes));
}

bool flag(const Value* v) { return v && v->kind == Kind::kBool && v->boolean; }

bool is_float_function(std::string_view name) {
  static constexpr std::array<std::string_view, 12> kNames = {"exp",   "log",     "log1p", "sqrt",
                                                              "tanh",  "sigmoid", "sin",   "cos",
                                                              "floor", "ceil",    "log2",  "log10"};
  return std::find(kNames.begin(), kNames.end(), name) != kNames.end();
}

bool is_kind_keeping_function(std::string_view name) {
  static constexpr std::array<std::string_view, 10> kNames = {
      "abs",  "absolute", "square",        "clip",       "clip_by_value",
      "copy", "identity", "stop_gradient", "nan_to_num", "relu"};
  return std::find(kNames.begin(), kNames.end(), name) != kNames.end();
}

bool is_elementwise(std::string_view name) {
  static constexpr std::array<std::string_view, 14> kNames = {
      "softmax", "round",   "sign",  "negative", "cast",  "float32",
      "float64", "float16", "int32", "int64",    "uint8", "convert_image_dtype",
      "rint",    "around"};
  return is_float_function(name) || is_kind_keeping_function(name) ||
         std::find(kNames.begin(), kNames.end(), name) != kNames.end();
}

bool is_reduction(std::string_view name) {
  static constexpr std::array<std::string_view, 18> kNames = {
      "sum",         "mean",       "max",        "min",         "prod", "std",
      "var",         "argmax",     "argmin",     "amax",        "amin", "reduce_sum",
      "reduce_mean", "reduce_max", "reduce_min", "reduce_prod", "all",  "any"};
  return std::find(kNames.begin(), kNames.end(), name) != kNames.end();
}

// The kind of a reduction's result from its input's.
DType reduced_dtype(std::string_view name, DType x) {
  if (name == "argmax" || name == "argmin") return DType::kInt;
  if (name == "all" || name == "any") return DType::kBool;
  if (name == "mean" || name == "std" || name == "var" || name == "reduce_mean")
    return x == DType::kUnknown ? x : DType::kFloat;
  if ((name == "sum" || name == "prod") && x == DType::kBool) return DType::kInt;
  return x;
}

// The arrays of np.stack([...]) and the like: their shapes, and the widest kind.
std::optional<std::vector<Dims>> shapes_of(const Value* arrays, DType& dtype) {
  if (!arrays || !arrays->is_sequence()) return std::nullopt;
  std::vector<Dims> out;
  dtype = DType::kBool;
  for (int64_t i = 0; i < arrays->length(); ++i) {
    auto shape = array_shape(arrays->item(i));
    if (!shape) return std::nullopt;
    out.push_back(*shape);
    dtype = std::max(dtype, array_dtype(arrays->item(i)));
    if (array_dtype(arrays->item(i)) == DType::kUnknown) dtype = DType::kUnknown;
  }
  if (out.empty()) dtype = DType::kFloat;
  return out;
}

// The sizes of a reshape's target: ints (-1 for the one to infer), None for a size computed at
// run time (the batch axis only, as for shape arguments).
std::optional<std::vector<std::optional<int64_t>>> reshape_target(const Value& target) {
  std::vector<Value> items;
  if (target.kind == Kind::kInt)
    items = {target};
  else if (target.is_sequence() && !target.repeat)
    items = *target.items;
  else
    return std::nullopt;
  std::vector<std::optional<int64_t>> out;
  for (const Value& item : items) {
    if (item.kind == Kind::kInt)
      out.push_back(item.integer);
    else if (!item.known())
      out.push_back(std::nullopt);
    else
      return std::nullopt;
  }
  return out;
}

// The shape of an array of unknown shape (loaded from a file) after reshape(sizes), when NumPy
// does not raise: the sizes given, the first one unknown when it is inferred (-1) or computed at
// run time. An unknown size elsewhere would read as Keras' None, which a Dense on the last axis
// rejects: nullopt then, as for a target NumPy rejects (another negative size).
std::optional<Dims> reshaped_unknown(const std::vector<std::optional<int64_t>>& sizes) {
  Dims out;
  for (size_t i = 0; i < sizes.size(); ++i) {
    const auto& size = sizes[i];
    if (size && *size >= 0)
      out.push_back(Dim(*size));
    else if (i == 0 && (!size || *size == -1))
      out.push_back(Dim::unknown());  // the samples
    else
      return std::nullopt;
  }
  return out;
}

// One key of x[...] as ops takes it: ok false when NumPy raises on it, and `index` nullopt
// when dimsum cannot tell what it is.
struct KeyReading {
  std::optional<ops::Index> index;
  std::string error;
};

void value_range(const Value& v, std::optional<int64_t>& least, std::optional<int64_t>& greatest,
                 bool& all_known, int depth) {
  if (v.kind == Kind::kInt || v.kind == Kind::kBool) {
    least = std::min(least.value_or(v.integer), v.integer);
    greatest = std::max(greatest.value_or(v.integer), v.integer);
  } else if (v.is_sequence() && depth < kMaxNesting) {
    for (int64_t i = 0; i < v.length(); ++i)
      value_range(v.item(i), least, greatest, all_known, depth + 1);
  } else {
    all_known = false;
  }
}

KeyReading index_of(const Value& key) {
  using I = ops::Index;
  I index;
  switch (key.kind) {
    case Kind::kInt: index.integer = key.integer; return {index, {}};
    case Kind::kBool:  // a 0-d mask: a new axis of 1 item (True) or none
      index.kind = I::Kind::kBoolArray;
      index.true_count = key.boolean ? 1 : 0;
      return {index, {}};
    case Kind::kNone: index.kind = I::Kind::kNewAxis; return {index, {}};
    case Kind::kEllipsis: index.kind = I::Kind::kEllipsis; return {index, {}};
    case Kind::kSlice: {
      auto slice = slice_of(key);
      if (!slice) return {std::nullopt, "slice indices must be integers or None"};
      index.kind = I::Kind::kSlice;
      index.slice = *slice;
      return {index, {}};
    }
    case Kind::kFloat:
    case Kind::kStr:
      return {std::nullopt,
              "only integers, slices, ellipsis, None and integer or boolean arrays "
              "are valid indices"};
    default: break;
  }
  if (key.kind != Kind::kData && !key.is_sequence()) return {};
  auto shape = array_shape(key);
  DType dtype = array_dtype(key);
  if (!shape) return {};
  // An empty list indexes as integers, whatever np.array would make of it.
  if (key.is_sequence() &&
      std::any_of(shape->begin(), shape->end(), [](Dim d) { return d == Dim(0); }))
    dtype = DType::kInt;
  if (dtype == DType::kFloat)
    return {std::nullopt, "arrays used as indices must be of integer (or boolean) type"};
  if (dtype == DType::kUnknown) return {};
  if (dtype == DType::kInt && shape->empty()) return {index, {}};  // 0-d: indexes as an int
  index.kind = dtype == DType::kBool ? I::Kind::kBoolArray : I::Kind::kIntArray;
  index.shape = *shape;
  if (key.is_sequence() && dtype == DType::kInt) {
    bool all_known = true;
    value_range(key, index.least, index.greatest, all_known, 0);
    if (!all_known) index.least.reset(), index.greatest.reset();
  }
  return {index, {}};
}

}  // namespace

std::optional<ops::Slice> slice_of(const Value& slice) {
  ops::Slice out;
  std::optional<int64_t>* parts[] = {&out.start, &out.stop, &out.step};
  for (int i = 0; i < 3; ++i) {
    const Value& part = slice.item(i);
    if (part.kind == Kind::kInt || part.kind == Kind::kBool)
      *parts[i] = part.integer;
    else if (!part.known())
      out.bounds_unknown = true;
    else if (part.kind != Kind::kNone)
      return std::nullopt;
  }
  return out;
}

std::optional<Dims> array_shape(const Value& v) {
  if (v.kind == Kind::kData) return v.shape;
  return nested_shape(v);
}

DType array_dtype(const Value& v) { return array_dtype(v, 0); }

DType array_dtype(const Value& v, int depth) {
  switch (v.kind) {
    case Kind::kData: return v.dtype;
    case Kind::kBool: return DType::kBool;
    case Kind::kInt: return DType::kInt;
    case Kind::kFloat: return DType::kFloat;
    default: break;
  }
  if (!v.is_sequence() || depth > kMaxNesting) return DType::kUnknown;
  if (v.length() == 0)
    return v.kind == Kind::kList || v.kind == Kind::kTuple ? DType::kFloat : DType::kUnknown;
  DType widest = DType::kBool;
  int64_t n = v.repeat ? 1 : v.length();
  for (int64_t i = 0; i < n; ++i) {
    DType item = array_dtype(v.item(i), depth + 1);
    if (item == DType::kUnknown) return item;
    widest = std::max(widest, item);
  }
  return widest;
}

DType dtype_argument(const Value* v) {
  if (!v) return DType::kUnknown;
  std::string name;
  if (v->kind == Kind::kStr)
    name = v->text;
  else if (v->kind == Kind::kModule)
    name = std::string(last_part(v->text));
  else
    return DType::kUnknown;
  if (name == "bool" || name == "bool_" || name == "?") return DType::kBool;
  for (std::string_view prefix : {"float", "double", "half", "single", "f"})
    if (name.starts_with(prefix)) return DType::kFloat;
  for (std::string_view prefix :
       {"int", "uint", "long", "short", "byte", "ubyte", "intp", "i", "u"})
    if (name.starts_with(prefix)) return DType::kInt;
  return DType::kUnknown;
}

std::optional<Dims> index_shape(const std::optional<Dims>& shape, const std::vector<Value>& keys,
                                std::string* error) {
  if (!shape) return std::nullopt;
  std::vector<ops::Index> indices;
  for (const Value& key : keys) {
    KeyReading reading = index_of(key);
    if (!reading.error.empty()) {
      if (error) *error = reading.error;
      return std::nullopt;
    }
    if (!reading.index) return std::nullopt;
    indices.push_back(*reading.index);
  }
  Result result = ops::index(*shape, indices, Unknown::kMayNot);
  if (error) *error = result.error;
  return result.dims;
}

Value Interpreter::array_subscript(const Value& array, const std::vector<Value>& keys,
                                   uint32_t offset) {
  std::string error;
  auto shape = index_shape(array.shape, keys, &error);
  if (!error.empty()) return unknown(fmt::format("an index NumPy rejects ({})", error), offset);
  Value picked = data(shape, offset, array.dtype);
  picked.values = array.values;  // the same values, some of them: y[:1000], y[idx]
  if (picked.values) picked.values->every = false;  // a part may lack some
  picked.open_rank = array.open_rank;
  return picked;
}

Value Interpreter::array_operator(const std::string& op, const Value& a, const Value& b,
                                  uint32_t offset) {
  auto dtype = ops::binary_dtype(op, array_dtype(a), array_dtype(b));
  if (!dtype)
    return unknown(fmt::format("{} of these arrays, which NumPy rejects (unsupported types)", op),
                   offset);
  auto x = array_shape(a), y = array_shape(b);
  if (!x || !y) return data(std::nullopt, offset, *dtype);
  Result result =
      op == "@" ? ops::matmul(*x, *y, Unknown::kMayNot) : ops::broadcast(*x, *y, Unknown::kMayNot);
  Value out = array_result(result, *dtype, offset, fmt::format("'{}' of these arrays", op));
  // Class ids shifted by a constant (y - 1 for ids counted from 1) keep a known range.
  const Value* ids = a.values ? &a : nullptr;
  const Value* shift = &b;
  if (!ids && b.values && op == "+") ids = &b, shift = &a;
  if (out.kind == Kind::kData && ids && shift->kind == Kind::kInt && (op == "+" || op == "-")) {
    int64_t by = shift->integer, low = 0, high = 0;
    bool wraps = op == "+" ? __builtin_add_overflow(ids->values->low, by, &low) ||
                                 __builtin_add_overflow(ids->values->high, by, &high)
                           : __builtin_sub_overflow(ids->values->low, by, &low) ||
                                 __builtin_sub_overflow(ids->values->high, by, &high);
    if (!wraps) out.values = IntRange{low, high, ids->values->every};
  }
  return out;
}

Value Interpreter::array_comparison(std::string_view op, const Value& a, const Value& b,
                                    uint32_t offset) {
  auto x = array_shape(a), y = array_shape(b);
  if (!x || !y) return data(std::nullopt, offset, DType::kBool);
  Result result = ops::broadcast(*x, *y, Unknown::kMayNot);
  if (result.raises() && (op == "==" || op == "!="))  // NumPy 1.24 warns, gives one bool
    return unknown("a comparison of arrays that do not broadcast", offset);
  return array_result(result, DType::kBool, offset, "a comparison");
}

Value Interpreter::array_unary(const std::string& op, const Value& v, uint32_t offset) {
  auto dtype = ops::unary_dtype(op, v.dtype);
  if (!dtype) return unknown(fmt::format("{} of this array, which NumPy rejects", op), offset);
  return data(v.shape, offset, *dtype);
}

// np.NAME(x, ...) / tf.NAME(x, ...) for the operations that transform arrays.
std::optional<Value> Interpreter::array_function(std::string_view name, const Args& args,
                                                 bool numpy, uint32_t offset) {
  const Value* first = args.get(0, numpy ? "a" : "input");
  if (!first) first = args.get(0, "x");
  if (!first) return std::nullopt;
  std::string what = fmt::format("{}(...)", name);
  DType dtype = array_dtype(*first);
  Dialect dialect = numpy ? Dialect::kNumPy : Dialect::kTensorFlow;
  auto x = array_shape(*first);
  auto with_shape = [&](auto rule) {
    return x ? array_result(rule(*x), dtype, offset, what) : data(std::nullopt, offset, dtype);
  };
  if (name == "stack" || name == "concatenate" || name == "concat" || name == "vstack" ||
      name == "hstack") {
    auto shapes = shapes_of(first, dtype);
    if (!shapes) return data(std::nullopt, offset, dtype);
    if (name == "vstack")
      return array_result(ops::vstack(*shapes, Unknown::kMayNot), dtype, offset, what);
    if (name == "hstack")
      return array_result(ops::hstack(*shapes, Unknown::kMayNot), dtype, offset, what);
    const Value* axis = args.get(1, "axis");
    // np.concatenate's axis is 0 by default, None to flatten; tf.concat's must be given.
    std::optional<int64_t> at = 0;
    if (axis && axis->kind == Kind::kInt)
      at = axis->integer;
    else if (axis && axis->kind == Kind::kNone && name == "concatenate")
      at = std::nullopt;
    else if (axis || name == "concat")
      return data(std::nullopt, offset, dtype);
    if (name == "stack")
      return array_result(ops::stack(*shapes, *at, Unknown::kMayNot), dtype, offset, what);
    return array_result(ops::concatenate(*shapes, at, Unknown::kMayNot), dtype, offset, what);
  }
  if (name == "expand_dims") {
    const Value* axis = args.get(1, "axis");
    auto axes = axis ? int_list(*axis) : std::nullopt;
    if (!axes || (!numpy && axes->size() != 1)) return data(std::nullopt, offset, dtype);
    return with_shape([&](const Dims& d) { return ops::expand_dims(d, *axes); });
  }
  if (name == "squeeze") {
    auto axes = axes_argument(args.get(1, "axis"));
    if (!axes) return data(std::nullopt, offset, dtype);
    return with_shape([&](const Dims& d) { return ops::squeeze(d, *axes, Unknown::kMayNot); });
  }
  if (name == "transpose") {
    auto perm = axes_argument(args.get(1, numpy ? "axes" : "perm"));
    if (!perm) return data(std::nullopt, offset, dtype);
    return with_shape([&](const Dims& d) { return ops::transpose(d, *perm, dialect); });
  }
  if (name == "reshape") {
    const Value* target = args.get(1, numpy ? "newshape" : "shape");
    auto sizes = target ? reshape_target(*target) : std::nullopt;
    if (!sizes) return data(std::nullopt, offset, dtype);
    if (!x) return data(reshaped_unknown(*sizes), offset, dtype);
    return with_shape([&](const Dims& d) { return ops::reshape(d, *sizes, Unknown::kMayNot); });
  }
  if (name == "tile") {  // np.tile's reps may be shorter or longer than the rank, tf.tile's not
    const Value* reps = args.get(1, numpy ? "reps" : "multiples");
    auto counts = reps ? int_list(*reps) : std::nullopt;
    if (!counts) return data(std::nullopt, offset, dtype);
    return with_shape(
        [&](const Dims& d) { return numpy ? ops::numpy_tile(d, *counts) : ops::tile(d, *counts); });
  }
  if (name == "repeat") {
    const Value* repeats = args.get(1, "repeats");
    auto counts = repeats ? int_list(*repeats) : std::nullopt;
    auto axis = axes_argument(args.get(2, "axis"));
    if (!counts || !axis || (*axis && (*axis)->size() != 1))
      return data(std::nullopt, offset, dtype);
    std::optional<int64_t> at = *axis ? std::optional<int64_t>((**axis)[0]) : std::nullopt;
    return with_shape([&](const Dims& d) { return ops::repeat(d, *counts, at); });
  }
  if (is_reduction(name)) {
    const Value* keepdims = args.keyword("keepdims");
    if (!keepdims) keepdims = args.keyword("keep_dims");
    return reduction(name, *first, args.get(1, "axis"), flag(keepdims), offset);
  }
  if (name == "where") {
    const Value* a = args.get(1, "x");
    const Value* b = args.get(2, "y");
    if (!a &&
        !b) {  // the indices of the true items: one array per axis, of a size known at run time
      if (!x || x->empty()) return data(std::nullopt, offset, DType::kInt);
      std::vector<Value> axes(x->size(), data(Dims{Dim::unknown()}, offset, DType::kInt));
      return sequence(Kind::kTuple, std::move(axes), offset);
    }
    if (!a || !b) return unknown("np.where with one of x and y", offset);
    auto y = array_shape(*a), z = array_shape(*b);
    DType kind = std::max(array_dtype(*a), array_dtype(*b));
    if (array_dtype(*a) == DType::kUnknown || array_dtype(*b) == DType::kUnknown)
      kind = DType::kUnknown;
    if (!x || !y || !z) return data(std::nullopt, offset, kind);
    Result both = ops::broadcast(*y, *z, Unknown::kMayNot);
    if (!both.dims) return array_result(both, kind, offset, what);
    return array_result(ops::broadcast(*x, *both.dims, Unknown::kMayNot), kind, offset, what);
  }
  if (name == "shape" && numpy) {
    if (!x) return unknown("the shape of an array dimsum cannot follow", offset);
    return data_attribute(data(*x, offset, dtype), "shape", offset);
  }
  if (name == "ndim" && numpy && x) return integer(static_cast<int64_t>(x->size()), offset);
  // np.size(a) is a.size, the product of the sizes; np.size(a, axis) the size of that axis.
  if (name == "size" && numpy && x && !args.get(1, "axis"))
    return data_attribute(data(*x, offset, dtype), "size", offset);
  if (is_elementwise(name)) {
    if (is_float_function(name) && dtype != DType::kUnknown)
      dtype = DType::kFloat;
    else if (name == "square" && dtype == DType::kBool)
      dtype = DType::kInt;  // int8
    else if (!is_kind_keeping_function(name))
      dtype = DType::kUnknown;
    if (name == "cast" || name == "convert_image_dtype")
      dtype = dtype_argument(args.get(1, "dtype"));
    return data(x, offset, dtype);
  }
  return std::nullopt;
}

Value Interpreter::reduction(std::string_view name, const Value& array, const Value* axis,
                             bool keepdims, uint32_t offset) {
  DType dtype = reduced_dtype(name, array_dtype(array));
  auto x = array_shape(array);
  auto axes = axes_argument(axis);
  bool single_axis = name == "argmax" || name == "argmin";
  if (!x || !axes || (single_axis && *axes && axis->kind != Kind::kInt))
    return data(std::nullopt, offset, dtype);
  bool needs_elements =
      single_axis || name == "max" || name == "min" || name == "amax" || name == "amin";
  // tf.reduce_* on data follow TensorFlow's axis rules (src/ops/ops.h, reduce).
  Dialect dialect = name.starts_with("reduce_") ? Dialect::kTensorFlow : Dialect::kNumPy;
  return array_result(ops::reduce(*x, *axes, keepdims, needs_elements, dialect), dtype, offset,
                      fmt::format("{}(...)", name));
}

Value Interpreter::data_attribute(const Value& array, const std::string& name, uint32_t offset) {
  const auto& shape = array.shape;
  if (name == "shape") {
    if (!shape) return unknown("the shape of an array dimsum cannot follow", offset);
    std::vector<Value> sizes;
    for (Dim d : *shape)
      sizes.push_back(d.known() ? integer(d.value(), offset)
                                : unknown("a size computed at run time", offset));
    return sequence(Kind::kTuple, std::move(sizes), offset);
  }
  if (name == "ndim" && shape) return integer(static_cast<int64_t>(shape->size()), offset);
  if (name == "values" || name == "A") {  // a data frame's array, a dense matrix's
    Value same = array;
    same.offset = offset;
    return same;
  }
  if (name == "size" && shape) {
    auto n = element_count(*shape);
    return n && n->known() ? integer(n->value(), offset) : unknown("the size of an array", offset);
  }
  if (name == "T")
    return shape ? array_result(ops::transpose(*shape, std::nullopt, Dialect::kNumPy), array.dtype,
                                offset, ".T")
                 : data(std::nullopt, offset, array.dtype);
  return unknown(fmt::format("the array's .{}", name), offset);
}

Value Interpreter::data_method(const Value& array, const std::string& method, Args& args,
                               uint32_t offset) {
  Value out = data_method_shape(array, method, args, offset);
  // Methods that move values around keep the range of integer labels: y.reshape(-1, 1).
  static constexpr std::string_view kKeepValues[] = {"reshape",  "transpose", "astype", "copy",
                                                     "numpy",    "flatten",   "ravel",  "squeeze",
                                                     "to_numpy", "toarray",   "todense"};
  if (out.kind == Kind::kData &&
      std::find(std::begin(kKeepValues), std::end(kKeepValues), method) != std::end(kKeepValues)) {
    out.values = array.values;
    out.open_rank =
        array.open_rank && method != "reshape" && method != "flatten" && method != "ravel";
  }
  return out;
}

Value Interpreter::data_method_shape(const Value& array, const std::string& method, Args& args,
                                     uint32_t offset) {
  const auto& shape = array.shape;
  if (method == "reshape" || method == "transpose") {
    Value target = args.positional.size() == 1 ? args.positional[0]
                                               : sequence(Kind::kTuple, args.positional, offset);
    if (args.positional.empty() && method == "reshape") return unknown("reshape()", offset);
    Args call;
    call.positional = {array};
    if (method == "reshape" || !args.positional.empty()) call.positional.push_back(target);
    if (method == "transpose" && args.positional.size() == 1 && target.kind == Kind::kNone)
      call.positional.pop_back();
    return *array_function(method, call, true, offset);
  }
  if (method == "astype") return data(shape, offset, dtype_argument(args.get(0, "dtype")));
  // NumPy arrays of the same shape: a copy, a tensor's or a data frame's values, a dense
  // matrix of a sparse one (OneHotEncoder's).
  if (method == "copy" || method == "numpy" || method == "to_numpy" || method == "toarray" ||
      method == "todense")
    return data(shape, offset, array.dtype);
  if (method == "flatten" || method == "ravel") {
    auto n = shape ? element_count(*shape) : std::nullopt;
    return data(n ? std::optional<Dims>(Dims{*n}) : std::nullopt, offset, array.dtype);
  }
  if (method == "squeeze") {
    Args call;
    call.positional = {array};
    if (const Value* axis = args.get(0, "axis")) call.positional.push_back(*axis);
    return *array_function(method, call, true, offset);
  }
  if (is_reduction(method))
    return reduction(method, array, args.get(0, "axis"), flag(args.keyword("keepdims")), offset);
  if (is_elementwise(method)) return data(shape, offset, DType::kUnknown);
  return unknown(fmt::format("the array's .{}(...)", method), offset);
}

}  // namespace dimsum::python
