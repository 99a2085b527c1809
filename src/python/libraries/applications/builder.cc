// keras.applications' shared steps: the argument checks and input shapes of imagenet_utils, and
// the arguments as the families write them. Facts from tf-keras' applications/imagenet_utils.py.
#include "python/libraries/applications/builder.h"

#include <fmt/format.h>

#include <cctype>

namespace dimsum::python::applications {

Arg::Arg(int v) : value(integer(v, 0)) {}
Arg::Arg(int64_t v) : value(integer(v, 0)) {}
Arg::Arg(double v) : value(real(v, 0)) {}
Arg::Arg(bool v) : value(boolean(v, 0)) {}
Arg::Arg(const char* v) : value(string(v, 0)) {}
Arg::Arg(std::string v) : value(string(std::move(v), 0)) {}
Arg::Arg(std::initializer_list<int64_t> v) : Arg(std::vector<int64_t>(v)) {}
Arg::Arg(std::vector<int64_t> v) {
  std::vector<Value> items;
  for (int64_t i : v) items.push_back(integer(i, 0));
  value = sequence(Kind::kTuple, std::move(items), 0);
}
Arg Arg::None() { return Arg(none(0)); }
Arg Arg::tuple(std::vector<Value> items) {
  return Arg(sequence(Kind::kTuple, std::move(items), 0));
}
Arg Arg::list(std::vector<Value> items) { return Arg(sequence(Kind::kList, std::move(items), 0)); }

Arg pair(int64_t a) { return Arg({a, a}); }

Value Builder::apply(std::string_view class_name, const Kwargs& kwargs, std::vector<Value> inputs) {
  return call(layer(class_name, kwargs), sequence(Kind::kList, std::move(inputs), 0));
}

namespace {

// A shape as Python prints the tuple: (224, 224, 3), (None, None, 3).
std::string tuple_text(const Dims& shape) {
  std::string text = "(";
  for (size_t i = 0; i < shape.size(); ++i) text += (i ? ", " : "") + to_string(shape[i]);
  return text + (shape.size() == 1 ? ",)" : ")");
}

}  // namespace

std::optional<Rejection> check_weights(const Arguments& args) {
  if (args.weights == "imagenet" && args.include_top && args.classes != 1000)
    return Rejection{
        fmt::format("with weights=\"imagenet\" and include_top=True, classes must be 1000 (the "
                    "ImageNet classes); it is {}",
                    args.classes),
        "for another number of classes, pass include_top=False and put a Dense(classes) head "
        "on the features, or pass weights=None to train the whole model"};
  return std::nullopt;
}

InputShape obtain_input_shape(const Arguments& args, int64_t default_size, int64_t min_size,
                              bool require_flatten) {
  const std::optional<Dims>& given = args.input_shape;
  bool imagenet = args.weights == "imagenet";
  Dim channels(3);
  if (!imagenet && given && given->size() == 3) channels = given->back();
  Dims default_shape{Dim(default_size), Dim(default_size), channels};
  if (imagenet && require_flatten) {
    if (given && *given != default_shape)
      return {std::nullopt,
              Rejection{fmt::format("with include_top=True and weights=\"imagenet\", input_shape "
                                    "must be {}, the size its ImageNet weights were trained at; "
                                    "it is {}",
                                    tuple_text(default_shape), tuple_text(*given)),
                        fmt::format("resize the images to {}x{}, or pass include_top=False to "
                                    "take the features of images of another size",
                                    default_size, default_size)}};
    return {default_shape, std::nullopt};
  }
  Dims shape;
  if (given && !given->empty()) {
    if (given->size() != 3)
      return {std::nullopt,
              Rejection{fmt::format("input_shape must be a tuple of three sizes (height, width, "
                                    "channels); it is {}",
                                    tuple_text(*given)),
                        "pass input_shape=(height, width, channels)"}};
    if (imagenet && given->back() != Dim(3))
      return {std::nullopt,
              Rejection{fmt::format("with weights=\"imagenet\" the input must have 3 channels "
                                    "(RGB); input_shape is {}",
                                    tuple_text(*given)),
                        "stack grayscale images to 3 channels (np.repeat(x, 3, axis=-1), or "
                        "color_mode=\"rgb\" when loading them), or pass weights=None"}};
    for (int axis = 0; axis < 2; ++axis)
      if ((*given)[axis].known() && (*given)[axis].value() < min_size)
        return {std::nullopt,
                Rejection{fmt::format("the input must be at least {}x{}; input_shape is {}",
                                      min_size, min_size, tuple_text(*given)),
                          fmt::format("resize the images to at least {}x{} (tf.image.resize, "
                                      "or a Resizing layer before the model), or choose a model "
                                      "made for smaller images",
                                      min_size, min_size)}};
    shape = *given;
  } else {
    shape = require_flatten ? default_shape : Dims{Dim(), Dim(), Dim(3)};
  }
  if (require_flatten)
    for (const Dim& d : shape)
      if (!d.specified())
        return {std::nullopt,
                Rejection{fmt::format("with include_top=True, input_shape must give every size; "
                                      "it is {}",
                                      tuple_text(shape)),
                          "give the height and width, or pass include_top=False"}};
  return {shape, std::nullopt};
}

Value image_input(Builder& b, const Arguments& args, const Dims& shape) {
  if (args.input_tensor.kind == Kind::kTensor) return args.input_tensor;
  return b.input(shape);
}

Value model_inputs(Builder& b, const Arguments& args, const Value& image_input) {
  if (args.input_tensor.kind == Kind::kTensor) return b.source_inputs(args.input_tensor);
  return image_input;
}

std::optional<Rejection> check_classifier_activation(const Arguments& args) {
  if (args.weights.empty() || args.classifier_activation.empty() ||
      args.classifier_activation == "softmax")
    return std::nullopt;
  return Rejection{
      fmt::format("with pretrained weights and include_top=True, the classifier's activation "
                  "must be \"softmax\" or None; it is \"{}\"",
                  args.classifier_activation),
      "pass classifier_activation=None for the logits and apply the activation after the model"};
}

Value classifier(Builder& b, const Arguments& args, const Value& x) {
  Arg activation =
      args.classifier_activation.empty() ? Arg::None() : Arg(args.classifier_activation);
  return b.apply("Dense",
                 {{"units", args.classes}, {"activation", activation}, {"name", "predictions"}}, x);
}

Value pool_features(Builder& b, const Arguments& args, const Value& x, const char* avg_name,
                    const char* max_name) {
  auto named = [](const char* name) { return *name ? Kwargs{{"name", name}} : Kwargs{}; };
  if (args.pooling == "avg") return b.apply("GlobalAveragePooling2D", named(avg_name), x);
  if (args.pooling == "max") return b.apply("GlobalMaxPooling2D", named(max_name), x);
  return x;
}

Value average_pool_top(Builder& b, const Arguments& args, const Value& x, PoolNames names) {
  if (!args.include_top) return pool_features(b, args, x, names.avg, names.max);
  if (auto rejected = check_classifier_activation(args)) return b.reject(*rejected);
  Kwargs named = *names.top ? Kwargs{{"name", names.top}} : Kwargs{};
  return classifier(b, args, b.apply("GlobalAveragePooling2D", named, x));
}

std::optional<bool> bool_argument(const Builder& b, std::string_view keyword, bool fallback) {
  const Value* v = b.argument(keyword);
  if (!v) return fallback;
  if (v->kind == Kind::kBool) return v->boolean;
  if (v->kind == Kind::kInt) return v->integer != 0;
  return std::nullopt;
}

std::optional<std::string> string_argument(const Builder& b, std::string_view keyword,
                                           std::string fallback) {
  const Value* v = b.argument(keyword);
  if (!v) return fallback;
  if (v->kind == Kind::kStr) return v->text;
  return std::nullopt;
}

Value first_input(const Value& inputs) {
  if (inputs.kind == Kind::kList && inputs.items && !inputs.items->empty())
    return inputs.items->front();
  return inputs;
}

std::string lowercase(std::string_view name) {
  std::string out(name);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Arg correct_pad(const std::optional<Dims>& shape, int64_t kernel) {
  int64_t correct = kernel / 2;
  int64_t adjust_h = 1, adjust_w = 1;
  if (shape && shape->size() == 4 && (*shape)[1].known() && (*shape)[2].known()) {
    adjust_h = 1 - (*shape)[1].value() % 2;
    adjust_w = 1 - (*shape)[2].value() % 2;
  }
  return Arg::tuple(
      {Arg({correct - adjust_h, correct}).value, Arg({correct - adjust_w, correct}).value});
}

}  // namespace dimsum::python::applications
