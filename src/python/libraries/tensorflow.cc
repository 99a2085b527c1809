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
      {"einsum", {"einsum", {"inputs"}}},
      {"linalg.einsum", {"einsum", {"inputs"}}},
      {"repeat", {"repeat", {"input", "repeats", "axis"}}},
      {"math.top_k", {"math.top_k", {"input", "k"}}},
      {"nn.top_k", {"math.top_k", {"input", "k"}}},
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

// How many tensors an op gives: tf.split as many as its splits (0 when the code does not say),
// top_k its values and indices, the others one.
int op_outputs(std::string_view function, const Interpreter::Args& args) {
  if (function == "math.top_k") return 2;
  if (function != "split") return 1;
  const Value* splits = args.get(1, "num_or_size_splits");
  if (!splits) return 0;
  if (splits->kind == Kind::kInt)
    return splits->integer > 0 && splits->integer <= 4096 ? static_cast<int>(splits->integer) : 0;
  if (splits->is_sequence() && !splits->repeat && splits->length() <= 4096)
    return static_cast<int>(splits->length());
  return 0;
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

// Keras' own op functions (keras.ops, Keras 3; keras.backend, tf.keras 2) as the TensorFlow op
// of the same shape rule: its name, TensorFlow's parameter for each of Keras' in order, and the
// axis Keras takes when none is given where TensorFlow's differs or has none.
struct KerasOp {
  std::string_view tf;
  std::vector<std::pair<std::string_view, std::string_view>> parameters;  // Keras' -> TF's
  std::optional<int64_t> default_axis;
};

const std::map<std::string_view, KerasOp, std::less<>>& keras_ops() {
  using P = std::vector<std::pair<std::string_view, std::string_view>>;
  static const P kReduce = {{"x", "input_tensor"}, {"axis", "axis"}, {"keepdims", "keepdims"}};
  static const auto* table = new std::map<std::string_view, KerasOp, std::less<>>{
      {"keras.ops.reshape", {"reshape", P{{"x", "tensor"}, {"newshape", "shape"}}, {}}},
      {"keras.ops.transpose", {"transpose", P{{"x", "a"}, {"axes", "perm"}}, {}}},
      {"keras.ops.expand_dims", {"expand_dims", P{{"x", "input"}, {"axis", "axis"}}, {}}},
      {"keras.ops.squeeze", {"squeeze", P{{"x", "input"}, {"axis", "axis"}}, {}}},
      {"keras.ops.concatenate", {"concat", P{{"xs", "values"}, {"axis", "axis"}}, 0}},
      {"keras.ops.stack", {"stack", P{{"x", "values"}, {"axis", "axis"}}, 0}},
      {"keras.ops.matmul", {"linalg.matmul", P{{"x1", "a"}, {"x2", "b"}}, {}}},
      {"keras.ops.mean", {"math.reduce_mean", kReduce, {}}},
      {"keras.ops.sum", {"math.reduce_sum", kReduce, {}}},
      {"keras.ops.max", {"math.reduce_max", kReduce, {}}},
      {"keras.ops.min", {"math.reduce_min", kReduce, {}}},
      {"keras.ops.prod", {"math.reduce_prod", kReduce, {}}},
      {"keras.ops.repeat",
       {"repeat", P{{"x", "input"}, {"repeats", "repeats"}, {"axis", "axis"}}, {}}},
      {"keras.ops.one_hot", {"one_hot", P{{"x", "indices"}, {"num_classes", "depth"}}, {}}},
      {"keras.backend.reshape", {"reshape", P{{"x", "tensor"}, {"shape", "shape"}}, {}}},
      {"keras.backend.permute_dimensions", {"transpose", P{{"x", "a"}, {"pattern", "perm"}}, {}}},
      {"keras.backend.expand_dims", {"expand_dims", P{{"x", "input"}, {"axis", "axis"}}, -1}},
      {"keras.backend.squeeze", {"squeeze", P{{"x", "input"}, {"axis", "axis"}}, {}}},
      {"keras.backend.concatenate", {"concat", P{{"tensors", "values"}, {"axis", "axis"}}, -1}},
      {"keras.backend.stack", {"stack", P{{"x", "values"}, {"axis", "axis"}}, 0}},
      {"keras.backend.mean", {"math.reduce_mean", kReduce, {}}},
      {"keras.backend.sum", {"math.reduce_sum", kReduce, {}}},
      {"keras.backend.max", {"math.reduce_max", kReduce, {}}},
      {"keras.backend.min", {"math.reduce_min", kReduce, {}}},
      {"keras.backend.prod", {"math.reduce_prod", kReduce, {}}},
      {"keras.backend.argmax", {"math.argmax", P{{"x", "input"}, {"axis", "axis"}}, -1}},
      {"keras.backend.argmin", {"math.argmin", P{{"x", "input"}, {"axis", "axis"}}, -1}},
      {"keras.backend.tile", {"tile", P{{"x", "input"}, {"n", "multiples"}}, {}}},
      {"keras.backend.repeat_elements",
       {"repeat", P{{"x", "input"}, {"rep", "repeats"}, {"axis", "axis"}}, {}}},
      {"keras.backend.one_hot",
       {"one_hot", P{{"indices", "indices"}, {"num_classes", "depth"}}, {}}},
  };
  return *table;
}

}  // namespace

// keras.ops.NAME(...) / K.NAME(...) as the TensorFlow op of the same rule, its arguments renamed
// to TensorFlow's and Keras' default axis made explicit; the path unchanged for any other.
std::string Interpreter::as_tensorflow_op(const std::string& path, Args& args) {
  auto it = keras_ops().find(path);
  if (it == keras_ops().end()) return path;
  const KerasOp& op = it->second;
  Args tf;
  for (size_t i = 0; i < args.positional.size() && i < op.parameters.size(); ++i)
    tf.keywords.emplace_back(std::string(op.parameters[i].second), args.positional[i]);
  for (const auto& keyword : args.keywords) {
    const std::string& key = keyword.first;
    auto named = std::find_if(op.parameters.begin(), op.parameters.end(),
                              [&](const auto& p) { return p.first == key; });
    tf.keywords.emplace_back(named == op.parameters.end() ? key : std::string(named->second),
                             keyword.second);
  }
  if (op.default_axis && !tf.keyword("axis"))
    tf.keywords.emplace_back("axis", integer(*op.default_axis, 0));
  // The tensor argument first, by position, as TensorFlow's calls give it.
  std::string_view first = op.parameters[0].second;
  for (size_t i = 0; i < tf.keywords.size(); ++i)
    if (tf.keywords[i].first == first) {
      tf.positional.push_back(tf.keywords[i].second);
      tf.keywords.erase(tf.keywords.begin() + static_cast<std::ptrdiff_t>(i));
      break;
    }
  args = std::move(tf);
  return "tensorflow." + std::string(op.tf);
}

namespace {

// The shape read for a tensor, or nullptr when it has not been read.
const LayerObject::ReadShape* read_shape(const TensorArg& t) {
  if (t.layer->class_name == "InputLayer") return nullptr;
  auto node = static_cast<size_t>(t.node), index = static_cast<size_t>(t.tensor);
  const auto& shapes = t.layer->shapes;
  if (node >= shapes.size() || index >= shapes[node].size() || !shapes[node][index].read)
    return nullptr;
  return &shapes[node][index];
}

// The shape of a tensor whose inputs' shapes are known (an Input's, or one read before): a Input
// for each, and a copy of its layer with this one call, so that reading it runs that one layer.
ModelObject one_call(const TensorArg& t, const std::vector<std::optional<Dims>>& input_shapes) {
  const LayerObject& layer = *t.layer;
  const Invocation& call = layer.calls[static_cast<size_t>(t.node)];
  auto copy = std::make_shared<LayerObject>();
  copy->id = layer.id;
  copy->class_name = layer.class_name;
  copy->name = layer.name;
  copy->offset = layer.offset;
  copy->config = layer.config;
  copy->unfollowed = layer.unfollowed;
  copy->probed = layer.probed;
  copy->submodel = layer.submodel;
  copy->outputs_per_call = layer.outputs_per_call;
  copy->traced = layer.traced;
  copy->own_params = layer.own_params;
  copy->own_non_trainable = layer.own_non_trainable;
  copy->computed_output = layer.computed_output;
  size_t next = 0;
  auto input_for = [&](const TensorArg&) {
    return argument_of(input_tensor(input_shapes[next++], call.offset));
  };
  Invocation single;
  single.offset = call.offset;
  single.kwargs = call.kwargs;
  for (const TensorArg& in : call.inputs) single.inputs.push_back(input_for(in));
  for (const Invocation::Other& other : call.others)
    single.others.push_back({other.name, other.position, input_for(other.tensor)});
  copy->calls.push_back(std::move(single));
  ModelObject part;
  part.sequential = false;
  part.outputs = {TensorArg{copy, 0, t.tensor}};
  return part;
}

// The tensors a call takes: its first argument's, then the others.
std::vector<TensorArg> call_inputs(const TensorArg& t) {
  const Invocation& call = t.layer->calls[static_cast<size_t>(t.node)];
  std::vector<TensorArg> inputs = call.inputs;
  for (const Invocation::Other& other : call.others) inputs.push_back(other.tensor);
  return inputs;
}

}  // namespace

std::optional<Dims> Interpreter::tensor_shape(const Value& t, std::optional<int64_t>* params) {
  if (t.kind != Kind::kTensor || !shape_reader_) return std::nullopt;
  if (t.layer->class_name == "InputLayer") return t.layer->declared_shape;
  if (t.node < 0 || static_cast<size_t>(t.node) >= t.layer->calls.size()) return std::nullopt;
  const TensorArg wanted = argument_of(t);
  // Reads one tensor whose inputs are read: the weights of its layer at that call.
  auto read_one = [&](const TensorArg& next) {
    std::vector<std::optional<Dims>> input_shapes;
    bool inputs_known = true;
    for (const TensorArg& in : call_inputs(next)) {
      const LayerObject::ReadShape* known = read_shape(in);
      std::optional<Dims> dims = in.layer->class_name == "InputLayer" ? in.layer->declared_shape
                                 : known                              ? known->dims
                                                                      : std::nullopt;
      inputs_known = inputs_known && dims.has_value();
      input_shapes.push_back(dims);
    }
    TensorShapes read;
    if (inputs_known) read = shape_reader_(one_call(next, input_shapes));
    LayerObject& layer = *next.layer;
    auto node = static_cast<size_t>(next.node), index = static_cast<size_t>(next.tensor);
    if (layer.shapes.size() <= node) layer.shapes.resize(node + 1);
    if (layer.shapes[node].size() <= index) layer.shapes[node].resize(index + 1);
    layer.shapes[node][index] = {true, read.shapes.empty() ? std::nullopt : read.shapes[0]};
    return read.params;
  };
  // The tensors it depends on are read first, each once, oldest first: reading one then runs
  // one layer, and reading every tensor of a model costs as many layers as it has.
  std::vector<std::pair<TensorArg, bool>> stack{{wanted, false}};
  while (!stack.empty()) {
    auto [next, expanded] = stack.back();
    stack.pop_back();
    if (read_shape(next)) continue;
    if (!expanded) {
      stack.emplace_back(next, true);
      for (const TensorArg& in : call_inputs(next))
        if (in.layer->class_name != "InputLayer" && !read_shape(in) && in.node >= 0 &&
            static_cast<size_t>(in.node) < in.layer->calls.size())
          stack.emplace_back(in, false);
      continue;
    }
    if (!spend_step()) return std::nullopt;  // reading shapes in a long loop stays bounded
    read_one(next);
  }
  if (params) *params = read_one(wanted);
  const LayerObject::ReadShape* known = read_shape(wanted);
  return known ? known->dims : std::nullopt;
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
  // np.shape(x) and np.ndim(x) read x.shape and x.ndim.
  if (path == "keras.backend.int_shape" || path == "keras.ops.shape" || path == "numpy.shape")
    return shape_value(*x, false, offset);
  if (path == "tensorflow.rank" || path == "keras.backend.ndim" || path == "keras.ops.ndim" ||
      path == "numpy.ndim") {
    std::optional<Dims> dims = tensor_shape(*x);
    if (!dims) return unknown("the rank of a tensor dimsum cannot follow", offset);
    return integer(static_cast<int64_t>(dims->size()), offset);
  }
  return std::nullopt;
}

namespace {

// How an op on symbolic tensors is written: its path without "tensorflow.", whether it is a
// Python operator ("+", "[]"), and the name it is shown by in notes.
struct OpSpelling {
  std::string what;  // as called: "tensorflow.reshape", "+", "[]"
  std::string path;  // "reshape", "math.reduce_mean"
  std::string_view name;
  bool is_operator = false;
  std::string shown;

  explicit OpSpelling(std::string written) : what(std::move(written)) {
    path = what;
    if (path.starts_with("tensorflow.")) path = path.substr(11);
    if (path.starts_with("compat.v1.")) path = path.substr(10);
    name = last_part(what);
    is_operator = what.size() <= 2 || what == "[]";
    shown = what == "[]"   ? "indexing"
            : is_operator  ? "operator " + what
            : path != what ? "tf." + path
                           : what;
  }
  // Arithmetic that broadcasts: an operator other than @ and indexing.
  bool arithmetic() const { return is_operator && what != "@" && what != "[]"; }
};

// Elementwise functions of one tensor (tf.nn.relu, tf.exp, ...), by their last name.
bool elementwise(std::string_view name) {
  static constexpr std::string_view kElementwise[] = {
      "relu",        "sigmoid",      "tanh",     "softmax",       "elu",           "selu",
      "gelu",        "swish",        "softplus", "exp",           "log",           "abs",
      "sqrt",        "square",       "cast",     "identity",      "stop_gradient", "dropout",
      "leaky_relu",  "relu6",        "silu",     "clip_by_value", "rsqrt",         "negative",
      "log_softmax", "l2_normalize", "erf",      "sin",           "cos",           "sign",
      "round",       "floor",        "ceil",     "reciprocal",    "softsign",      "log1p"};
  return std::find(std::begin(kElementwise), std::end(kElementwise), name) !=
         std::end(kElementwise);
}

// The tensor an op leaves as it is, with no layer: an elementwise function of it, or
// arithmetic with a Python number (x / 255.0, 1.0 - x); nullopt for any other op.
std::optional<Value> same_tensor(const OpSpelling& op, const std::vector<Value>& operands) {
  int tensors = 0;
  bool numbers_only = true;
  for (const Value& v : operands) {
    numbers_only = numbers_only && (v.kind == Kind::kTensor || v.is_number());
    tensors += v.kind == Kind::kTensor ? 1 : 0;
  }
  numbers_only = numbers_only && tensors == 1;
  if (operands.empty()) return std::nullopt;
  if (operands[0].kind == Kind::kTensor &&
      ((op.arithmetic() && numbers_only) || (!op.is_operator && elementwise(op.name))))
    return operands[0];
  if (op.arithmetic() && numbers_only && operands.size() == 2 && operands[1].kind == Kind::kTensor)
    return operands[1];
  return std::nullopt;
}

// The op's name in a TFOpLambda config and its parameters in order; an empty function for an
// op without a rule.
struct Signature {
  std::string function;
  std::vector<std::string_view> parameters;
};

Signature signature_of(const OpSpelling& op) {
  if (op.what == "[]") return {"__operators__.getitem", {"tensor", "slice_spec"}};
  if (op.is_operator) {
    auto f = operator_function(op.what);
    if (!f) return {};
    if (op.what == "@") return {std::string(*f), {"a", "b"}};
    return {std::string(*f), {"x", "y"}};
  }
  if (auto it = op_signatures().find(op.path); it != op_signatures().end())
    return {std::string(it->second.function), it->second.parameters};
  if (auto it = op_signatures().find(op.name);
      it != op_signatures().end() &&
      (op.path == op.name || op.path == "math." + std::string(op.name)))
    return {std::string(it->second.function), it->second.parameters};
  if (auto b = binary_function(op.name)) return {*b, {"x", "y"}};
  if (auto r = reduction_function(op.name)) return {*r, {"input_tensor", "axis", "keepdims"}};
  return {};
}

NodeArguments node_arguments(const OpSpelling& op, const Signature& signature,
                             const std::vector<Value>& ordered, const Interpreter::Args& args,
                             uint32_t offset) {
  NodeArguments out;
  out.kwargs.kind = json::Kind::kObject;
  if (signature.function.empty()) {
    out.unfollowed = fmt::format("dimsum does not follow {} on a symbolic tensor", op.shown);
    return out;
  }
  if (!ordered.empty()) out.first = ordered[0];
  if (op.what == "[]") {  // x[a, b:c] is one slice_spec of all the keys
    std::vector<Value> keys(ordered.begin() + 1, ordered.end());
    auto spec = op_argument(sequence(Kind::kList, std::move(keys), offset), offset);
    if (!spec)
      out.unfollowed = "dimsum cannot read an index of this indexing";
    else
      out.kwargs.members.push_back(json::NodeMember{"slice_spec", std::move(*spec)});
    return out;
  }
  auto add = [&](std::string parameter, const Value& value) {
    if (value.kind == Kind::kTensor) {
      out.others.push_back({std::move(parameter), -1, argument_of(value)});
      return true;
    }
    auto j = op_argument(value, offset);
    if (!j) {
      out.unfollowed = fmt::format("dimsum cannot tell the {} argument of {}", parameter, op.shown);
      return false;
    }
    out.kwargs.members.push_back(json::NodeMember{std::move(parameter), std::move(*j)});
    return true;
  };
  for (size_t i = 1; i < ordered.size(); ++i) {
    if (i >= signature.parameters.size()) {
      out.unfollowed = fmt::format("dimsum does not follow argument {} of {}", i + 1, op.shown);
      return out;
    }
    if (!add(std::string(signature.parameters[i]), ordered[i])) return out;
  }
  for (const auto& [key, value] : args.keywords)
    if (key != "name" && !add(key, value)) return out;
  return out;
}

}  // namespace

Value Interpreter::tensor_operation(const std::string& written, Args& args, uint32_t offset) {
  OpSpelling op(as_tensorflow_op(written, args));
  std::vector<Value>& operands = args.positional;
  // tf.einsum(equation, *inputs): the operands as the first argument, the equation by name.
  if (op.name == "einsum" && !operands.empty() && operands[0].kind == Kind::kStr) {
    args.keywords.emplace_back("equation", operands[0]);
    std::vector<Value> inputs(operands.begin() + 1, operands.end());
    operands = {sequence(Kind::kList, std::move(inputs), offset)};
  }
  if (auto same = same_tensor(op, operands)) return *same;
  if (op.name == "unstack")  // as many outputs as an axis is long
    return unknown(fmt::format("the outputs of {}, which dimsum does not follow yet", op.what),
                   offset);
  Signature signature = signature_of(op);
  // Operators may take the tensor second (2.0 * x is x * 2.0's shape; data - x is broadcasting).
  std::vector<Value> ordered = operands;
  if (op.arithmetic() && ordered.size() == 2 && ordered[0].kind != Kind::kTensor &&
      ordered[1].kind == Kind::kTensor)
    std::swap(ordered[0], ordered[1]);
  // x * data that broadcasts onto x keeps x's shape (a mask, noise): no op is needed.
  if (op.arithmetic() && ordered.size() == 2 && ordered[1].kind == Kind::kData &&
      ordered[1].shape && ordered[0].kind == Kind::kTensor) {
    std::optional<Dims> dims = tensor_shape(ordered[0]);
    if (dims && broadcasts_onto(*ordered[1].shape, *dims)) return ordered[0];
  }
  NodeArguments node_args = node_arguments(op, signature, ordered, args, offset);
  return op_layer(op.is_operator ? "tf.operator" : "tf." + std::string(op.name), op.shown,
                  signature.function, std::move(node_args), args, offset);
}

Value Interpreter::op_layer(const std::string& unnamed, const std::string& shown,
                            const std::string& function, NodeArguments node_args, const Args& args,
                            uint32_t offset) {
  std::vector<TensorArg> inputs;
  std::string& unfollowed = node_args.unfollowed;
  if (!collect_tensors(node_args.first, inputs) && unfollowed.empty())
    unfollowed = fmt::format("dimsum does not follow {} on {}", shown, describe(node_args.first));
  if (!unfollowed.empty()) {  // every tensor it takes, so the graph still reaches them
    inputs.clear();
    for (const Value& v : args.positional) collect_tensors(v, inputs);
    for (const auto& [key, value] : args.keywords) collect_tensors(value, inputs);
  }
  Args constructor;
  std::string op_name = function.empty() ? unnamed : "tf." + function;
  constructor.keywords.emplace_back("name", string(keras_name(op_name), offset));
  if (!function.empty()) constructor.keywords.emplace_back("function", string(function, offset));
  Value layer = construct_layer(
      function == "__operators__.getitem" ? "SlicingOpLambda" : "TFOpLambda", constructor, offset);
  layer.layer->unfollowed = unfollowed;
  Invocation call;
  call.inputs = std::move(inputs);
  call.offset = offset;
  if (unfollowed.empty()) {
    call.others = std::move(node_args.others);
    call.kwargs = std::move(node_args.kwargs);
  }
  layer.layer->calls.push_back(std::move(call));
  int node = static_cast<int>(layer.layer->calls.size()) - 1;
  int outputs = unfollowed.empty() ? op_outputs(function, args) : 1;
  if (outputs == 1) return tensor(layer.layer, node, 0, offset);
  if (outputs < 1) return unknown(fmt::format("the outputs of {}", shown), offset);
  layer.layer->outputs_per_call = outputs;
  std::vector<Value> parts;
  for (int i = 0; i < outputs; ++i) parts.push_back(tensor(layer.layer, node, i, offset));
  return sequence(function == "split" ? Kind::kList : Kind::kTuple, std::move(parts), offset);
}

}  // namespace dimsum::python
