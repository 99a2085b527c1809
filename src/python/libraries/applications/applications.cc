// keras.applications in the Python reader: ResNet50(include_top=False, input_shape=...) builds
// the application's functional model natively (families.h), layer by layer as the code's own
// keras.layers calls would, so that everything the code then does with it is followed like any
// model of its own.
#include <fmt/format.h>

#include <algorithm>

#include "python/language/interpreter.h"
#include "python/libraries/applications/families.h"
#include "python/libraries/library.h"

namespace dimsum::python {

namespace applications {

const std::vector<std::string_view> kCommonParameters = {
    "include_top", "weights", "input_tensor",         "input_shape",
    "pooling",     "classes", "classifier_activation"};

namespace {

const std::vector<Application>& registry() {
  static const std::vector<Application> all = [] {
    std::vector<Application> list;
    for (auto family :
         {vgg_applications, resnet_applications, inception_applications, xception_applications,
          mobilenet_applications, densenet_applications, nasnet_applications,
          efficientnet_applications, convnext_applications, regnet_applications})
      for (Application& a : family()) list.push_back(std::move(a));
    return list;
  }();
  return all;
}

const Application* find_application(std::string_view name) {
  for (const Application& a : registry())
    if (a.name == name) return &a;
  return nullptr;
}

}  // namespace

}  // namespace applications

using applications::Application;
using applications::Arg;
using applications::Kwargs;

// The Builder of the Python reader: each layer an application makes is made as the code's
// keras.layers calls make theirs, at the application call's place in the source.
class ApplicationBuilder : public applications::Builder {
 public:
  ApplicationBuilder(Interpreter& reader, const Application& application,
                     const Interpreter::Args& args, uint32_t offset)
      : reader_(reader), application_(application), args_(args), offset_(offset) {}

  Value layer(std::string_view class_name, const Kwargs& kwargs) override {
    Interpreter::Args a;
    for (const auto& [key, arg] : kwargs) a.keywords.emplace_back(key, placed(arg.value));
    return reader_.construct_layer(std::string(class_name), a, offset_);
  }
  Value call(const Value& layer, const Value& inputs) override {
    if (layer.kind != Kind::kLayer && layer.kind != Kind::kModel) return layer;
    Interpreter::Args a;
    a.positional.push_back(inputs);
    if (layer.kind == Kind::kModel) return reader_.call_model(layer, a, offset_);
    return reader_.call_layer(layer, a, offset_);
  }
  Value sequential(std::vector<Value> layers, const std::string& name) override {
    Interpreter::Args a;
    a.positional.push_back(sequence(Kind::kList, std::move(layers), offset_));
    a.keywords.emplace_back("name", string(name, offset_));
    return reader_.make_sequential(a, offset_);
  }
  Value operation(std::string_view op, const Value& tensor, double constant) override {
    return reader_.apply_operator(std::string(op), tensor, real(constant, offset_), offset_);
  }
  Value op(std::string_view written, std::vector<Value> operands) override {
    Interpreter::Args a;
    a.positional = std::move(operands);
    return reader_.tensor_operation(std::string(written), a, offset_);
  }
  int64_t uid(const std::string& prefix) override { return ++reader_.name_counts_[prefix]; }
  std::optional<Dims> shape(const Value& tensor) override { return reader_.tensor_shape(tensor); }
  Value input(const Dims& shape) override {
    return reader_.input_of_sizes("shape", shape, offset_);
  }
  Value source_inputs(const Value& tensor) override {
    std::vector<Value> found;
    for (const auto& layer : layers_behind({argument_of(tensor)}))
      if (layer->class_name == "InputLayer") found.push_back(python::tensor(layer, 0, 0, offset_));
    if (found.size() == 1) return found[0];
    return sequence(Kind::kList, std::move(found), offset_);
  }
  Value model(const Value& inputs, const Value& outputs, const std::string& name) override {
    Interpreter::Args a;
    a.positional = {inputs, outputs};
    a.keywords.emplace_back("name", string(name, offset_));
    return reader_.make_functional(a, offset_);
  }
  const Value* argument(std::string_view keyword) const override {
    const auto& parameters = application_.parameters;
    auto at = std::find(parameters.begin(), parameters.end(), keyword);
    if (at != parameters.end())
      return args_.get(static_cast<size_t>(at - parameters.begin()), keyword);
    return args_.keyword(keyword);
  }
  Value reject(applications::Rejection why) override {
    reader_.out_.rejected.push_back(Rejected{offset_, std::string(application_.name),
                                             std::move(why.message), std::move(why.help)});
    return unknown(fmt::format("{}(...), which Keras rejects", application_.name), offset_);
  }
  Value unfollowed(std::string why) override {
    return unknown(fmt::format("keras.applications.{}(...): {}", application_.name, why), offset_);
  }

 private:
  Value placed(Value v) const {
    v.offset = offset_;
    if (v.items)
      for (Value& item : *v.items) item = placed(item);
    return v;
  }
  Interpreter& reader_;
  const Application& application_;
  const Interpreter::Args& args_;
  uint32_t offset_;
};

namespace {

// The arguments every application takes, read from the call; `why` says what dimsum cannot
// tell of them.
std::optional<applications::Arguments> common_arguments(const applications::Builder& b,
                                                        std::string& why) {
  applications::Arguments out;
  auto text = [&](std::string_view key, std::string& into) {
    const Value* v = b.argument(key);
    if (!v) return true;
    if (v->kind == Kind::kNone) {
      into.clear();
      return true;
    }
    if (v->kind == Kind::kStr) {
      into = v->text;
      return true;
    }
    // An activation function by name: keras.activations.softmax
    if (v->kind == Kind::kModule && key == "classifier_activation") {
      into = std::string(last_part(v->text));
      return true;
    }
    why = fmt::format("{}= is {}", key, v->kind == Kind::kUnknown ? v->text : "not a string");
    return false;
  };
  if (const Value* top = b.argument("include_top")) {
    if (top->kind != Kind::kBool) {
      why = "include_top= is a value dimsum cannot tell";
      return std::nullopt;
    }
    out.include_top = top->boolean;
  }
  if (!text("weights", out.weights) || !text("pooling", out.pooling) ||
      !text("classifier_activation", out.classifier_activation))
    return std::nullopt;
  if (const Value* classes = b.argument("classes")) {
    if (classes->kind != Kind::kInt) {
      why = "classes= is a value dimsum cannot tell";
      return std::nullopt;
    }
    out.classes = classes->integer;
  }
  if (const Value* shape = b.argument("input_shape"); shape && shape->kind != Kind::kNone) {
    out.input_shape = as_shape(*shape);
    if (!out.input_shape) {
      why = "input_shape= is a value dimsum cannot tell";
      return std::nullopt;
    }
  }
  out.input_tensor = none(0);
  if (const Value* t = b.argument("input_tensor"); t && t->kind != Kind::kNone) {
    if (t->kind != Kind::kTensor) {
      why = "input_tensor= is not a symbolic tensor dimsum follows";
      return std::nullopt;
    }
    out.input_tensor = *t;
  }
  return out;
}

}  // namespace

Value Interpreter::call_application(const std::string& path, Args& args, uint32_t offset) {
  std::string_view name = last_part(path);
  // The preprocessing of each application keeps the shape of what it is given: an array of
  // images, or a symbolic tensor (the arithmetic ops tf.keras 2 adds for it are left out).
  if (name == "preprocess_input") {
    const Value* x = args.get(0, "x");
    if (x && (x->kind == Kind::kTensor || x->kind == Kind::kData)) {
      if (x->kind == Kind::kTensor) return *x;
      return data(x->shape, offset, ops::DType::kFloat);
    }
  }
  const Application* application = applications::find_application(name);
  if (!application)
    return unknown(fmt::format("{}, a pretrained model that dimsum does not follow", path), offset);
  ApplicationBuilder builder(*this, *application, args, offset);
  if (image_data_format_ != "channels_first") {
    std::string why;
    if (auto arguments = common_arguments(builder, why))
      return application->build(builder, *arguments, application->name);
    return builder.unfollowed(why);
  }
  return builder.unfollowed(
      "images in the channels_first layout, which dimsum builds no "
      "application for");
}

}  // namespace dimsum::python
