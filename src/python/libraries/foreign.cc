// Layers of libraries dimsum does not model: TensorFlow Hub, TensorFlow Addons, TensorFlow
// Probability, KerasNLP / KerasHub / KerasCV, Hugging Face's TF models, segmentation_models,
// the efficientnet package, ... Each becomes a layer whose output is unknown, named as such in
// the note, so that everything around it is still checked and the model is never said to build.
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "python/language/interpreter.h"
#include "python/libraries/library.h"

namespace dimsum::python {

namespace {

struct ForeignLibrary {
  std::string_view root;   // the module imported
  std::string_view shown;  // how code usually names it (import tensorflow_hub as hub)
  std::string_view title;  // the library, in the note
  // Where its layer classes are: a capitalised name under one of these paths is a layer.
  std::vector<std::string_view> layer_paths;
  // The class names start with this (Hugging Face's Keras models are the TF* classes).
  std::string_view class_prefix;
};

const std::vector<ForeignLibrary>& foreign_libraries() {
  static const std::vector<ForeignLibrary> kLibraries = {
      {"tensorflow_hub", "hub", "TensorFlow Hub", {"tensorflow_hub.KerasLayer"}, ""},
      {"tensorflow_addons", "tfa", "TensorFlow Addons", {"tensorflow_addons.layers"}, ""},
      {"tensorflow_probability",
       "tfp",
       "TensorFlow Probability",
       {"tensorflow_probability.layers", "tensorflow_probability.python.layers"},
       ""},
      {"keras_nlp", "keras_nlp", "KerasNLP", {"keras_nlp.layers", "keras_nlp.models"}, ""},
      {"keras_hub", "keras_hub", "KerasHub", {"keras_hub.layers", "keras_hub.models"}, ""},
      {"keras_cv", "keras_cv", "KerasCV", {"keras_cv.layers", "keras_cv.models"}, ""},
      {"transformers", "transformers", "Hugging Face Transformers", {"transformers"}, "TF"},
      {"segmentation_models", "sm", "segmentation_models", {"segmentation_models"}, ""},
      {"efficientnet", "efficientnet", "the efficientnet package", {"efficientnet"}, ""},
      {"classification_models",
       "classification_models",
       "classification_models",
       {"classification_models"},
       ""},
      {"tcn", "tcn", "keras-tcn", {"tcn.TCN", "tcn.tcn.TCN"}, ""},
      {"keras_self_attention",
       "keras_self_attention",
       "keras-self-attention",
       {"keras_self_attention"},
       ""},
      {"keras_contrib", "keras_contrib", "keras-contrib", {"keras_contrib.layers"}, ""},
  };
  return kLibraries;
}

// Modules of these libraries that hold no layers, and classes that are no layers (a tokenizer,
// a loss), though capitalised.
bool names_no_layer(std::string_view path, std::string_view class_name) {
  static constexpr std::array<std::string_view, 10> kModules = {
      "losses",       "metrics",      "optimizers", "callbacks",     "activations",
      "initializers", "regularizers", "utils",      "distributions", "tokenizers"};
  static constexpr std::array<std::string_view, 9> kSuffixes = {
      "Tokenizer", "Preprocessor", "Converter", "Config",     "Loss",
      "Metric",    "Optimizer",    "Callback",  "Classifiers"};
  for (std::string_view module : kModules)
    if (path.find(fmt::format(".{}.", module)) != std::string_view::npos) return true;
  return std::any_of(kSuffixes.begin(), kSuffixes.end(),
                     [&](std::string_view suffix) { return class_name.ends_with(suffix); });
}

// The class a call makes, when it is a layer: Name(...) or Name.from_pretrained(...) (and
// from_preset, from_config); empty otherwise.
std::string_view layer_class(std::string_view path) {
  std::string_view name = last_part(path);
  if (name == "from_pretrained" || name == "from_preset" || name == "from_config")
    name = last_part(path.substr(0, path.size() - name.size() - 1));
  if (name.empty() || !std::isupper(static_cast<unsigned char>(name[0]))) return {};
  return name;
}

}  // namespace

bool is_foreign_library(std::string_view root) {
  const auto& all = foreign_libraries();
  return std::any_of(all.begin(), all.end(),
                     [&](const ForeignLibrary& library) { return library.root == root; });
}

std::optional<Value> Interpreter::foreign_layer(const std::string& path, Args& args,
                                                uint32_t offset) {
  std::string_view root = std::string_view(path).substr(0, path.find('.'));
  const auto& all = foreign_libraries();
  auto library =
      std::find_if(all.begin(), all.end(), [&](const ForeignLibrary& l) { return l.root == root; });
  if (library == all.end()) return std::nullopt;
  std::string_view class_name = layer_class(path);
  bool in_layers =
      std::any_of(library->layer_paths.begin(), library->layer_paths.end(),
                  [&](std::string_view where) { return starts_with_module(path, where); });
  if (class_name.empty() || !in_layers || !class_name.starts_with(library->class_prefix) ||
      names_no_layer(path, class_name))
    return unknown(fmt::format("the result of {}(...), from {}, which dimsum does not model", path,
                               library->title),
                   offset);
  // Only what Keras' own Layer takes from the arguments: its name and the input it declares.
  Args keras_arguments;
  for (const auto& [key, value] : args.keywords)
    if (key == "name" || key == "input_shape" || key == "batch_input_shape" || key == "batch_size")
      keras_arguments.keywords.emplace_back(key, value);
  Value layer = construct_layer(std::string(class_name), keras_arguments, offset);
  // Named as the code writes it, without the method that made it (from_pretrained).
  std::string_view written = std::string_view(path).substr(root.size());
  written = written.substr(0, written.rfind(class_name) + class_name.size());
  std::string shown = fmt::format("{}{}", library->shown, written);
  layer.layer->unfollowed =
      fmt::format("{}, a layer of {} that dimsum does not model", shown, library->title);
  // hub.KerasLayer(..., output_shape=[...]) sets its output's shape to the batch axis followed
  // by output_shape (its call() and compute_output_shape() both say so).
  if (path == "tensorflow_hub.KerasLayer")
    if (const Value* declared = args.keyword("output_shape"))
      if (auto dims = as_shape(*declared); dims && declared->is_sequence()) {
        Dims out{Dim::unknown()};
        out.insert(out.end(), dims->begin(), dims->end());
        layer.layer->computed_output = std::move(out);
        layer.layer->unfollowed = fmt::format(
            "{}, a layer of {} that dimsum does not model; its output shape is the "
            "batch axis followed by the output_shape it declares",
            shown, library->title);
      }
  return layer;
}

}  // namespace dimsum::python
