// keras.Model subclasses: an object of one stands for the functional model its call() traces to,
// from the first input shape the code gives it.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "python/language/interpreter.h"
#include "python/libraries/library.h"

namespace dimsum::python {

namespace {

// Whether data has the shapes (after the batch axis) of the data a model was traced with;
// true for data of unknown shape, which the feed itself reports as not checked.
bool fits_trace(const Value& x, const Value& traced, int depth = 0) {
  if (depth > kMaxNesting) return false;
  if (x.kind == Kind::kData && traced.kind == Kind::kData) {
    if (!x.shape || !traced.shape) return !x.shape;
    return x.shape->size() == traced.shape->size() &&
           std::equal(x.shape->begin() + (x.shape->empty() ? 0 : 1), x.shape->end(),
                      traced.shape->begin() + (traced.shape->empty() ? 0 : 1));
  }
  bool x_many = x.is_sequence() || x.kind == Kind::kDict;
  bool traced_many = traced.is_sequence() || traced.kind == Kind::kDict;
  if (x_many && traced_many) {
    if (x.repeat || traced.repeat || x.length() != traced.length() || !x.keys != !traced.keys ||
        (x.keys && *x.keys != *traced.keys))
      return false;
    for (size_t i = 0; i < x.items->size(); ++i)
      if (!fits_trace((*x.items)[i], (*traced.items)[i], depth + 1)) return false;
    return true;
  }
  return x.kind == Kind::kUnknown;
}

Value model_of(const Value& instance) {
  Value v = instance;
  v.kind = Kind::kModel;
  v.class_object.reset();
  v.attributes.reset();
  return v;
}

// Whether every tensor is the output of an Input: a subclassed model called on keras.Input(...).
bool all_inputs(const std::vector<TensorArg>& tensors) {
  return !tensors.empty() && std::all_of(tensors.begin(), tensors.end(), [](const TensorArg& t) {
    return t.layer->class_name == "InputLayer";
  });
}

}  // namespace

void Interpreter::register_traced(const std::shared_ptr<ModelObject>& model) {
  model->trace = ModelObject::Trace::kTraced;
  model->subclass->traced = true;
  out_.models.push_back(model);
}

void Interpreter::trace_failed(ModelObject& model, std::string why, uint32_t offset) {
  model.trace = ModelObject::Trace::kFailed;
  if (model.subclass->untraced_why.empty()) {
    model.subclass->untraced_why = std::move(why);
    model.subclass->untraced_at = offset;
  }
}

std::optional<Value> Interpreter::run_call(const Value& instance, const Value& inputs,
                                           uint32_t offset, std::string& why) {
  ModelObject& model = *instance.model;
  const ClassObject& c = *model.subclass;
  if (!has_member(instance, "call")) {
    why = fmt::format("class '{}' defines no call() that dimsum can see", c.name);
    return std::nullopt;
  }
  Value callee = member_of(instance, "call", offset);
  if (callee.kind != Kind::kFunction) {
    why = fmt::format("the call() of class '{}' is {}", c.name, describe(callee));
    return std::nullopt;
  }
  auto saved = model.trace;
  model.trace = ModelObject::Trace::kTracing;
  Args args;
  args.positional.push_back(inputs);
  Value result = call(callee, args, offset);
  model.trace = saved;
  std::vector<TensorArg> outputs;
  if (!collect_tensors(result, outputs) || outputs.empty()) {
    why = fmt::format("its call() returns {}, not tensors dimsum can follow",
                      result.kind == Kind::kNone ? "None" : describe(result));
    return std::nullopt;
  }
  return result;
}

void Interpreter::trace_subclass(const Value& instance, const Value& x, uint32_t offset) {
  ModelObject& model = *instance.model;
  if (model.trace == ModelObject::Trace::kSymbolic) {
    register_traced(instance.model);
    return;
  }
  if (model.trace != ModelObject::Trace::kNone) return;
  // An Input per array fed, of its shape with the batch axis left free.
  auto input_of = [&](const Value& array) -> std::optional<Value> {
    if (array.kind != Kind::kData || !array.shape || array.shape->empty() || array.open_rank)
      return std::nullopt;
    return input_of_sizes("shape", Dims(array.shape->begin() + 1, array.shape->end()), offset);
  };
  std::optional<Value> inputs;
  if (x.kind == Kind::kData) {
    inputs = input_of(x);
  } else if ((x.is_sequence() && !x.repeat && x.length() > 0) || x.kind == Kind::kDict) {
    std::vector<Value> items;
    for (const Value& item : *x.items) {
      auto input = input_of(item);
      if (!input) break;
      items.push_back(*input);
    }
    if (items.size() == x.items->size()) {
      inputs = sequence(x.kind, std::move(items), offset);
      inputs->keys = x.keys;
    }
  }
  if (!inputs) return;  // a shape dimsum cannot tell: a later use may give one
  if (inputs->kind == Kind::kTensor) inputs->layer->id = model.id;  // listed first, as made first
  if (!model.built && has_member(instance, "build")) {  // Keras builds before the first call
    model.built = true;
    std::vector<Value> per_input;
    auto shape_of = [&](const Value& array) {
      std::vector<Value> dims{none(offset)};
      for (size_t i = 1; i < array.shape->size(); ++i)
        dims.push_back((*array.shape)[i].known() ? integer((*array.shape)[i].value(), offset)
                                                 : none(offset));
      return sequence(Kind::kTuple, std::move(dims), offset);
    };
    Args build;
    if (x.kind == Kind::kData) {
      build.positional.push_back(shape_of(x));
    } else {
      for (const Value& item : *x.items) per_input.push_back(shape_of(item));
      Value shapes = sequence(x.kind, std::move(per_input), offset);
      shapes.keys = x.keys;
      build.positional.push_back(shapes);
    }
    call(member_of(instance, "build", offset), build, offset);
  }
  std::string why;
  std::optional<Value> outputs = run_call(instance, *inputs, offset, why);
  if (!outputs) {
    trace_failed(model,
                 fmt::format("when dimsum traced it with the input shape given on {}, {}",
                             line_of(offset), why),
                 offset);
    return;
  }
  model.inputs.clear();
  model.outputs.clear();
  model.input_keys.clear();
  collect_tensors(*inputs, model.inputs, &model.input_keys);
  collect_tensors(*outputs, model.outputs);
  model.traced_with = {x};
  register_traced(instance.model);
}

Value Interpreter::call_subclass(const Value& instance, Args& args, uint32_t offset) {
  ModelObject& model = *instance.model;
  const Value* x = args.get(0, "inputs");
  std::vector<TensorArg> tensors;
  if (x && collect_tensors(*x, tensors) && !tensors.empty()) {
    // On symbolic tensors, as a layer of another model (or of keras.Input): its call() runs
    // on them there.
    if (model.trace == ModelObject::Trace::kTracing)
      return unknown(fmt::format("model '{}' calling itself", model.name), offset);
    if (!model.built && has_member(instance, "build")) {  // Keras builds before the first call
      model.built = true;
      Args build;
      if (x->kind == Kind::kTensor) {
        build.positional.push_back(shape_value(*x, false, offset));
      } else {
        std::vector<Value> shapes;
        for (const TensorArg& t : tensors)
          shapes.push_back(shape_value(tensor(t.layer, t.node, t.tensor, offset), false, offset));
        build.positional.push_back(sequence(Kind::kList, std::move(shapes), offset));
      }
      call(member_of(instance, "build", offset), build, offset);
    }
    std::string why;
    std::optional<Value> outputs = run_call(instance, *x, offset, why);
    if (!outputs) {
      if (model.trace == ModelObject::Trace::kNone)
        trace_failed(model, fmt::format("when it was called on {}, {}", line_of(offset), why),
                     offset);
      return unknown(fmt::format("the result of model '{}', whose {}", model.name, why), offset);
    }
    model.subclass->traced = true;  // followed as a part of the model that calls it
    if (model.trace == ModelObject::Trace::kNone && all_inputs(tensors)) {
      model.trace = ModelObject::Trace::kSymbolic;
      collect_tensors(*x, model.inputs, &model.input_keys);
      collect_tensors(*outputs, model.outputs);
    }
    return *outputs;
  }
  if (x) trace_subclass(instance, *x, offset);
  Value as_model = model_of(instance);
  if (x && (model.traced_with.empty() || fits_trace(*x, model.traced_with[0])))
    feed(as_model, *x, offset, "call", std::nullopt);
  return data(std::nullopt, offset);
}

Value Interpreter::subclass_method(const Value& instance, const std::string& method, Args& args,
                                   uint32_t offset) {
  ModelObject& model = *instance.model;
  if (method == "__call__" || method == "call") return call_subclass(instance, args, offset);
  if (method == "build") {
    const Value* shape = args.get(0, "input_shape");
    if (auto dims = shape ? as_shape(*shape) : std::nullopt)
      trace_subclass(instance, data(dims, shape->offset), offset);
  } else if (method == "fit" || method == "evaluate" || method == "predict" ||
             method.ends_with("_on_batch")) {
    const Value* x = args.get(0, "x");
    if (x) trace_subclass(instance, *x, offset);
    if (x && !model.traced_with.empty() && !fits_trace(*x, model.traced_with[0]))
      return unknown(fmt::format("the result of {}()", method), offset);  // not checked
    // A custom train_step / test_step reads the labels its own way: only the data is checked.
    bool custom = has_member(instance, "train_step") || has_member(instance, "test_step");
    if (custom && method != "predict" && method != "predict_on_batch") {
      Args data_only;
      if (x) data_only.positional.push_back(*x);
      for (const char* key : {"batch_size"})
        if (const Value* v = args.keyword(key)) data_only.keywords.emplace_back(key, *v);
      if (args.positional.size() > 2) {  // fit(x, y, batch_size) / evaluate(x, y, batch_size)
        data_only.positional.push_back(none(offset));
        data_only.positional.push_back(args.positional[2]);
      }
      return model_method(model_of(instance), method, data_only, offset);
    }
  } else if (model.trace == ModelObject::Trace::kSymbolic) {
    register_traced(instance.model);  // compile(), summary(), ... of a model built on Inputs
  }
  if (method == "add" || method == "pop" || method == "get_layer")  // not a Sequential's
    return unknown(fmt::format("the result of model.{}()", method), offset);
  return model_method(model_of(instance), method, args, offset);
}

bool Interpreter::init_functional(const Value& instance, const Args& args, uint32_t offset) {
  const Value* inputs = args.get(0, "inputs");
  const Value* outputs = args.get(1, "outputs");
  std::vector<TensorArg> in, out;
  std::vector<std::string> keys;
  if (!inputs || !outputs || !collect_tensors(*inputs, in, &keys) || in.empty() ||
      !collect_tensors(*outputs, out) || out.empty())
    return false;
  ModelObject& model = *instance.model;
  model.inputs = std::move(in);
  model.input_keys = std::move(keys);
  model.outputs = std::move(out);
  model.offset = offset;
  if (const Value* name = args.keyword("name"); name && name->kind == Kind::kStr)
    model.name = name->text;
  register_traced(instance.model);
  return true;
}

Value Interpreter::keras_super_init(Args& args, uint32_t offset) {
  Value self = lookup("self", offset);
  if (self.kind != Kind::kInstance) return none(offset);
  if (self.model) {
    init_functional(self, args, offset);
  } else if (self.layer) {
    if (const Value* name = args.keyword("name"); name && name->kind == Kind::kStr)
      self.layer->name = name->text;
  }
  return none(offset);
}

}  // namespace dimsum::python
