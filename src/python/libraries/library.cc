// NumPy, TensorFlow and Python's builtins as the reader knows them: mostly the shape of the data
// each call makes (np.zeros, tf.random.normal, np.expand_dims, x.reshape, tf.data, ...), from
// the functions' documented behaviour.
#include "python/libraries/library.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "layers/layer.h"
#include "python/language/interpreter.h"

namespace dimsum::python {

using ops::DType;

bool starts_with_module(std::string_view path, std::string_view module) {
  return path == module || (path.starts_with(module) && path[module.size()] == '.');
}

std::string_view last_part(std::string_view path) {
  size_t dot = path.rfind('.');
  return dot == std::string_view::npos ? path : path.substr(dot + 1);
}

std::optional<int64_t> as_int(const Value* v) {
  if (!v || v->kind != Kind::kInt) return std::nullopt;
  return v->integer;
}

namespace {

// keras.ops.* functions on arrays of data take NumPy's arguments and give NumPy's shapes (Keras
// 3's keras.ops follows the NumPy API): the NumPy function to read one as, or nullopt.
std::optional<std::string> numpy_equivalent_of_keras_op(std::string_view path) {
  static constexpr std::string_view kSame[] = {
      "expand_dims", "squeeze", "reshape", "transpose",  "concatenate", "stack", "zeros",
      "ones",        "full",    "eye",     "mean",       "sum",         "max",   "min",
      "argmax",      "argmin",  "where",   "matmul",     "abs",         "exp",   "log",
      "sqrt",        "square",  "clip",    "zeros_like", "ones_like"};
  constexpr std::string_view kOps = "keras.ops.";
  if (!path.starts_with(kOps)) return std::nullopt;
  std::string_view name = path.substr(kOps.size());
  if (name == "convert_to_tensor" || name == "convert_to_numpy") return "numpy.asarray";
  if (std::find(std::begin(kSame), std::end(kSame), name) == std::end(kSame)) return std::nullopt;
  return "numpy." + std::string(name);
}

// A symbolic tensor of the functional API, or a list of them (tf.concat([a, b])).
bool is_tensor_argument(const Value& v) {
  return v.kind == Kind::kTensor ||
         (v.is_sequence() && v.length() > 0 && v.item(0).kind == Kind::kTensor);
}

bool holds_no_tensor(const Interpreter::Args& args) {
  return std::none_of(args.positional.begin(), args.positional.end(), is_tensor_argument) &&
         std::none_of(args.keywords.begin(), args.keywords.end(),
                      [](const auto& k) { return is_tensor_argument(k.second); });
}

}  // namespace

std::string canonical(std::string path) {
  static const std::array<std::pair<std::string_view, std::string_view>, 10> kAliases = {{
      {"tensorflow.losses", "keras.losses"},  // TensorFlow 2's tf.losses is tf.keras.losses
      {"tensorflow.metrics", "keras.metrics"},
      {"tensorflow.python.keras", "keras"},
      {"tensorflow.compat.v1.keras", "keras"},
      {"tensorflow.compat.v2.keras", "keras"},
      {"tensorflow.keras", "keras"},
      {"keras._tf_keras.keras", "keras"},
      {"keras.api._v2.keras", "keras"},
      {"keras.src", "keras"},
      {"tf_keras", "keras"},
  }};
  for (const auto& [from, to] : kAliases)
    if (starts_with_module(path, from)) return std::string(to) + path.substr(from.size());
  return path;
}

bool is_builtin(std::string_view name) {
  static constexpr std::array<std::string_view, 22> kNames = {
      "len",  "range",      "int",    "float",    "bool",   "str",   "tuple", "list",
      "dict", "print",      "max",    "min",      "abs",    "round", "sum",   "enumerate",
      "zip",  "isinstance", "sorted", "reversed", "divmod", "pow"};
  return std::find(kNames.begin(), kNames.end(), name) != kNames.end();
}

std::optional<Dims> nested_shape(const Value& v) { return nested_shape(v, 0); }

std::optional<Dims> nested_shape(const Value& v, int depth) {
  if (v.is_number()) return Dims{};
  if (v.kind == Kind::kData) return v.shape;
  if (!v.is_sequence() || depth > kMaxNesting) return std::nullopt;
  if (v.length() == 0) return Dims{Dim(0)};
  auto first = nested_shape(v.item(0), depth + 1);
  if (!first) return std::nullopt;
  if (!v.repeat)
    for (int64_t i = 1; i < v.length(); ++i)
      if (nested_shape(v.item(i), depth + 1) != first) return std::nullopt;
  Dims out{Dim(v.length())};
  out.insert(out.end(), first->begin(), first->end());
  return out;
}

std::optional<Dims> shape_argument(const Value* v, bool batch_none) {
  if (!v) return std::nullopt;
  if (v->kind == Kind::kInt)
    return v->integer >= 0 ? std::optional<Dims>(Dims{Dim(v->integer)}) : std::nullopt;
  if (!v->is_sequence()) return std::nullopt;
  Dims dims;
  for (int64_t i = 0; i < v->length(); ++i) {
    const Value& item = v->item(i);
    // NumPy takes ints only (np.zeros((2.0,)) raises).
    auto d = item.kind == Kind::kInt ? as_dim(item) : std::nullopt;
    // A sample count read at run time, or (where the caller allows it) a symbolic tensor's
    // batch, None (keras.ops.shape(x)[0] inside a layer's call()).
    if (!d && i == 0 && (!item.known() || (batch_none && item.kind == Kind::kNone)))
      d = Dim::unknown();
    if (!d) return std::nullopt;
    dims.push_back(*d);
  }
  return dims;
}

// ---- the interpreter's library calls --------------------------------------------------------

Value Interpreter::library_constant(const std::string& path, uint32_t offset) {
  if (path == "numpy.newaxis" || path == "tensorflow.newaxis") return none(offset);
  if (path == "numpy.pi" || path == "math.pi") return real(M_PI, offset);
  if (path == "numpy.e" || path == "math.e") return real(M_E, offset);
  return module(path, offset);
}

namespace {

// The values np.random.randint(low, high) and Generator.integers(low, high) draw from:
// [low, high), or [0, low) without high (endpoint=True, which includes high, is not followed).
std::optional<IntRange> integer_range(const Interpreter::Args& args) {
  auto low = as_int(args.get(0, "low"));
  const Value* high_value = args.get(1, "high");
  if (!low || args.keyword("endpoint")) return std::nullopt;
  if (!high_value || high_value->kind == Kind::kNone) return IntRange{0, *low};
  auto high = as_int(high_value);
  if (!high) return std::nullopt;
  return IntRange{*low, *high};
}

}  // namespace

namespace {

// An initializer: tf.random_normal_initializer, tf.zeros_initializer, keras.initializers.*.
bool is_initializer(std::string_view path) {
  return (starts_with_module(path, "tensorflow") && path.ends_with("_initializer")) ||
         starts_with_module(path, "keras.initializers");
}

}  // namespace

std::optional<Value> Interpreter::weight_function(const std::string& path, Args& args,
                                                  uint32_t offset) {
  // An initializer object is kept as its path with "()"; called with a shape, it makes the
  // initial values of a weight, an array of that shape.
  if (is_initializer(path)) return module(path + "()", offset);
  if (path.ends_with("()") && is_initializer(std::string_view(path).substr(0, path.size() - 2)))
    return data(shape_argument(args.get(0, "shape")), offset, DType::kFloat);
  if (path != "tensorflow.Variable" && path != "keras.Variable") return std::nullopt;
  // tf.Variable(initial_value, trainable=True): a weight of the initial value's shape. Made
  // while a keras.layers.Layer subclass is made or built, it is one of that layer's weights.
  const Value* initial = args.get(0, "initial_value");
  if (!initial) initial = args.keyword("initializer");
  std::optional<Dims> shape = initial ? array_shape(*initial) : std::nullopt;
  if (!making_layers_.empty()) {
    LayerObject& owner = *making_layers_.back();
    std::optional<int64_t> count = shape ? dims_product(*shape) : std::nullopt;
    owner.own_params = sum({owner.own_params, count});
    const Value* trainable = args.keyword("trainable");
    if (trainable && trainable->kind == Kind::kBool && !trainable->boolean)
      owner.own_non_trainable = sum({owner.own_non_trainable, count});
  }
  return data(shape, offset, DType::kFloat);
}

namespace {

// np.arange(10.0), np.arange(0, 1, 0.1): ceil((stop - start) / step) floats, as NumPy counts
// them; unknown past what a size can hold.
Value float_range(const std::vector<Value>& bounds, uint32_t offset) {
  auto number = [](const Value& v) { return v.kind == Kind::kFloat ? v.real : double(v.integer); };
  if (bounds.empty() || bounds.size() > 3) return data(std::nullopt, offset);
  double start = bounds.size() > 1 ? number(bounds[0]) : 0;
  double stop = bounds.size() > 1 ? number(bounds[1]) : number(bounds[0]);
  double step = bounds.size() > 2 ? number(bounds[2]) : 1;
  if (step == 0) return unknown("arange with a step of 0, which NumPy rejects", offset);
  double n = std::ceil((stop - start) / step);
  if (!std::isfinite(n) || n > 4.0e18) return data(std::nullopt, offset);
  return data(Dims{Dim(n < 0 ? 0 : static_cast<int64_t>(n))}, offset, DType::kFloat);
}

}  // namespace

Value Interpreter::call_library(const std::string& path, Args& args, uint32_t offset) {
  out_.cues.called(path);
  if (auto result = stdlib_call(path, args, offset)) return *result;
  if (auto layer = foreign_layer(path, args, offset)) return *layer;
  if (auto numpy_name = numpy_equivalent_of_keras_op(path); numpy_name && holds_no_tensor(args))
    return call_library(*numpy_name, args, offset);
  if (auto shape = shape_function(path, args, offset)) return *shape;
  if (auto made = weight_function(path, args, offset)) return *made;
  if (auto made = dataset_function(path, args, offset)) return *made;
  if (auto made = file_data_function(path, args, offset)) return *made;
  if (starts_with_module(path, "keras")) return call_keras(path, args, offset);
  if (starts_with_module(path, "builtins"))
    return call_builtin(std::string(last_part(path)), args, offset);
  std::string_view name = last_part(path);
  const Value* first = args.get(0, "x");
  if (starts_with_module(path, "math")) {
    const Value* x = args.get(0, "x");
    if (x && x->is_number()) {
      double d = x->kind == Kind::kFloat ? x->real : static_cast<double>(x->integer);
      if (name == "ceil") return integer(static_cast<int64_t>(std::ceil(d)), offset);
      if (name == "floor") return integer(static_cast<int64_t>(std::floor(d)), offset);
      if (name == "sqrt" && d >= 0) return real(std::sqrt(d), offset);
    }
    return unknown(fmt::format("{}(...)", path), offset);
  }
  if (starts_with_module(path, "sklearn.preprocessing") || path == "pandas.get_dummies")
    return label_encoding(path, args, offset);
  if (path == "sklearn.model_selection.train_test_split") return train_test_split(args, offset);
  bool numpy = starts_with_module(path, "numpy");
  bool tensorflow = starts_with_module(path, "tensorflow");
  if (!numpy && !tensorflow) return unknown(fmt::format("the result of {}(...)", path), offset);

  // Symbolic tensors of the functional API: tf.concat, tf.nn.relu, ... on them.
  if (std::any_of(args.positional.begin(), args.positional.end(), is_tensor_argument))
    return tensor_operation(path, args, offset);

  if (path == "numpy.random.default_rng" || path == "numpy.random.RandomState")
    return module(path == "numpy.random.RandomState" ? "numpy.random" : "numpy.random.Generator",
                  offset);
  bool random =
      starts_with_module(path, "numpy.random") || starts_with_module(path, "tensorflow.random");
  if (starts_with_module(path, "numpy.random")) {
    if (name == "rand" || name == "randn") {
      Value dims = sequence(Kind::kTuple, args.positional, offset);
      return data(shape_argument(&dims), offset, DType::kFloat);
    }
    const Value* size = nullptr;
    DType dtype = DType::kFloat;
    if (name == "random" || name == "random_sample" || name == "ranf" || name == "sample" ||
        name == "standard_normal")
      size = args.get(0, "size");
    else if (name == "normal" || name == "uniform" || name == "beta" || name == "lognormal")
      size = args.get(2, "size");
    else if (name == "randint" || name == "integers" || name == "binomial")
      size = args.get(2, "size"), dtype = DType::kInt;
    else if (name == "poisson")
      size = args.get(1, "size"), dtype = DType::kInt;
    else if (name == "exponential")
      size = args.get(1, "size");
    else if (name == "choice")
      size = args.get(1, "size"), dtype = first ? array_dtype(*first) : DType::kUnknown;
    else if (name == "permutation" && first)
      return first->kind == Kind::kInt ? data(shape_argument(first), offset, DType::kInt)
                                       : data(array_shape(*first), offset, array_dtype(*first));
    else if (name == "seed" || name == "shuffle")
      return none(offset);
    else
      return unknown(fmt::format("the result of {}(...)", path), offset);
    Value made = !size || size->kind == Kind::kNone ? data(Dims{}, offset, dtype)  // one number
                                                    : data(shape_argument(size), offset, dtype);
    if (name == "randint" || name == "integers") made.values = integer_range(args);
    return made;
  }
  if (random) {  // tf.random.normal(shape), uniform, truncated_normal, stateless_*
    if (name == "shuffle")
      return first ? data(array_shape(*first), offset, array_dtype(*first)) : unknown("", offset);
    return data(shape_argument(args.get(0, "shape"), !numpy), offset,
                numpy ? DType::kFloat : DType::kUnknown);
  }
  const Value* dtype_given = args.keyword("dtype");
  if (name == "zeros" || name == "ones" || name == "empty" || name == "full" || name == "fill") {
    DType dtype = numpy ? DType::kFloat : DType::kUnknown;
    if (name == "full")
      dtype = array_dtype(args.get(1, "fill_value") ? *args.get(1, "fill_value") : none(offset));
    if (dtype_given) dtype = dtype_argument(dtype_given);
    return data(shape_argument(args.get(0, name == "fill" ? "dims" : "shape")), offset, dtype);
  }
  if (name.ends_with("_like")) {
    const Value* like = args.get(0, numpy ? "a" : "input");
    if (!like) return unknown("", offset);
    DType dtype = array_dtype(*like);
    if (dtype_given) dtype = dtype_argument(dtype_given);
    return data(array_shape(*like), offset, dtype);
  }
  if (name == "array" || name == "asarray" || name == "asanyarray" || name == "ascontiguousarray" ||
      name == "convert_to_tensor" || name == "constant" || name == "Variable") {
    const Value* value = args.get(0, numpy ? "object" : "value");
    if (!value) return unknown("", offset);
    DType dtype = numpy ? array_dtype(*value) : DType::kUnknown;
    if (numpy && dtype_given) dtype = dtype_argument(args.get(1, "dtype"));
    if (const Value* shape = args.keyword("shape"))
      return data(shape_argument(shape), offset, dtype);
    if (value->is_sequence() && !array_shape(*value) && numpy &&
        array_dtype(*value) != DType::kUnknown)
      return unknown("a ragged nested list, which NumPy rejects (inhomogeneous shape)", offset);
    Value made = data(array_shape(*value), offset, dtype);
    made.values = value->values;
    return made;
  }
  if (name == "arange" || name == "range") {
    std::vector<int64_t> bounds;
    bool floats = false;
    for (const Value& v : args.positional) {
      if (v.kind != Kind::kInt && v.kind != Kind::kFloat) return data(std::nullopt, offset);
      floats = floats || v.kind == Kind::kFloat;
      bounds.push_back(v.integer);
    }
    if (floats) return float_range(args.positional, offset);
    // By keyword: np.arange(start=, stop=, step=), tf.range(start=, limit=, delta=).
    const Value* start_kw = args.keyword("start");
    const Value* stop_kw = args.keyword(numpy ? "stop" : "limit");
    const Value* step_kw = args.keyword(numpy ? "step" : "delta");
    if (bounds.empty() && (start_kw || stop_kw)) {
      auto start = start_kw ? as_int(start_kw) : std::optional<int64_t>(0);
      auto stop = as_int(stop_kw);
      auto step = step_kw ? as_int(step_kw) : std::optional<int64_t>(1);
      if (!stop && start_kw && !stop_kw) {  // tf.range(start=n) alone counts to n
        stop = start;
        start = 0;
      }
      if (!start || !stop || !step) return data(std::nullopt, offset);
      bounds = {*start, *stop, *step};
    } else if (bounds.size() == 2 && step_kw) {
      auto step = as_int(step_kw);
      if (!step) return data(std::nullopt, offset);
      bounds.push_back(*step);
    }
    if (bounds.empty() || bounds.size() > 3) return data(std::nullopt, offset);
    int64_t start = bounds.size() > 1 ? bounds[0] : 0;
    int64_t stop = bounds.size() > 1 ? bounds[1] : bounds[0];
    int64_t step = bounds.size() > 2 ? bounds[2] : 1;
    if (step == 0) return unknown("arange with a step of 0, which NumPy rejects", offset);
    // The distance in unsigned arithmetic, which holds any difference of two int64s.
    bool up = step > 0;
    uint64_t span = up ? static_cast<uint64_t>(stop) - static_cast<uint64_t>(start)
                       : static_cast<uint64_t>(start) - static_cast<uint64_t>(stop);
    uint64_t stride = up ? static_cast<uint64_t>(step) : static_cast<uint64_t>(-(step + 1)) + 1;
    bool empty = up ? stop <= start : start <= stop;
    int64_t n = empty ? 0 : static_cast<int64_t>((span - 1) / stride + 1);
    return data(Dims{Dim(n)}, offset,
                numpy && !dtype_given ? DType::kInt : dtype_argument(dtype_given));
  }
  if (name == "linspace") {
    auto num = as_int(args.get(2, "num"));
    if (num && *num < 0) return unknown("linspace with a negative number of samples", offset);
    return data(Dims{Dim(num.value_or(50))}, offset, DType::kFloat);
  }
  if (name == "eye" || name == "identity") {
    auto n = as_int(args.get(0, "N"));
    const Value* m_value = args.get(1, "M");
    auto m = as_int(m_value);
    DType dtype = dtype_given ? dtype_argument(dtype_given) : DType::kFloat;
    if (!numpy) dtype = dtype_given ? dtype_argument(dtype_given) : DType::kUnknown;
    if (!n || (m_value && m_value->kind != Kind::kNone && !m))
      return data(std::nullopt, offset, dtype);
    if (*n < 0 || (m && *m < 0)) return unknown("a negative size, which NumPy rejects", offset);
    return data(Dims{Dim(*n), Dim(m.value_or(*n))}, offset, dtype);
  }
  if (auto transformed = array_function(name, args, numpy, offset)) {
    bool moves_values = name == "expand_dims" || name == "squeeze" || name == "reshape" ||
                        name == "transpose" || name == "ravel";
    if (moves_values && first && transformed->kind == Kind::kData)
      transformed->values = first->values;
    return *transformed;
  }
  if (!first) return unknown(fmt::format("the result of {}(...)", path), offset);
  std::optional<Dims> x = array_shape(*first);
  // tf.one_hot and tf.image.resize on data: the op library's rules; a call they reject (a
  // failure TensorFlow raises at run time, outside any model) gives data of unknown shape.
  auto from_rule = [&](const ops::Result& result) {
    return data(result.raises() ? std::nullopt : result.dims, offset);
  };
  if (name == "one_hot") {
    auto depth = as_int(args.get(1, "depth"));
    const Value* axis = args.get(4, "axis");
    auto axis_value = axis && axis->kind != Kind::kNone ? as_int(axis) : std::optional<int64_t>(-1);
    if (!x || !depth || !axis_value) return data(std::nullopt, offset);
    return from_rule(ops::one_hot(*x, *depth, *axis_value));
  }
  if (name == "resize" && starts_with_module(path, "tensorflow.image")) {
    auto size = shape_argument(args.get(1, "size"));
    if (!x || !size || size->size() != 2 || !(*size)[0].known() || !(*size)[1].known())
      return data(std::nullopt, offset);
    return from_rule(ops::resize(*x, (*size)[0].value(), (*size)[1].value()));
  }
  return unknown(fmt::format("the result of {}(...)", path), offset);
}

}  // namespace dimsum::python
