// NumPy, TensorFlow and Python's builtins as the reader knows them: mostly the shape of the data
// each call makes (np.zeros, tf.random.normal, np.expand_dims, x.reshape, tf.data, ...), from
// the functions' documented behaviour.
#include "readers/python_library.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "readers/python_interpreter.h"

namespace dimsum::python {

namespace {

constexpr int64_t kMaxRangeItems = 10'000;

bool starts_with_module(std::string_view path, std::string_view module) {
  return path == module || (path.starts_with(module) && path[module.size()] == '.');
}

std::string_view last_part(std::string_view path) {
  size_t dot = path.rfind('.');
  return dot == std::string_view::npos ? path : path.substr(dot + 1);
}

std::optional<Dims> shape_of(const Value& v) {
  if (v.kind == Kind::kData) return v.shape;
  return nested_shape(v);
}

std::optional<int64_t> as_int(const Value* v) {
  if (!v || v->kind != Kind::kInt) return std::nullopt;
  return v->integer;
}

std::optional<int64_t> elements(const Dims& dims) {
  int64_t n = 1;
  for (Dim d : dims) {
    if (!d.known()) return std::nullopt;
    auto next = checked_mul(n, d.value());
    if (!next) return std::nullopt;
    n = *next;
  }
  return n;
}

// Axis `axis` of a shape of rank `rank` (negative from the end); nullopt when out of range.
std::optional<size_t> axis_of(int64_t axis, size_t rank) {
  int64_t r = static_cast<int64_t>(rank);
  if (axis < -r || axis >= r) return std::nullopt;
  return static_cast<size_t>(axis < 0 ? axis + r : axis);
}

std::optional<Dims> expand_dims(const std::optional<Dims>& shape, const Value* axis) {
  if (!shape || !axis || axis->kind != Kind::kInt) return std::nullopt;
  auto at = axis_of(axis->integer, shape->size() + 1);
  if (!at) return std::nullopt;
  Dims out = *shape;
  out.insert(out.begin() + static_cast<std::ptrdiff_t>(*at), Dim(1));
  return out;
}

std::optional<Dims> squeeze(const std::optional<Dims>& shape, const Value* axis) {
  if (!shape) return std::nullopt;
  Dims out;
  if (!axis || axis->kind == Kind::kNone) {
    for (Dim d : *shape) {
      if (!d.known()) return std::nullopt;
      if (d.value() != 1) out.push_back(d);
    }
    return out;
  }
  std::vector<size_t> drop;
  std::vector<Value> axes = axis->is_sequence() ? *axis->items : std::vector<Value>{*axis};
  for (const Value& a : axes) {
    auto at = a.kind == Kind::kInt ? axis_of(a.integer, shape->size()) : std::nullopt;
    if (!at) return std::nullopt;
    drop.push_back(*at);
  }
  for (size_t i = 0; i < shape->size(); ++i)
    if (std::find(drop.begin(), drop.end(), i) == drop.end()) out.push_back((*shape)[i]);
  return out;
}

std::optional<Dims> transpose(const std::optional<Dims>& shape, const Value* axes) {
  if (!shape) return std::nullopt;
  if (!axes || axes->kind == Kind::kNone) return Dims(shape->rbegin(), shape->rend());
  if (!axes->is_sequence() || axes->length() != static_cast<int64_t>(shape->size()))
    return std::nullopt;
  Dims out;
  for (int64_t i = 0; i < axes->length(); ++i) {
    const Value& a = axes->item(i);
    auto at = a.kind == Kind::kInt ? axis_of(a.integer, shape->size()) : std::nullopt;
    if (!at) return std::nullopt;
    out.push_back((*shape)[*at]);
  }
  return out;
}

// np.stack / np.concatenate of a sequence of arrays along `axis`.
std::optional<Dims> join(const Value* arrays, const Value* axis_value, bool stack) {
  if (!arrays || !arrays->is_sequence() || arrays->length() == 0) return std::nullopt;
  int64_t axis = 0;
  if (axis_value && axis_value->kind != Kind::kNone) {
    if (axis_value->kind != Kind::kInt) return std::nullopt;
    axis = axis_value->integer;
  }
  auto first = shape_of(arrays->item(0));
  if (!first) return std::nullopt;
  if (stack) {
    for (int64_t i = 1; i < arrays->length(); ++i)
      if (shape_of(arrays->item(i)) != first) return std::nullopt;
    auto at = axis_of(axis, first->size() + 1);
    if (!at) return std::nullopt;
    Dims out = *first;
    out.insert(out.begin() + static_cast<std::ptrdiff_t>(*at), Dim(arrays->length()));
    return out;
  }
  auto at = axis_of(axis, first->size());
  if (!at) return std::nullopt;
  Dims out = *first;
  for (int64_t i = 1; i < arrays->length(); ++i) {
    auto next = shape_of(arrays->item(i));
    if (!next || next->size() != out.size()) return std::nullopt;
    auto sum = checked_add(out[*at], (*next)[*at]);
    if (!sum) return std::nullopt;
    out[*at] = *sum;
  }
  return out;
}

// sum / mean / max / argmax ... over `axis` (None: all), keeping the axes when `keepdims`.
std::optional<Dims> reduce(const std::optional<Dims>& shape, const Value* axis, bool keepdims) {
  if (!shape) return std::nullopt;
  std::vector<size_t> reduced;
  if (!axis || axis->kind == Kind::kNone) {
    for (size_t i = 0; i < shape->size(); ++i) reduced.push_back(i);
  } else {
    std::vector<Value> axes = axis->is_sequence() ? *axis->items : std::vector<Value>{*axis};
    for (const Value& a : axes) {
      auto at = a.kind == Kind::kInt ? axis_of(a.integer, shape->size()) : std::nullopt;
      if (!at) return std::nullopt;
      reduced.push_back(*at);
    }
  }
  Dims out;
  for (size_t i = 0; i < shape->size(); ++i) {
    bool gone = std::find(reduced.begin(), reduced.end(), i) != reduced.end();
    if (!gone)
      out.push_back((*shape)[i]);
    else if (keepdims)
      out.push_back(Dim(1));
  }
  return out;
}

bool is_elementwise(std::string_view name) {
  static constexpr std::array<std::string_view, 30> kNames = {
      "abs",           "absolute", "exp",     "log",
      "log1p",         "sqrt",     "square",  "tanh",
      "sigmoid",       "relu",     "softmax", "clip",
      "clip_by_value", "round",    "floor",   "ceil",
      "sign",          "negative", "cast",    "identity",
      "stop_gradient", "float32",  "float64", "float16",
      "int32",         "int64",    "uint8",   "convert_image_dtype",
      "nan_to_num",    "copy"};
  return std::find(kNames.begin(), kNames.end(), name) != kNames.end();
}

bool is_reduction(std::string_view name) {
  static constexpr std::array<std::string_view, 16> kNames = {
      "sum",         "mean",       "max",        "min",        "prod", "std",
      "var",         "argmax",     "argmin",     "amax",       "amin", "reduce_sum",
      "reduce_mean", "reduce_max", "reduce_min", "reduce_prod"};
  return std::find(kNames.begin(), kNames.end(), name) != kNames.end();
}

}  // namespace

std::string canonical(std::string path) {
  static const std::array<std::pair<std::string_view, std::string_view>, 8> kAliases = {{
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

std::optional<Dims> shape_argument(const Value* v) {
  if (!v) return std::nullopt;
  if (v->kind == Kind::kInt)
    return v->integer >= 0 ? std::optional<Dims>(Dims{Dim(v->integer)}) : std::nullopt;
  if (!v->is_sequence()) return std::nullopt;
  Dims dims;
  for (int64_t i = 0; i < v->length(); ++i) {
    const Value& item = v->item(i);
    auto d = item.kind == Kind::kNone ? std::nullopt : as_dim(item);
    if (!d && i == 0 && !item.known()) d = Dim::unknown();  // a sample count read at run time
    if (!d) return std::nullopt;
    dims.push_back(*d);
  }
  return dims;
}

std::optional<Dims> broadcast(const std::optional<Dims>& a, const std::optional<Dims>& b) {
  if (!a || !b) return std::nullopt;
  size_t rank = std::max(a->size(), b->size());
  Dims out(rank);
  for (size_t i = 0; i < rank; ++i) {
    Dim x = i < a->size() ? (*a)[a->size() - 1 - i] : Dim(1);
    Dim y = i < b->size() ? (*b)[b->size() - 1 - i] : Dim(1);
    Dim d;
    if (x == Dim(1))
      d = y;
    else if (y == Dim(1))
      d = x;
    else if (!x.known())
      d = y;
    else if (!y.known() || x == y)
      d = x;
    else
      return std::nullopt;
    out[rank - 1 - i] = d;
  }
  return out;
}

std::optional<Dims> reshaped(const std::optional<Dims>& shape, const Value& target) {
  if (!target.is_sequence() && target.kind != Kind::kInt) return std::nullopt;
  std::vector<Value> items = target.is_sequence() ? *target.items : std::vector<Value>{target};
  if (target.repeat) return std::nullopt;
  Dims out;
  std::optional<size_t> free_axis;
  int64_t known = 1;
  for (size_t i = 0; i < items.size(); ++i) {
    const Value& item = items[i];
    if (item.kind == Kind::kInt && item.integer == -1 && !free_axis) {
      free_axis = i;
      out.push_back(Dim::unknown());
      continue;
    }
    auto d = item.kind == Kind::kNone ? std::nullopt : as_dim(item);
    if (!d && i == 0 && !item.known()) d = Dim::unknown();
    if (!d) return std::nullopt;
    out.push_back(*d);
    if (d->known()) {
      auto next = checked_mul(known, d->value());
      if (!next) return std::nullopt;
      known = *next;
    }
  }
  auto total = shape ? elements(*shape) : std::nullopt;
  if (free_axis && total && known > 0 && *total % known == 0) out[*free_axis] = Dim(*total / known);
  return out;
}

const std::vector<BundledDataset>& bundled_datasets() {
  static const std::vector<BundledDataset> sets = {
      {"mnist",
       {Dim(60000), Dim(28), Dim(28)},
       {Dim(60000)},
       {Dim(10000), Dim(28), Dim(28)},
       {Dim(10000)}},
      {"fashion_mnist",
       {Dim(60000), Dim(28), Dim(28)},
       {Dim(60000)},
       {Dim(10000), Dim(28), Dim(28)},
       {Dim(10000)}},
      {"cifar10",
       {Dim(50000), Dim(32), Dim(32), Dim(3)},
       {Dim(50000), Dim(1)},
       {Dim(10000), Dim(32), Dim(32), Dim(3)},
       {Dim(10000), Dim(1)}},
      {"cifar100",
       {Dim(50000), Dim(32), Dim(32), Dim(3)},
       {Dim(50000), Dim(1)},
       {Dim(10000), Dim(32), Dim(32), Dim(3)},
       {Dim(10000), Dim(1)}},
      {"boston_housing", {Dim(404), Dim(13)}, {Dim(404)}, {Dim(102), Dim(13)}, {Dim(102)}},
      // Lists of word indices of different lengths: one object per review or newswire.
      {"imdb", {Dim(25000)}, {Dim(25000)}, {Dim(25000)}, {Dim(25000)}},
      {"reuters", {Dim(8982)}, {Dim(8982)}, {Dim(2246)}, {Dim(2246)}},
  };
  return sets;
}

std::optional<int64_t> slice_length(const Value& slice, int64_t n) {
  auto part = [&](int i) -> std::optional<std::optional<int64_t>> {
    const Value& v = slice.item(i);
    if (v.kind == Kind::kNone) return std::optional<int64_t>();
    if (v.kind == Kind::kInt) return std::optional<int64_t>(v.integer);
    return std::nullopt;
  };
  auto start = part(0), stop = part(1), step_part = part(2);
  if (!start || !stop || !step_part) return std::nullopt;
  int64_t step = step_part->value_or(1);
  if (step == 0) return std::nullopt;
  int64_t lower = step > 0 ? 0 : -1, upper = step > 0 ? n : n - 1;
  auto clamp = [&](std::optional<int64_t> v, int64_t fallback) {
    if (!v) return fallback;
    if (*v < 0) return std::max(*v + n, lower);
    return std::min(*v, upper);
  };
  int64_t first = clamp(*start, step > 0 ? lower : upper);
  int64_t last = clamp(*stop, step > 0 ? upper : lower);
  if (step > 0) return last > first ? (last - first - 1) / step + 1 : 0;
  return first > last ? (first - last - 1) / (-step) + 1 : 0;
}

std::optional<Dims> indexed(const std::optional<Dims>& shape, const std::vector<Value>& keys) {
  if (!shape) return std::nullopt;
  size_t consumed = 0;
  for (const Value& key : keys)
    consumed += key.kind == Kind::kInt || (key.kind == Kind::kTuple && key.text == "slice");
  if (consumed > shape->size()) return std::nullopt;
  Dims out;
  size_t axis = 0;
  for (const Value& key : keys) {
    if (key.kind == Kind::kNone) {
      out.push_back(Dim(1));
    } else if (key.kind == Kind::kEllipsis) {
      size_t take = shape->size() - consumed;
      for (size_t i = 0; i < take && axis < shape->size(); ++i) out.push_back((*shape)[axis++]);
      consumed = shape->size();  // a second ellipsis takes nothing
    } else if (key.kind == Kind::kInt) {
      ++axis;
    } else if (key.kind == Kind::kTuple && key.text == "slice") {
      Dim d = (*shape)[axis++];
      if (!d.known()) {
        out.push_back(Dim::unknown());
        continue;
      }
      auto n = slice_length(key, d.value());
      if (!n) return std::nullopt;
      out.push_back(Dim(*n));
    } else {
      return std::nullopt;  // fancy or boolean indexing: depends on the values
    }
  }
  while (axis < shape->size()) out.push_back((*shape)[axis++]);
  return out;
}

// ---- the interpreter's library calls --------------------------------------------------------

Value Interpreter::library_constant(const std::string& path, uint32_t offset) {
  if (path == "numpy.newaxis" || path == "tensorflow.newaxis") return none(offset);
  if (path == "numpy.pi" || path == "math.pi") return real(M_PI, offset);
  if (path == "numpy.e" || path == "math.e") return real(M_E, offset);
  return module(path, offset);
}

Value Interpreter::call_library(const std::string& path, Args& args, uint32_t offset) {
  out_.cues.called(path);
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
  bool numpy = starts_with_module(path, "numpy");
  bool tensorflow = starts_with_module(path, "tensorflow");
  if (!numpy && !tensorflow) return unknown(fmt::format("the result of {}(...)", path), offset);

  // Symbolic tensors of the functional API: tf.concat, tf.nn.relu, ... on them.
  for (const Value& v : args.positional)
    if (v.kind == Kind::kTensor ||
        (v.is_sequence() && v.length() > 0 && v.item(0).kind == Kind::kTensor))
      return tensor_operation(path, args.positional, offset);

  if (path == "numpy.random.default_rng" || path == "numpy.random.RandomState")
    return module(path == "numpy.random.RandomState" ? "numpy.random" : "numpy.random.Generator",
                  offset);
  bool random =
      starts_with_module(path, "numpy.random") || starts_with_module(path, "tensorflow.random");
  if (starts_with_module(path, "numpy.random")) {
    if (name == "rand" || name == "randn") {
      Value dims = sequence(Kind::kTuple, args.positional, offset);
      return data(shape_argument(&dims), offset);
    }
    const Value* size = nullptr;
    if (name == "random" || name == "random_sample" || name == "ranf" || name == "sample" ||
        name == "standard_normal")
      size = args.get(0, "size");
    else if (name == "normal" || name == "uniform" || name == "randint" || name == "integers" ||
             name == "binomial" || name == "beta" || name == "lognormal")
      size = args.get(2, "size");
    else if (name == "choice" || name == "poisson" || name == "exponential")
      size = args.get(1, "size");
    else if (name == "permutation" && first)
      return first->kind == Kind::kInt ? data(shape_argument(first), offset)
                                       : data(shape_of(*first), offset);
    else if (name == "seed" || name == "shuffle")
      return none(offset);
    else
      return unknown(fmt::format("the result of {}(...)", path), offset);
    if (!size || size->kind == Kind::kNone) return data(Dims{}, offset);  // one number
    return data(shape_argument(size), offset);
  }
  if (random) {  // tf.random.normal(shape), uniform, truncated_normal, stateless_*
    if (name == "shuffle") return first ? data(shape_of(*first), offset) : unknown("", offset);
    return data(shape_argument(args.get(0, "shape")), offset);
  }
  if (name == "zeros" || name == "ones" || name == "empty" || name == "full" || name == "fill")
    return data(shape_argument(args.get(0, name == "fill" ? "dims" : "shape")), offset);
  if (name.ends_with("_like")) {
    const Value* like = args.get(0, numpy ? "a" : "input");
    return like ? data(shape_of(*like), offset) : unknown("", offset);
  }
  if (name == "array" || name == "asarray" || name == "asanyarray" || name == "ascontiguousarray" ||
      name == "convert_to_tensor" || name == "constant" || name == "Variable") {
    const Value* value = args.get(0, numpy ? "object" : "value");
    if (const Value* shape = args.keyword("shape")) return data(shape_argument(shape), offset);
    return value ? data(shape_of(*value), offset) : unknown("", offset);
  }
  if (name == "arange" || name == "range") {
    std::vector<int64_t> bounds;
    for (const Value& v : args.positional) {
      if (v.kind != Kind::kInt) return data(std::nullopt, offset);
      bounds.push_back(v.integer);
    }
    if (bounds.empty() || bounds.size() > 3) return data(std::nullopt, offset);
    int64_t start = bounds.size() > 1 ? bounds[0] : 0;
    int64_t stop = bounds.size() > 1 ? bounds[1] : bounds[0];
    int64_t step = bounds.size() > 2 ? bounds[2] : 1;
    if (step == 0) return data(std::nullopt, offset);
    int64_t n = step > 0 ? (stop > start ? (stop - start - 1) / step + 1 : 0)
                         : (start > stop ? (start - stop - 1) / -step + 1 : 0);
    return data(Dims{Dim(n)}, offset);
  }
  if (name == "linspace") {
    auto num = as_int(args.get(2, "num"));
    return data(Dims{Dim(num.value_or(50))}, offset);
  }
  if (name == "eye" || name == "identity") {
    auto n = as_int(args.get(0, "N"));
    auto m = as_int(args.get(1, "M"));
    return n ? data(Dims{Dim(*n), Dim(m.value_or(*n))}, offset) : data(std::nullopt, offset);
  }
  if (!first) return unknown(fmt::format("the result of {}(...)", path), offset);
  std::optional<Dims> x = shape_of(*first);
  if (name == "expand_dims") return data(expand_dims(x, args.get(1, "axis")), offset);
  if (name == "squeeze") return data(squeeze(x, args.get(1, "axis")), offset);
  if (name == "reshape") {
    const Value* target = args.get(1, numpy ? "newshape" : "shape");
    if (!target) target = args.keyword("shape");
    return data(target ? reshaped(x, *target) : std::nullopt, offset);
  }
  if (name == "transpose") return data(transpose(x, args.get(1, numpy ? "axes" : "perm")), offset);
  if (name == "stack") return data(join(first, args.get(1, "axis"), true), offset);
  if (name == "concatenate" || name == "concat")
    return data(join(first, args.get(1, "axis"), false), offset);
  if (name == "vstack" || name == "hstack") {
    if (!first->is_sequence() || first->length() == 0) return data(std::nullopt, offset);
    auto one = shape_of(first->item(0));
    Value axis = integer(name == "vstack" || (one && one->size() < 2) ? 0 : 1, offset);
    return data(join(first, &axis, false), offset);
  }
  if (name == "one_hot") {
    auto depth = as_int(args.get(1, "depth"));
    if (!x || !depth) return data(std::nullopt, offset);
    Dims out = *x;
    out.push_back(Dim(*depth));
    return data(out, offset);
  }
  if (name == "resize" && starts_with_module(path, "tensorflow.image")) {
    auto size = shape_argument(args.get(1, "size"));
    if (!x || x->size() < 3 || !size || size->size() != 2) return data(std::nullopt, offset);
    Dims out = *x;
    out[out.size() - 3] = (*size)[0];
    out[out.size() - 2] = (*size)[1];
    return data(out, offset);
  }
  if (is_reduction(name)) {
    const Value* keepdims = args.keyword("keepdims");
    if (!keepdims) keepdims = args.keyword("keep_dims");
    bool keep = keepdims && keepdims->kind == Kind::kBool && keepdims->boolean;
    return data(reduce(x, args.get(1, "axis"), keep), offset);
  }
  if (is_elementwise(name) || name == "where") return data(x, offset);
  if (path == "tensorflow.data.Dataset.from_tensor_slices" ||
      path == "tensorflow.data.Dataset.from_tensors") {
    const Value* features = first;
    if (first->is_sequence() && first->length() > 0 && !first->repeat &&
        first->item(0).kind == Kind::kData)
      features = &first->item(0);  // (x, y): the model is fed x
    if (first->kind == Kind::kDict && !first->items->empty()) features = &first->items->front();
    Value v;
    v.kind = Kind::kDataset;
    v.offset = offset;
    std::optional<Dims> all = shape_of(*features);
    if (name == "from_tensors") {
      v.shape = all;
      v.samples = 1;
    } else if (all && !all->empty()) {
      v.shape = Dims(all->begin() + 1, all->end());
      if ((*all)[0].known()) v.samples = (*all)[0].value();
    }
    return v;
  }
  return unknown(fmt::format("the result of {}(...)", path), offset);
}

Value Interpreter::call_builtin(const std::string& name, Args& args, uint32_t offset) {
  const Value* x = args.positional.empty() ? nullptr : &args.positional[0];
  if (name == "print") return none(offset);
  if (name == "len" && x) {
    if (x->is_sequence() || x->kind == Kind::kDict) return integer(x->length(), offset);
    if (x->kind == Kind::kStr) return integer(static_cast<int64_t>(x->text.size()), offset);
    if (x->kind == Kind::kData && x->shape && !x->shape->empty() && (*x->shape)[0].known())
      return integer((*x->shape)[0].value(), offset);
    return x->known() ? unknown(fmt::format("len({})", describe(*x)), offset) : moved(*x, offset);
  }
  if (name == "range") {
    std::vector<int64_t> bounds;
    for (const Value& v : args.positional) {
      if (v.kind != Kind::kInt) return unknown("a range computed at run time", offset);
      bounds.push_back(v.integer);
    }
    if (bounds.empty() || bounds.size() > 3) return unknown("range()", offset);
    int64_t start = bounds.size() > 1 ? bounds[0] : 0;
    int64_t stop = bounds.size() > 1 ? bounds[1] : bounds[0];
    int64_t step = bounds.size() > 2 ? bounds[2] : 1;
    if (step == 0) return unknown("range() with a step of 0", offset);
    int64_t n = step > 0 ? (stop > start ? (stop - start - 1) / step + 1 : 0)
                         : (start > stop ? (start - stop - 1) / -step + 1 : 0);
    if (n > kMaxRangeItems) {  // stands for its items without listing them
      Value v = sequence(Kind::kList, {integer(start, offset)}, offset);
      v.repeat = n;
      return v;
    }
    std::vector<Value> items;
    for (int64_t i = 0, value = start; i < n; ++i, value += step)
      items.push_back(integer(value, offset));
    return sequence(Kind::kList, std::move(items), offset);
  }
  if (!x) return unknown(fmt::format("{}()", name), offset);
  if (name == "int") {
    if (x->kind == Kind::kInt || x->kind == Kind::kBool) return integer(x->integer, offset);
    if (x->kind == Kind::kFloat && std::isfinite(x->real) && std::fabs(x->real) < 9e18)
      return integer(static_cast<int64_t>(x->real), offset);
    return x->known() ? unknown(fmt::format("int({})", describe(*x)), offset) : moved(*x, offset);
  }
  if (name == "float" && x->is_number())
    return real(x->kind == Kind::kFloat ? x->real : static_cast<double>(x->integer), offset);
  if (name == "bool") {
    auto t = truth(*x);
    return t ? boolean(*t, offset) : unknown("bool(...)", offset);
  }
  if ((name == "tuple" || name == "list") && (x->is_sequence() || x->kind == Kind::kDict)) {
    if (x->kind == Kind::kDict) {
      std::vector<Value> keys;
      for (const std::string& key : *x->keys) keys.push_back(string(key, offset));
      return sequence(name == "tuple" ? Kind::kTuple : Kind::kList, std::move(keys), offset);
    }
    Value v = sequence(name == "tuple" ? Kind::kTuple : Kind::kList, *x->items, offset);
    v.repeat = x->repeat;
    return v;
  }
  if (name == "abs" && x->kind == Kind::kInt && x->integer != INT64_MIN)
    return integer(std::abs(x->integer), offset);
  if (name == "abs" && x->kind == Kind::kFloat) return real(std::fabs(x->real), offset);
  if (name == "round" && x->is_number() && args.positional.size() == 1) {
    double d = x->kind == Kind::kFloat ? x->real : static_cast<double>(x->integer);
    if (std::isfinite(d) && std::fabs(d) < 9e18)
      return integer(static_cast<int64_t>(std::nearbyint(d)), offset);  // ties to even
  }
  if (name == "max" || name == "min" || name == "sum") {
    std::vector<Value> values = args.positional;
    if (values.size() == 1 && x->is_sequence() && !x->repeat) values = *x->items;
    if (values.empty()) return unknown(fmt::format("{}()", name), offset);
    Value best = name == "sum" ? integer(0, offset) : values[0];
    for (size_t i = name == "sum" ? 0 : 1; i < values.size(); ++i) {
      if (!values[i].is_number() || !best.is_number())
        return unknown(fmt::format("{}(...)", name), offset);
      if (name == "sum") {
        best = apply_operator("+", best, values[i], offset);
        continue;
      }
      auto less = compare("<", values[i], best);
      if (less && *less == (name == "min")) best = values[i];
    }
    return best;
  }
  if (name == "enumerate" && x->is_sequence() && !x->repeat) {
    std::vector<Value> pairs;
    for (int64_t i = 0; i < x->length(); ++i)
      pairs.push_back(sequence(Kind::kTuple, {integer(i, offset), x->item(i)}, offset));
    return sequence(Kind::kList, std::move(pairs), offset);
  }
  if (name == "zip") {
    int64_t n = INT64_MAX;
    for (const Value& v : args.positional) {
      if (!v.is_sequence() || v.repeat) return unknown("zip(...)", offset);
      n = std::min(n, v.length());
    }
    std::vector<Value> tuples;
    for (int64_t i = 0; i < n; ++i) {
      std::vector<Value> row;
      for (const Value& v : args.positional) row.push_back(v.item(i));
      tuples.push_back(sequence(Kind::kTuple, std::move(row), offset));
    }
    return sequence(Kind::kList, std::move(tuples), offset);
  }
  if (name == "reversed" && x->is_sequence() && !x->repeat)
    return sequence(Kind::kList, std::vector<Value>(x->items->rbegin(), x->items->rend()), offset);
  return unknown(fmt::format("{}(...)", name), offset);
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
  if (name == "size" && shape) {
    auto n = elements(*shape);
    return n ? integer(*n, offset) : unknown("the size of an array", offset);
  }
  if (name == "T") return data(transpose(shape, nullptr), offset);
  return unknown(fmt::format("the array's .{}", name), offset);
}

Value Interpreter::data_method(const Value& array, const std::string& method, Args& args,
                               uint32_t offset) {
  const auto& shape = array.shape;
  if (method == "reshape") {
    if (args.positional.size() == 1) return data(reshaped(shape, args.positional[0]), offset);
    Value dims = sequence(Kind::kTuple, args.positional, offset);
    if (const Value* target = args.keyword("shape")) dims = *target;
    return data(reshaped(shape, dims), offset);
  }
  if (method == "astype" || method == "copy" || method == "numpy" || is_elementwise(method))
    return data(shape, offset);
  if (method == "flatten" || method == "ravel") {
    auto n = shape ? elements(*shape) : std::nullopt;
    return data(n ? std::optional<Dims>(Dims{Dim(*n)}) : std::nullopt, offset);
  }
  if (method == "squeeze") return data(squeeze(shape, args.get(0, "axis")), offset);
  if (method == "transpose") {
    if (args.positional.size() > 1) {
      Value axes = sequence(Kind::kTuple, args.positional, offset);
      return data(transpose(shape, &axes), offset);
    }
    return data(transpose(shape, args.get(0, "axes")), offset);
  }
  if (is_reduction(method)) {
    const Value* keepdims = args.keyword("keepdims");
    bool keep = keepdims && keepdims->kind == Kind::kBool && keepdims->boolean;
    return data(reduce(shape, args.get(0, "axis"), keep), offset);
  }
  return unknown(fmt::format("the array's .{}(...)", method), offset);
}

Value Interpreter::dataset_method(const Value& dataset, const std::string& method, Args& args,
                                  uint32_t offset) {
  Value v = dataset;
  v.offset = offset;
  if (method == "batch") {
    auto size = as_int(args.get(0, "batch_size"));
    const Value* drop = args.get(1, "drop_remainder");
    if (!size || dataset.batch) {
      v.shape.reset();  // a batch of batches, or of a size read at run time
      v.batch.reset();
      return v;
    }
    v.batch = *size;
    v.boolean = drop && drop->kind == Kind::kBool && drop->boolean;  // drop_remainder
    return v;
  }
  if (method == "shuffle" || method == "prefetch" || method == "cache" || method == "repeat" ||
      method == "with_options")
    return v;
  if (method == "take" || method == "skip") {
    auto n = as_int(args.get(0, "count"));
    if (!n || !v.samples || v.batch)
      v.samples.reset();
    else
      v.samples =
          method == "take" ? std::min(*v.samples, *n) : std::max<int64_t>(*v.samples - *n, 0);
    return v;
  }
  v.shape.reset();  // map, filter, ...: elements made by code dimsum does not follow
  v.batch.reset();
  v.samples.reset();
  return v;
}

}  // namespace dimsum::python
