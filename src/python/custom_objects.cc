// --custom-objects: the Python source that defines a config's custom layer classes. Keras'
// load_model(custom_objects=...) makes such a layer as cls(**config) and builds it at its first
// call; dimsum does the same in Python: the file's text, verbatim, followed by a few lines that
// make the layer from its config and call it on an Input of its first call's shapes. The Python
// reader follows that call into the class's build() and call() (keras_layer.cc), and the layer
// it made is the one the config's stands for. As the file comes first, unchanged, a problem
// inside call() is shown at its line of the file.
#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "check/custom_layers.h"
#include "dimsum/dimsum.h"
#include "python/language/syntax.h"
#include "python/python.h"
#include "readers/source.h"

namespace dimsum {

namespace {

constexpr int kMaxConfigDepth = 64;  // a config nested deeper is not written out
constexpr std::string_view kModelName = "_dimsum_custom_objects";

// The classes `tree` defines at its top level (decorated or not), in file order.
std::vector<std::string> top_level_classes(const python::SyntaxTree& tree,
                                           const std::string& text) {
  std::vector<std::string> names;
  for (TSNode statement : python::named_children(tree.root())) {
    TSNode definition = python::is(statement, "decorated_definition")
                            ? python::field(statement, "definition")
                            : statement;
    if (python::is(definition, "class_definition"))
      names.emplace_back(python::text_of(python::field(definition, "name"), text));
  }
  return names;
}

// A Python string literal of `text`.
void append_string(std::string_view text, std::string& out) {
  out += '"';
  for (char c : text) {
    unsigned char byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\')
      out += '\\', out += c;
    else if (byte < 0x20 || byte == 0x7f)
      out += fmt::format("\\x{:02x}", byte);
    else
      out += c;
  }
  out += '"';
}

// The Python literal of a JSON value: true/false/null are True/False/None, objects dicts.
void append_literal(const json::Value& v, std::string& out, int depth) {
  if (depth > kMaxConfigDepth) {
    out += "None";
    return;
  }
  switch (v.kind) {
    case json::Kind::kNull: out += "None"; return;
    case json::Kind::kBool: out += v.boolean ? "True" : "False"; return;
    case json::Kind::kString: append_string(v.text(), out); return;
    case json::Kind::kNumber: {
      std::string_view number = v.text();
      bool special = number == "NaN" || number == "Infinity" || number == "-Infinity";
      if (special)
        out += "float(\"", out += number == "NaN" ? "nan" : number, out += "\")";
      else
        out += number;
      return;
    }
    case json::Kind::kArray:
      out += '[';
      for (const json::Value& item : v.items()) append_literal(item, out, depth + 1), out += ", ";
      out += ']';
      return;
    case json::Kind::kObject:
      out += '{';
      for (const json::Member& m : v.members()) {
        append_string(m.key(), out);
        out += ": ";
        append_literal(m.value, out, depth + 1);
        out += ", ";
      }
      out += '}';
      return;
  }
  out += "None";
}

// The shape of an Input, batch axis first: a size dimsum does not know as a number (unknown or
// symbolic) is None, as Keras builds a layer whose input has an unknown size.
std::string batch_shape(const Shape& shape) {
  std::string out = "(";
  for (size_t axis = 0; axis < shape.rank(); ++axis)
    out += (shape[axis].known() ? std::to_string(shape[axis].value()) : "None") + ", ";
  return out + ")";
}

// The class name a config gives, without the package a registered class is saved under
// ("MyPackage>Linear" in tf.keras 2).
std::string_view class_of(std::string_view class_name) {
  size_t mark = class_name.rfind('>');
  return mark == std::string_view::npos ? class_name : class_name.substr(mark + 1);
}

class SourceCustomLayers : public CustomLayers {
 public:
  explicit SourceCustomLayers(const std::vector<CustomObjectsFile>& files) : files_(files) {}

  bool defines(std::string_view class_name) const override {
    return defining(class_of(class_name)) != nullptr;
  }

  CustomLayer follow(const Layer& layer, const std::vector<Shape>& inputs,
                     KerasGeneration generation) const override {
    std::string_view name = class_of(layer.class_name);
    const CustomObjectsFile* file = defining(name);
    CustomLayer out;
    if (!file) {
      std::string names;
      for (const CustomObjectsFile& f : files_) names += (names.empty() ? "" : ", ") + f.file;
      out.why = fmt::format("no class '{}' is defined in the custom objects ({})", name, names);
      return out;
    }
    for (const Shape& s : inputs)
      if (!s.rank_known()) {
        out.why = fmt::format("class '{}' of {} is not followed: its input's rank is unknown", name,
                              file->file);
        return out;
      }
    std::vector<SourceModel> models;
    std::string error;
    if (!read_python_text(program(*file, name, layer, inputs), file->file, models, error)) {
      out.why = fmt::format("dimsum cannot follow class '{}' of {}: {}", name, file->file, error);
      return out;
    }
    const Layer* made = made_layer(models);
    if (!made || !made->traced || !made->submodel) {
      std::string why = made && !made->unfollowed.empty()
                            ? made->unfollowed
                            : "it is not a keras.layers.Layer subclass whose call() dimsum follows";
      out.why = fmt::format("class '{}' of {}: {}", name, file->file, why);
      return out;
    }
    auto inner = std::make_shared<Model>(*made->submodel);
    // Code that does not tell its Keras generation is checked by the config's.
    if (inner->generation == KerasGeneration::kUnknown) inner->generation = generation;
    // The Inputs stand for the first call's shapes; a later call on others runs call() on its
    // own, as Keras does (a Layer subclass has no input spec unless it sets one): what build()
    // made for the first call (its weights, the layers inside) decides whether it fits.
    for (int index : inner->inputs)
      inner->layers[static_cast<size_t>(index)].declared_shape.reset();
    out.submodel = std::move(inner);
    out.own_params = made->own_params;
    out.own_non_trainable = made->own_non_trainable;
    return out;
  }

 private:
  const CustomObjectsFile* defining(std::string_view name) const {
    for (const CustomObjectsFile& f : files_)
      if (std::find(f.classes.begin(), f.classes.end(), name) != f.classes.end()) return &f;
    return nullptr;
  }

  // The file, then the lines that make the layer from its config (cls(**config), as Keras'
  // from_config does) and call it on Inputs of the first call's shapes: one tensor, or a list.
  static std::string program(const CustomObjectsFile& file, std::string_view name,
                             const Layer& layer, const std::vector<Shape>& inputs) {
    std::string text = file.text;
    text += "\n\nimport keras as _dimsum_keras\n";
    std::string tensors;
    for (size_t i = 0; i < inputs.size(); ++i) {
      text += fmt::format("_dimsum_input_{} = _dimsum_keras.Input(batch_shape={})\n", i,
                          batch_shape(inputs[i]));
      tensors += fmt::format("{}_dimsum_input_{}", i ? ", " : "", i);
    }
    std::string arguments = inputs.size() == 1 ? tensors : "[" + tensors + "]";
    text += "_dimsum_config = ";
    if (layer.config && layer.config->is_object())
      append_literal(*layer.config, text, 0);
    else
      text += "{}";
    text += fmt::format(
        "\n_dimsum_output = {}(**_dimsum_config)({})\n"
        "_dimsum_model = _dimsum_keras.Model({}, _dimsum_output, name=\"{}\")\n",
        name, arguments, arguments, kModelName);
    return text;
  }

  // The layer the appended lines made: the one the model they build calls.
  static const Layer* made_layer(const std::vector<SourceModel>& models) {
    for (const SourceModel& source : models) {
      const Model& model = source.model;
      if (model.name != kModelName || model.outputs.empty()) continue;
      return &model.layers[static_cast<size_t>(model.outputs[0].layer)];
    }
    return nullptr;
  }

  const std::vector<CustomObjectsFile>& files_;
};

}  // namespace

std::unique_ptr<const CustomLayers> custom_layers_of(const std::vector<CustomObjectsFile>& files) {
  if (files.empty()) return nullptr;
  return std::make_unique<SourceCustomLayers>(files);
}

bool read_custom_objects(std::string_view path, CheckOptions& options, std::string& error) {
  CustomObjectsFile file;
  file.file = std::string(path);
  struct stat info {};
  if (stat(file.file.c_str(), &info) != 0) {
    error = fmt::format("{}: cannot open: {}", file.file, std::strerror(errno));
    return false;
  }
  if (!S_ISREG(info.st_mode)) {
    error = fmt::format("{}: --custom-objects takes a Python source file", file.file);
    return false;
  }
  if (static_cast<uint64_t>(info.st_size) > options.max_file_size) {
    error = fmt::format("{}: the file is larger than --max-file-size ({} bytes)", file.file,
                        options.max_file_size);
    return false;
  }
  if (!read_text_file(file.file, file.text, error)) return false;
  python::SyntaxTree tree;
  if (!parse_python_text(file.text, file.file, tree, error)) return false;
  file.classes = top_level_classes(tree, file.text);
  options.custom_objects.push_back(std::move(file));
  return true;
}

}  // namespace dimsum
