// keras.layers.Layer subclasses of the source. An object of one is a layer whose class dimsum
// learns from the code: at its first call on symbolic tensors, Keras runs build(input_shape)
// with the real input shape (the weights add_weight makes there are the layer's own), then
// call() on the inputs. dimsum does the same on Inputs of the first call's shapes: what call()
// builds on them is the model the layer stands for (LayerObject::submodel), checked at every
// call with that call's shapes, its parameters those of the layers inside and its own weights.
#include <fmt/format.h>

#include <algorithm>

#include "layers/layer.h"
#include "python/language/interpreter.h"
#include "python/libraries/library.h"

namespace dimsum::python {

Value Interpreter::make_custom_layer(const Value& class_value, Args& args, uint32_t offset) {
  const ClassObject& c = *class_value.class_object;
  Args naming;
  if (const Value* name = args.keyword("name"); name && name->kind == Kind::kStr)
    naming.keywords.emplace_back("name", *name);
  Value made = construct_layer(c.name, naming, offset);
  Value v;
  v.kind = Kind::kInstance;
  v.class_object = class_value.class_object;
  v.offset = offset;
  v.attributes = new_scope(nullptr);
  v.layer = made.layer;
  if (Value init = member_of(v, "__init__", offset); init.kind == Kind::kFunction) {
    making_layers_.push_back(v.layer.get());
    call(init, args, offset);
    making_layers_.pop_back();
  }
  return v;
}

bool Interpreter::computed_output(const Value& instance, const Value& input_shape,
                                  uint32_t offset) {
  if (!input_shape.known() || !has_member(instance, "compute_output_shape")) return false;
  Args asked;
  asked.positional.push_back(input_shape);
  Value shape = call(member_of(instance, "compute_output_shape", offset), asked, offset);
  auto dims = as_shape(shape);
  if (!dims || dims->empty()) return false;
  instance.layer->computed_output = dims;
  return true;
}

Value Interpreter::add_weight(const Value& instance, Args& args, uint32_t offset) {
  // tf.keras 2: add_weight(name, shape, ...); Keras 3: add_weight(shape, initializer, ...).
  const Value* shape = args.keyword("shape");
  if (!shape && !args.positional.empty())
    shape = args.positional[0].kind == Kind::kStr
                ? (args.positional.size() > 1 ? &args.positional[1] : nullptr)
                : &args.positional[0];
  std::optional<Dims> dims = shape ? as_shape(*shape) : std::optional<Dims>(Dims{});
  if (shape && shape->kind == Kind::kNone) dims = Dims{};  // a scalar
  LayerObject& layer = *instance.layer;
  std::optional<int64_t> count = dims ? dims_product(*dims) : std::nullopt;
  layer.own_params = sum({layer.own_params, count});
  const Value* trainable = args.keyword("trainable");
  if (trainable && trainable->kind == Kind::kBool && !trainable->boolean)
    layer.own_non_trainable = sum({layer.own_non_trainable, count});
  return data(dims, offset, ops::DType::kFloat);
}

bool Interpreter::trace_custom_layer(const Value& instance, const std::vector<Value>& inputs,
                                     const Value& structure, Args& args, uint32_t offset) {
  LayerObject& layer = *instance.layer;
  const ClassObject& c = *instance.class_object;
  Value input_shape;  // what build() and compute_output_shape() are given
  auto fail = [&](std::string why) {
    layer.unfollowed = fmt::format("when dimsum followed class '{}' called on {}, {}", c.name,
                                   line_of(offset), why);
    if (computed_output(instance, input_shape, offset))
      layer.unfollowed += "; its output shape is the one its compute_output_shape() gives";
    return false;
  };
  std::vector<Dims> shapes;
  for (const Value& t : inputs) {
    std::optional<Dims> dims = tensor_shape(t);
    if (!dims) return fail("the shape of its input is unknown");
    shapes.push_back(*dims);
  }
  // Inner Inputs for the first argument, in its structure, then for other tensor arguments.
  size_t next = 0;
  std::vector<Value> inner;
  auto replace = [&](const Value& v, auto& self, int depth) -> Value {
    if (v.kind == Kind::kTensor && next < shapes.size()) {
      inner.push_back(input_tensor(shapes[next], offset, next_id_++));
      ++next;
      return inner.back();
    }
    if ((v.is_sequence() || v.kind == Kind::kDict) && depth < kMaxNesting && v.items) {
      Value copy = v;
      std::vector<Value> items;
      for (const Value& item : *v.items) items.push_back(self(item, self, depth + 1));
      copy.items = std::make_shared<std::vector<Value>>(std::move(items));
      return copy;
    }
    return v;
  };
  Args inner_args;
  inner_args.positional.push_back(replace(structure, replace, 0));
  for (size_t i = 1; i < args.positional.size(); ++i)
    inner_args.positional.push_back(replace(args.positional[i], replace, 0));
  for (const auto& [key, value] : args.keywords)
    if (key != "inputs") inner_args.keywords.emplace_back(key, replace(value, replace, 0));
  Value first = inner_args.positional[0];
  if (first.kind == Kind::kTensor) {
    input_shape = shape_value(first, false, offset);
  } else {
    std::vector<Value> per_input;
    for (const Value& item : *first.items) per_input.push_back(shape_value(item, false, offset));
    input_shape = sequence(first.kind == Kind::kDict ? Kind::kDict : Kind::kList,
                           std::move(per_input), offset);
    input_shape.keys = first.keys;
  }
  if (has_member(instance, "build")) {  // Keras builds at the first call, with its shapes
    Args build;
    build.positional.push_back(input_shape);
    making_layers_.push_back(&layer);
    call(member_of(instance, "build", offset), build, offset);
    making_layers_.pop_back();
  }
  if (!has_member(instance, "call")) return fail("the class defines no call() dimsum can see");
  Value callee = member_of(instance, "call", offset);
  if (callee.kind != Kind::kFunction)
    return fail(fmt::format("its call() is {}", describe(callee)));
  tracing_layers_.push_back(&layer);
  Value result = call(callee, inner_args, offset);
  tracing_layers_.pop_back();
  std::vector<TensorArg> outputs;
  if (!collect_tensors(result, outputs) || outputs.empty())
    return fail(fmt::format("its call() returns {}",
                            result.kind == Kind::kNone ? "None" : describe(result)));
  auto model = std::make_shared<ModelObject>();
  model->id = next_id_++;
  model->sequential = false;
  model->name = layer.name;
  model->offset = layer.offset;
  // Later calls give the layer their own shapes, which need not be the first call's: the
  // Inputs declare none, and the first call's weights decide what fits.
  for (const Value& t : inner) {
    model->inputs.push_back(argument_of(t));
    t.layer->declared_shape.reset();
  }
  model->outputs = std::move(outputs);
  layer.submodel = model;
  layer.traced = true;
  // An output call() leaves unknown (an op without a rule): the class's own answer, if any.
  if (model->outputs.size() == 1) {
    const TensorArg& out = model->outputs[0];
    if (!tensor_shape(tensor(out.layer, out.node, out.tensor, offset)))
      computed_output(instance, input_shape, offset);
  }
  layer.outputs_per_call = static_cast<int>(model->outputs.size());
  return true;
}

Value Interpreter::call_custom_layer(const Value& instance, Args& args, uint32_t offset) {
  LayerObject& layer = *instance.layer;
  Value as_layer;
  as_layer.kind = Kind::kLayer;
  as_layer.layer = instance.layer;
  as_layer.offset = offset;
  const Value* x = args.get(0, "inputs");
  std::vector<TensorArg> first;
  if (!x || !collect_tensors(*x, first) || first.empty())
    return call_layer(as_layer, args, offset);  // on data or unknowns: not followed
  // Every tensor it is given, the first argument's first: the inputs of the model it stands for.
  std::vector<Value> tensors;
  for (const TensorArg& t : first) tensors.push_back(tensor(t.layer, t.node, t.tensor, offset));
  auto more = [&](const Value& v) {
    std::vector<TensorArg> found;
    if (collect_tensors(v, found))
      for (const TensorArg& t : found) tensors.push_back(tensor(t.layer, t.node, t.tensor, offset));
  };
  for (size_t i = 1; i < args.positional.size(); ++i) more(args.positional[i]);
  for (const auto& [key, value] : args.keywords)
    if (key != "inputs") more(value);
  if (!layer.traced && layer.unfollowed.empty() && !layer.submodel)
    trace_custom_layer(instance, tensors, *x, args, offset);
  Args outer;
  outer.positional.push_back(tensors.size() == 1 ? tensors[0]
                                                 : sequence(Kind::kList, tensors, offset));
  if (layer.traced && layer.submodel &&
      tensors.size() != layer.submodel->inputs.size())  // called with other arguments later
    layer.unfollowed =
        fmt::format("it is called on {} with other arguments than at first", line_of(offset));
  return call_layer(as_layer, outer, offset);
}

void Interpreter::trace_sequential_layers(const ModelObject& model, uint32_t offset) {
  if (!shape_reader_) return;
  for (size_t i = 1; i < model.layers.size(); ++i) {
    const Value& item = model.layers[i];
    if (item.kind != Kind::kInstance || !item.layer || item.layer->traced ||
        !item.layer->unfollowed.empty() || item.layer->submodel)
      continue;
    ModelObject before;  // the layers before it, from the input the Sequential declares
    before.sequential = true;
    before.layers.assign(model.layers.begin(), model.layers.begin() + static_cast<long>(i));
    for (size_t k = 0; k < i; ++k)  // each layer run is a step: the reading stays bounded
      if (!spend_step()) return;
    TensorShapes read = shape_reader_(before);
    if (read.shapes.empty() || !read.shapes[0]) continue;  // a later call may tell
    Value input = input_tensor(read.shapes[0], offset);
    Args args;
    args.positional.push_back(input);
    trace_custom_layer(item, {input}, input, args, item.offset);
  }
}

}  // namespace dimsum::python
