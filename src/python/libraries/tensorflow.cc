// Symbolic tensors while the code runs, and TensorFlow's ops on them. A tensor's shape is read
// where the code asks for it (x.shape, tf.shape(x), K.int_shape(x)), as Keras' KerasTensors
// carry theirs. An op on a symbolic tensor becomes the layer tf.keras 2 wraps it in, a
// TFOpLambda whose config names the op and whose node keeps the op's other arguments by
// TensorFlow's parameter names: its shape rule is then the one a saved model's TFOpLambda gets
// (layers/tf_ops.cc). Keras 3 makes no layer of an op, but gives the same shapes.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "python/language/interpreter.h"
#include "python/libraries/library.h"

namespace dimsum::python {

namespace {

// The name tf.keras 2 gives an op in a TFOpLambda config, and the names of its parameters in
// order (the first is the tensor argument); nullopt for an op without a rule.
struct OpSignature {
  std::string_view function;
  std::vector<std::string_view> parameters;
};

const std::map<std::string_view, OpSignature, std::less<>>& op_signatures() {
  static const auto* table = new std::map<std::string_view, OpSignature, std::less<>>{
      {"reshape", {"reshape", {"tensor", "shape"}}},
      {"expand_dims", {"expand_dims", {"input", "axis"}}},
      {"squeeze", {"squeeze", {"input", "axis"}}},
      {"transpose", {"transpose", {"a", "perm"}}},
      {"concat", {"concat", {"values", "axis"}}},
      {"stack", {"stack", {"values", "axis"}}},
      {"matmul", {"linalg.matmul", {"a", "b", "transpose_a", "transpose_b"}}},
      {"linalg.matmul", {"linalg.matmul", {"a", "b", "transpose_a", "transpose_b"}}},
      {"tile", {"tile", {"input", "multiples"}}},
      {"pad", {"pad", {"tensor", "paddings"}}},
      {"split", {"split", {"value", "num_or_size_splits", "axis"}}},
      {"one_hot", {"one_hot", {"indices", "depth"}}},
      {"gather", {"gather", {"params", "indices", "axis", "batch_dims"}}},
      {"image.resize", {"image.resize", {"images", "size"}}},
      {"add_n", {"math.add_n", {"inputs"}}},
      {"math.add_n", {"math.add_n", {"inputs"}}},
      {"argmax", {"math.argmax", {"input", "axis"}}},
      {"math.argmax", {"math.argmax", {"input", "axis"}}},
      {"argmin", {"math.argmin", {"input", "axis"}}},
      {"math.argmin", {"math.argmin", {"input", "axis"}}},
  };
  return *table;
}

// tf.math's two-operand ops, by the names code calls them (tf.add, tf.math.add).
std::optional<std::string> binary_function(std::string_view name) {
  static constexpr std::string_view kBinary[] = {
      "add",        "subtract",           "multiply",      "truediv",       "divide",
      "floordiv",   "floormod",           "pow",           "maximum",       "minimum",
      "equal",      "not_equal",          "greater",       "greater_equal", "less",
      "less_equal", "squared_difference", "divide_no_nan", "logical_and",   "logical_or"};
  if (std::find(std::begin(kBinary), std::end(kBinary), name) == std::end(kBinary))
    return std::nullopt;
  return "math." + std::string(name);
}

// tf.math's reductions, by the names code calls them.
std::optional<std::string> reduction_function(std::string_view name) {
  static constexpr std::string_view kReduce[] = {
      "reduce_mean", "reduce_sum",      "reduce_max",       "reduce_min", "reduce_prod",
      "reduce_std",  "reduce_variance", "reduce_logsumexp", "reduce_any", "reduce_all"};
  if (std::find(std::begin(kReduce), std::end(kReduce), name) == std::end(kReduce))
    return std::nullopt;
  return "math." + std::string(name);
}

// Python's operators as the TensorFlow ops a KerasTensor's operator methods call.
std::optional<std::string_view> operator_function(std::string_view op) {
  static const std::map<std::string_view, std::string_view, std::less<>> kOperators = {
      {"+", "__operators__.add"}, {"-", "math.subtract"},  {"*", "math.multiply"},
      {"/", "math.truediv"},      {"//", "math.floordiv"}, {"%", "math.floormod"},
      {"**", "math.pow"},         {"@", "linalg.matmul"}};
  auto it = kOperators.find(op);
  if (it == kOperators.end()) return std::nullopt;
  return it->second;
}

json::Node json_number(int64_t v, uint32_t at) {
  json::Node j;
  j.kind = json::Kind::kNumber;
  j.text = std::to_string(v);
  j.offset = at;
  return j;
}

// An op's argument as its node's kwargs keep it: a constant as JSON, an array of data as its
// shape ({"class_name": "__shape__", "shape": [...]}, null for a size known only at run time),
// a slice as tf.keras 2's slice_spec writes one; nullopt when dimsum cannot tell it.
std::optional<json::Node> op_argument(const Value& v, uint32_t at, int depth = 0) {
  if (depth > kMaxNesting) return std::nullopt;
  json::Node j;
  j.offset = at;
  auto member = [&](std::string key, json::Node value) {
    j.members.push_back(json::NodeMember{std::move(key), std::move(value)});
  };
  switch (v.kind) {
    case Kind::kData: {
      if (!v.shape) return std::nullopt;
      j.kind = json::Kind::kObject;
      json::Node name;
      name.kind = json::Kind::kString;
      name.text = "__shape__";
      member("class_name", std::move(name));
      json::Node dims;
      dims.kind = json::Kind::kArray;
      for (Dim d : *v.shape)
        dims.items.push_back(d.known() ? json_number(d.value(), at) : json::Node{});
      member("shape", std::move(dims));
      return j;
    }
    case Kind::kEllipsis: {
      j.kind = json::Kind::kObject;
      json::Node name;
      name.kind = json::Kind::kString;
      name.text = "__ellipsis__";
      member("class_name", std::move(name));
      return j;
    }
    case Kind::kSlice: {
      j.kind = json::Kind::kObject;
      const char* keys[] = {"start", "stop", "step"};
      for (size_t i = 0; i < 3; ++i) {
        const Value& part = (*v.items)[i];
        if (part.kind == Kind::kNone) {
          member(keys[i], json::Node{});
        } else if (part.kind == Kind::kInt) {
          member(keys[i], json_number(part.integer, at));
        } else {  // a size computed at run time: the slice's length is unknown
          json::Node tensor;
          tensor.kind = json::Kind::kString;
          tensor.text = "?";
          member(keys[i], std::move(tensor));
        }
      }
      return j;
    }
    case Kind::kTuple:
    case Kind::kList: {
      if (v.repeat) return std::nullopt;
      j.kind = json::Kind::kArray;
      for (const Value& item : *v.items) {
        auto inner = op_argument(item, at, depth + 1);
        if (!inner) return std::nullopt;
        j.items.push_back(std::move(*inner));
      }
      return j;
    }
    default: return to_json(v, at, depth);
  }
}

// Broadcasting an operand of this shape onto a tensor's leaves the tensor's shape: each of its
// sizes, aligned from the last axis, is 1 or the tensor's. A size unknown on both sides (the
// batch) is taken as the same.
bool broadcasts_onto(const Dims& operand, const Dims& tensor) {
  if (operand.size() > tensor.size()) return false;
  size_t skip = tensor.size() - operand.size();
  for (size_t i = 0; i < operand.size(); ++i) {
    Dim a = operand[i], b = tensor[skip + i];
    if (a.known() && a.value() == 1) continue;
    if (a.known() != b.known()) return false;
    if (a.known() && a.value() != b.value()) return false;
  }
  return true;
}

}  // namespace

std::optional<Dims> Interpreter::tensor_shape(const Value& t, std::optional<int64_t>* params) {
  if (t.kind != Kind::kTensor || !shape_reader_) return std::nullopt;
  LayerObject& layer = *t.layer;
  if (layer.class_name == "InputLayer") return layer.declared_shape;
  auto node = static_cast<size_t>(t.node), index = static_cast<size_t>(t.tensor);
  if (!params && node < layer.shapes.size() && index < layer.shapes[node].size() &&
      layer.shapes[node][index])
    return layer.shapes[node][index];
  TensorShapes read = shape_reader_({argument_of(t)});
  // Each layer run is a step: a file that reads shapes in a long loop stays bounded.
  for (size_t i = 0; i < read.layers_run; ++i)
    if (!spend_step()) return std::nullopt;
  if (layer.shapes.size() <= node) layer.shapes.resize(node + 1);
  if (layer.shapes[node].size() <= index) layer.shapes[node].resize(index + 1);
  layer.shapes[node][index] = read.shapes.empty() ? std::nullopt : read.shapes[0];
  if (params) *params = read.params;
  return layer.shapes[node][index];
}

Value Interpreter::shape_value(const Value& t, bool dynamic, uint32_t offset) {
  std::optional<Dims> dims = tensor_shape(t);
  if (!dims) return unknown("the shape of a tensor dimsum cannot follow", offset);
  std::vector<Value> sizes;
  for (size_t i = 0; i < dims->size(); ++i) {
    Dim d = (*dims)[i];
    if (d.known())
      sizes.push_back(integer(d.value(), offset));
    else if (dynamic)
      sizes.push_back(unknown(fmt::format("axis {} of a tensor's shape, known only when the model "
                                          "runs",
                                          i),
                              offset));
    else
      sizes.push_back(none(offset));
  }
  Value shape = sequence(Kind::kTuple, std::move(sizes), offset);
  shape.text = "TensorShape";  // as_list(), .rank
  return shape;
}

Value Interpreter::tensor_attribute(const Value& t, const std::string& name, uint32_t offset) {
  if (name == "shape") return shape_value(t, false, offset);
  if (name == "ndim") {
    std::optional<Dims> dims = tensor_shape(t);
    if (dims) return integer(static_cast<int64_t>(dims->size()), offset);
  }
  return unknown(fmt::format("the {} of a symbolic tensor", name), offset);
}

Value Interpreter::tensor_method(const Value& t, const std::string& method, Args& args,
                                 uint32_t offset) {
  if (method == "get_shape") return shape_value(t, false, offset);
  static const std::map<std::string_view, std::string_view, std::less<>> kMethods = {
      {"reshape", "reshape"}, {"__getitem__", "[]"}};
  if (auto it = kMethods.find(method); it != kMethods.end()) {
    Args with_tensor = args;
    with_tensor.positional.insert(with_tensor.positional.begin(), t);
    return tensor_operation(std::string(it->second), with_tensor, offset);
  }
  return unknown(fmt::format("the result of a symbolic tensor's {}()", method), offset);
}

std::optional<Value> Interpreter::shape_function(const std::string& path, Args& args,
                                                 uint32_t offset) {
  const Value* x = args.get(0, "x");
  if (!x) x = args.get(0, "input");
  if (!x || x->kind != Kind::kTensor) return std::nullopt;
  if (path == "tensorflow.shape" || path == "keras.backend.shape")
    return shape_value(*x, true, offset);
  if (path == "keras.backend.int_shape" || path == "keras.ops.shape")
    return shape_value(*x, false, offset);
  if (path == "tensorflow.rank" || path == "keras.backend.ndim" || path == "keras.ops.ndim") {
    std::optional<Dims> dims = tensor_shape(*x);
    if (!dims) return unknown("the rank of a tensor dimsum cannot follow", offset);
    return integer(static_cast<int64_t>(dims->size()), offset);
  }
  return std::nullopt;
}

Value Interpreter::tensor_operation(const std::string& what, Args& args, uint32_t offset) {
  std::vector<Value>& operands = args.positional;
  std::string_view name = last_part(what);
  bool is_operator = what.size() <= 2 || what == "[]";
  std::string path = what;
  if (path.starts_with("tensorflow.")) path = path.substr(11);
  if (path.starts_with("compat.v1.")) path = path.substr(10);
  // Elementwise functions of one tensor, and arithmetic with a Python number: the same shape.
  bool numbers_only = true;
  int tensors = 0;
  for (const Value& v : operands) {
    numbers_only = numbers_only && (v.kind == Kind::kTensor || v.is_number());
    tensors += v.kind == Kind::kTensor ? 1 : 0;
  }
  numbers_only = numbers_only && tensors == 1;
  static const std::vector<std::string_view> kElementwise = {
      "relu",        "sigmoid",      "tanh",     "softmax",       "elu",           "selu",
      "gelu",        "swish",        "softplus", "exp",           "log",           "abs",
      "sqrt",        "square",       "cast",     "identity",      "stop_gradient", "dropout",
      "leaky_relu",  "relu6",        "silu",     "clip_by_value", "rsqrt",         "negative",
      "log_softmax", "l2_normalize", "erf",      "sin",           "cos",           "sign",
      "round",       "floor",        "ceil",     "reciprocal",    "softsign",      "log1p"};
  bool arithmetic = is_operator && what != "@" && what != "[]";
  if (!operands.empty() && operands[0].kind == Kind::kTensor &&
      ((arithmetic && numbers_only) ||
       (!is_operator &&
        std::find(kElementwise.begin(), kElementwise.end(), name) != kElementwise.end())))
    return operands[0];
  if (arithmetic && numbers_only && operands.size() == 2 && operands[1].kind == Kind::kTensor)
    return operands[1];                                         // 1.0 - x
  if (name == "split" || name == "unstack" || name == "top_k")  // several outputs
    return unknown(fmt::format("the outputs of {}, which dimsum does not follow yet", what),
                   offset);
  // The op's name in a TFOpLambda config, and its parameters in order.
  std::string function;
  std::vector<std::string_view> parameters;
  if (is_operator) {
    if (what == "[]") {
      function = "__operators__.getitem";
      parameters = {"tensor", "slice_spec"};
    } else if (auto f = operator_function(what)) {
      function = std::string(*f);
      parameters = {"x", "y"};
      if (what == "@") parameters = {"a", "b"};
    }
  } else if (auto it = op_signatures().find(path); it != op_signatures().end()) {
    function = std::string(it->second.function);
    parameters = it->second.parameters;
  } else if (auto it2 = op_signatures().find(name);
             it2 != op_signatures().end() &&
             (path == name || path == "math." + std::string(name))) {
    function = std::string(it2->second.function);
    parameters = it2->second.parameters;
  } else if (auto b = binary_function(name)) {
    function = *b;
    parameters = {"x", "y"};
  } else if (auto r = reduction_function(name)) {
    function = *r;
    parameters = {"input_tensor", "axis", "keepdims"};
  }
  // A tensor operand with data or another tensor: broadcasting that keeps the tensor's shape
  // needs no op (x * mask, z + noise); other ops become a TFOpLambda.
  std::string shown = what == "[]"   ? "indexing"
                      : is_operator  ? "operator " + what
                      : path != what ? "tf." + path
                                     : what;
  json::Node kwargs;
  kwargs.kind = json::Kind::kObject;
  Value first;
  std::vector<Invocation::Other> others;
  std::string unfollowed;
  if (function.empty())
    unfollowed = fmt::format("dimsum does not follow {} on a symbolic tensor", shown);
  // Operators may take the tensor second (2.0 * x is x * 2.0's shape; data - x is broadcasting).
  std::vector<Value> ordered = operands;
  if (is_operator && ordered.size() == 2 && ordered[0].kind != Kind::kTensor &&
      ordered[1].kind == Kind::kTensor && what != "@" && what != "[]")
    std::swap(ordered[0], ordered[1]);
  for (size_t i = 0; i < ordered.size() && unfollowed.empty(); ++i) {
    if (i == 0) {
      first = ordered[0];
      continue;
    }
    std::string_view parameter = i < parameters.size() ? parameters[i] : std::string_view();
    if (parameter.empty()) {
      unfollowed = fmt::format("dimsum does not follow argument {} of {}", i + 1, shown);
      break;
    }
    if (what == "[]") {  // x[a, b:c] is one slice_spec of all the keys
      std::vector<Value> keys(ordered.begin() + 1, ordered.end());
      auto spec = op_argument(sequence(Kind::kList, std::move(keys), offset), offset);
      if (!spec)
        unfollowed = "dimsum cannot read an index of this indexing";
      else
        kwargs.members.push_back(json::NodeMember{"slice_spec", std::move(*spec)});
      break;
    }
    if (ordered[i].kind == Kind::kTensor) {
      others.push_back({std::string(parameter), -1, argument_of(ordered[i])});
      continue;
    }
    auto j = op_argument(ordered[i], offset);
    if (!j) {
      unfollowed = fmt::format("dimsum cannot tell the {} argument of {}", parameter, shown);
      break;
    }
    kwargs.members.push_back(json::NodeMember{std::string(parameter), std::move(*j)});
  }
  for (const auto& [key, value] : args.keywords) {
    if (!unfollowed.empty()) break;
    if (key == "name") continue;
    if (value.kind == Kind::kTensor) {
      others.push_back({key, -1, argument_of(value)});
      continue;
    }
    auto j = op_argument(value, offset);
    if (!j) {
      unfollowed = fmt::format("dimsum cannot tell the {} argument of {}", key, shown);
      break;
    }
    kwargs.members.push_back(json::NodeMember{key, std::move(*j)});
  }
  // x * data that broadcasts onto x: x's shape (the common case of a mask or noise).
  if (arithmetic && ordered.size() == 2 && ordered[1].kind == Kind::kData && ordered[1].shape &&
      first.kind == Kind::kTensor) {
    std::optional<Dims> dims = tensor_shape(first);
    if (dims && broadcasts_onto(*ordered[1].shape, *dims)) return first;
  }
  std::vector<TensorArg> inputs;
  if (!collect_tensors(first, inputs) && unfollowed.empty())
    unfollowed = fmt::format("dimsum does not follow {} on {}", shown, describe(first));
  if (!unfollowed.empty()) {  // every tensor it takes, so the graph still reaches them
    inputs.clear();
    for (const Value& v : operands) collect_tensors(v, inputs);
    for (const auto& [key, value] : args.keywords) collect_tensors(value, inputs);
  }
  Args constructor;
  std::string op_name = function.empty() ? (is_operator ? "tf.operator" : "tf." + std::string(name))
                                         : "tf." + function;
  constructor.keywords.emplace_back("name", string(keras_name(op_name), offset));
  if (!function.empty()) constructor.keywords.emplace_back("function", string(function, offset));
  Value layer = construct_layer(
      function == "__operators__.getitem" ? "SlicingOpLambda" : "TFOpLambda", constructor, offset);
  layer.layer->unfollowed = unfollowed;
  Invocation call;
  call.inputs = std::move(inputs);
  call.offset = offset;
  if (unfollowed.empty()) {
    call.others = std::move(others);
    call.kwargs = std::move(kwargs);
  }
  layer.layer->calls.push_back(std::move(call));
  int node = static_cast<int>(layer.layer->calls.size()) - 1;
  return tensor(layer.layer, node, 0, offset);
}

}  // namespace dimsum::python
