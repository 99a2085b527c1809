// TensorFlow operations on the symbolic tensors of a functional model, as the layers tf.keras 2
// wraps them in.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "python/language/interpreter.h"
#include "python/libraries/library.h"

namespace dimsum::python {

Value Interpreter::tensor_operation(const std::string& what, std::vector<Value> operands,
                                    uint32_t offset) {
  std::string_view name = last_part(what);
  std::vector<TensorArg> tensors;
  for (const Value& v : operands) collect_tensors(v, tensors);
  bool numbers_only = true;  // the other operands are Python numbers: the shape is kept
  for (const Value& v : operands)
    numbers_only = numbers_only && (v.kind == Kind::kTensor || v.is_number());
  static const std::map<std::string_view, std::pair<std::string_view, std::string_view>> kMerges = {
      {"+", {"Add", "tf.__operators__.add"}},      {"add", {"Add", "tf.math.add"}},
      {"-", {"Subtract", "tf.math.subtract"}},     {"subtract", {"Subtract", "tf.math.subtract"}},
      {"*", {"Multiply", "tf.math.multiply"}},     {"multiply", {"Multiply", "tf.math.multiply"}},
      {"maximum", {"Maximum", "tf.math.maximum"}}, {"minimum", {"Minimum", "tf.math.minimum"}}};
  auto merge = kMerges.find(what.size() <= 2 ? std::string_view(what) : name);
  bool binary_tensors = operands.size() >= 2 && operands[0].kind == Kind::kTensor &&
                        operands[1].kind == Kind::kTensor;
  if (merge != kMerges.end() && binary_tensors) {
    Args constructor;
    constructor.keywords.emplace_back("name", string(keras_name(merge->second.second), offset));
    Value layer = construct_layer(std::string(merge->second.first), constructor, offset);
    Args call_args;
    call_args.positional.push_back(sequence(Kind::kList, {operands[0], operands[1]}, offset));
    return call_layer(layer, call_args, offset);
  }
  bool arithmetic = what.size() <= 2 && what != "@" && what != "[]";
  static const std::vector<std::string_view> kElementwise = {
      "relu",       "sigmoid", "tanh",     "softmax",      "elu",           "selu",
      "gelu",       "swish",   "softplus", "exp",          "log",           "abs",
      "sqrt",       "square",  "cast",     "identity",     "stop_gradient", "dropout",
      "leaky_relu", "relu6",   "silu",     "clip_by_value"};
  if (tensors.size() == 1 && operands[0].kind == Kind::kTensor &&
      ((arithmetic && numbers_only) ||
       (!arithmetic &&
        std::find(kElementwise.begin(), kElementwise.end(), name) != kElementwise.end())))
    return operands[0];  // x / 255.0, tf.nn.relu(x): the same shape
  if ((name == "concat" || name == "concatenate") && !operands.empty() &&
      is_tensor_list(operands[0])) {
    Args constructor;
    if (operands.size() > 1) constructor.keywords.emplace_back("axis", operands[1]);
    Value layer = construct_layer("Concatenate", constructor, offset);
    Args call_args;
    call_args.positional.push_back(operands[0]);
    return call_layer(layer, call_args, offset);
  }
  // Anything else on a symbolic tensor: its output is unknown, and a note says where.
  Args constructor;
  std::string op_name = what.size() <= 2 ? "tf.operator" : "tf." + std::string(name);
  constructor.keywords.emplace_back("name", string(keras_name(op_name), offset));
  Value layer = construct_layer("TFOpLambda", constructor, offset);
  std::string shown = what == "[]" ? "indexing" : what.size() <= 2 ? "operator " + what : what;
  layer.layer->unfollowed = fmt::format("dimsum does not follow {} on a symbolic tensor", shown);
  Args call_args;
  std::vector<Value> inputs;
  for (const TensorArg& t : tensors) inputs.push_back(tensor(t.layer, t.node, t.tensor, offset));
  call_args.positional.push_back(sequence(Kind::kList, std::move(inputs), offset));
  return call_layer(layer, call_args, offset);
}

}  // namespace dimsum::python
