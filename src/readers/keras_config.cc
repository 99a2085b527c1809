#include "readers/keras_config.h"

#include <fmt/format.h>

#include <algorithm>
#include <climits>

#include "layers/config.h"
#include "layers/legacy.h"
#include "model/name_index.h"

namespace dimsum {

namespace {

bool is_model_class(std::string_view class_name) {
  return class_name == "Sequential" || class_name == "Functional" || class_name == "Model";
}

// The reader throws ConfigError internally; read_keras_model turns it into an error string.
[[noreturn]] void fail(const json::Value& at, std::string message) {
  throw ConfigError(at.offset, std::move(message));
}

const json::Value& member(const json::Value& object, std::string_view key, json::Kind kind,
                          std::string_view what) {
  const json::Value* v = object.find(key);
  if (!v) fail(object, fmt::format("{} has no \"{}\"", what, key));
  if (v->kind != kind)
    fail(*v, fmt::format("\"{}\" of {} must be {}, got {}", key, what, json::kind_name(kind),
                         json::kind_name(v->kind)));
  return *v;
}

// What the readers of one file and of its nested models share: the layer configs rewritten from
// legacy spellings, and whether Keras 1 argument names were met.
struct Rewritten {
  std::shared_ptr<json::NodeStore> store = std::make_shared<json::NodeStore>();
  bool keras1_names = false;
  std::string keras1_ordering;  // a Keras 1 file's image_dim_ordering (legacy::keras1_ordering)
};

class ModelReader {
 public:
  ModelReader(std::shared_ptr<const json::Document> document, std::string file, std::string dialect,
              Rewritten& rewritten)
      : document_(std::move(document)),
        file_(std::move(file)),
        dialect_(std::move(dialect)),
        rewritten_(rewritten) {}

  // Reads a model object {"class_name": "Sequential" | "Functional" | "Model", "config": ...}.
  void read(const json::Value& object, Model& model) {
    if (!object.is_object())
      fail(object, "expected a Keras model config: an object with \"class_name\" and \"config\"");
    const json::Value* class_name = object.find("class_name");
    if (!class_name || !class_name->is_string())
      fail(object, "expected a Keras model config: an object with \"class_name\" and \"config\"");
    if (!is_model_class(class_name->text()))
      fail(*class_name, fmt::format("\"{}\" is a layer, not a model: expected a Sequential or "
                                    "Functional model config",
                                    class_name->text()));
    const json::Value* config = object.find("config");
    if (!config) fail(object, "the model has no \"config\"");
    model.file = file_;
    model.source = document_;
    model.rewritten = rewritten_.store;
    model.dialect = dialect_;
    if (object.find("module") || object.find("registered_name")) model.dialect = "Keras 3";
    if (config->is_array()) {  // Keras 2.0/2.1: the config is the list of layers
      if (class_name->text() != "Sequential")
        fail(*config, "only a Sequential config can be a list");
      model.dialect = "Keras 2.1";
      model.name = "sequential";
      read_sequential(*config, model);
      return;
    }
    if (!config->is_object())
      fail(*config, fmt::format("the model's \"config\" must be an object, got {}",
                                json::kind_name(config->kind)));
    const json::Value* name = config->find("name");
    model.name = name && name->is_string() ? name->text() : "model";
    const json::Value& layers = member(*config, "layers", json::Kind::kArray, "the model config");
    if (class_name->text() == "Sequential") {
      model.sequential = true;
      read_sequential(layers, model);
    } else {
      read_functional(*config, layers, model);
    }
  }

 private:
  // The input shape a layer config declares, batch axis first.
  static std::optional<Dims> declared_shape(const LayerConfig& config) {
    if (auto shape = config.shape("batch_input_shape")) return shape;
    if (auto shape = config.shape("batch_shape")) return shape;
    if (auto shape = config.shape("input_shape")) {
      auto batch = config.optional_integer("batch_size");
      shape->insert(shape->begin(), batch ? Dim(*batch) : Dim::unknown());
      return shape;
    }
    return std::nullopt;
  }

  Layer read_layer(const json::Value& entry, size_t index) {
    if (!entry.is_object()) fail(entry, fmt::format("layer {} must be an object", index));
    // The message's "layer N" is formatted only when there is an error, not for every layer.
    const json::Value* found = entry.find("class_name");
    const json::Value& class_name =
        found && found->is_string()
            ? *found
            : member(entry, "class_name", json::Kind::kString, fmt::format("layer {}", index));
    const json::Value* config = entry.find("config");
    if (config && !config->is_object() && !config->is_null() &&
        !(config->is_array() && is_model_class(class_name.text())))
      fail(*config, fmt::format("the \"config\" of layer {} must be an object", index));
    Layer layer;
    layer.class_name = class_name.text();
    layer.config = config;
    layer.offset = class_name.offset;  // diagnostics point at the layer's "class_name" value
    if (legacy::needs_rewrite(layer.class_name, config, rewritten_.keras1_ordering))
      modernize(layer);
    const json::Value* name = entry.find("name");
    if (!name && config && config->is_object()) name = config->find("name");
    if (name && !name->is_string()) fail(*name, "a layer's \"name\" must be a string");
    layer.name = name ? name->text() : fmt::format("{}_{}", class_name.text(), index);
    if (is_model_class(class_name.text())) {
      auto inner = std::make_shared<Model>();
      ModelReader(document_, file_, dialect_, rewritten_).read(entry, *inner);  // its own names
      layer.submodel = std::move(inner);
    } else if (class_name.text() == "InputLayer") {
      layer.declared_shape = declared_shape(LayerConfig(config, entry.offset));
    }
    return layer;
  }

  void read_sequential(const json::Value& layers, Model& model) {
    model.sequential = true;
    model.layers.reserve(layers.items().size() + 1);  // + 1: an implicit input
    index_.reserve(layers.items().size());
    for (size_t i = 0; i < layers.items().size(); ++i) {
      Layer layer = read_layer(layers.items()[i], i);
      // Keras' Sequential.add refuses a second layer of the same name.
      if (!index_.add(layer.name, static_cast<int>(i)))
        fail(layers.items()[i], fmt::format("two layers are named \"{}\"", layer.name));
      if (layer.class_name == "InputLayer") {
        if (!model.layers.empty())
          fail(layers.items()[i], "an InputLayer can only be the first layer of a Sequential");
        model.inputs.push_back(0);
        model.layers.push_back(std::move(layer));
        continue;
      }
      if (model.layers.empty()) add_implicit_input(layer, model);
      Node node;
      node.inputs.push_back(TensorRef{static_cast<int>(model.layers.size()) - 1, 0, 0});
      layer.nodes.push_back(std::move(node));
      model.layers.push_back(std::move(layer));
    }
    if (model.layers.empty()) fail(layers, "the Sequential model has no layers");
    model.outputs.push_back(TensorRef{static_cast<int>(model.layers.size()) - 1, 0, 0});
  }

  // A Sequential without an InputLayer: its input comes from the first layer's
  // batch_input_shape / batch_shape / input_shape, if it has one.
  void add_implicit_input(const Layer& first, Model& model) {
    Layer input;
    input.class_name = "InputLayer";
    input.name = "input";
    input.offset = first.offset;
    input.synthetic = true;
    input.declared_shape = first.submodel ? declared_input(*first.submodel)
                                          : declared_shape(LayerConfig(first.config, first.offset));
    model.inputs.push_back(0);
    model.layers.push_back(std::move(input));
  }

  // A Sequential whose first layer is a model takes that model's input (tf.keras 2's
  // get_input_shape_and_dtype looks through nested models to the first layer's input shape; a
  // nested model's input is read before, so a nested Sequential already has it).
  static std::optional<Dims> declared_input(const Model& inner) {
    if (inner.inputs.size() != 1) return std::nullopt;
    return inner.layers[inner.inputs[0]].declared_shape;
  }

  // A layer written with legacy argument names (Keras 1's) gets the Keras 2 config they stand
  // for (layers/legacy.h); positions in messages stay those of the file's values.
  void modernize(Layer& layer) {
    json::Node node;
    if (layer.config && layer.config->is_object()) node = legacy::to_node(*layer.config);
    node.kind = json::Kind::kObject;
    legacy::Rewrite r = legacy::modernize(layer.class_name, node, rewritten_.keras1_ordering);
    rewritten_.keras1_names = rewritten_.keras1_names || r.keras1_names;
    if (r.changed) layer.config = rewritten_.store->keep(node);
  }

  // Thrown by layer_named while a layer's calls are read early (read_calls_early) and they name a
  // layer not read yet: maybe a later one, which only the second pass knows.
  struct NotYetKnown {};

  // The index of the layer named `name`, or -1.
  int layer_named(std::string_view name) const {
    int layer = index_.find(name);
    if (layer < 0 && reading_early_) throw NotYetKnown{};
    return layer;
  }

  // Reads a layer's calls right after the layer, while its entry is still in the cache, when
  // every layer they name is already known; otherwise, or on any error, leaves them to the
  // second pass, which reads them, and reports their errors, as if none had been read early.
  // (Names are unique, so a name known now means the same layer then.) In a large graph, a
  // second walk through the whole tree cost a cache miss per level of every layer's calls.
  bool read_calls_early(const json::Value* inbound, Layer& layer) {
    if (!inbound || !inbound->is_array()) return false;
    reading_early_ = true;
    try {
      std::vector<Node> nodes;
      for (const json::Value& call : inbound->items()) nodes.push_back(read_node(call));
      layer.nodes = std::move(nodes);
      reading_early_ = false;
      return true;
    } catch (const ConfigError&) {
    } catch (const NotYetKnown&) {
    }
    reading_early_ = false;
    return false;
  }

  // A tensor reference: [name, node_index, tensor_index, (kwargs)]; `endpoint`: one of the
  // model's input_layers / output_layers, which Keras 3 numbers differently (first_saved_call).
  TensorRef read_ref(const json::Value& ref, bool endpoint = false) {
    if (!ref.is_array() || ref.items().size() < 3 || !ref.items()[0].is_string() ||
        !ref.items()[1].as_integer() || !ref.items()[2].as_integer())
      fail(ref, "expected a tensor reference [layer_name, node_index, tensor_index]");
    int layer = layer_named(ref.items()[0].text());
    if (layer < 0)
      fail(ref.items()[0],
           fmt::format("no layer named \"{}\" in this model", ref.items()[0].text()));
    int64_t node =
        *ref.items()[1].as_integer() - (endpoint ? endpoint_offset_ : node_offset_)[layer];
    int64_t tensor = *ref.items()[2].as_integer();
    if (node < 0 || node > INT32_MAX || tensor < 0 || tensor > INT32_MAX)
      fail(ref.items()[1], fmt::format("layer \"{}\" has no call {}", ref.items()[0].text(),
                                       *ref.items()[1].as_integer()));
    return TensorRef{layer, static_cast<int>(node), static_cast<int>(tensor)};
  }

  // Keras 3: collects the __keras_tensor__ objects in an argument, in order.
  void collect_keras_tensors(const json::Value& v, std::vector<TensorRef>& out) {
    if (v.is_array()) {
      for (const json::Value& item : v.items()) collect_keras_tensors(item, out);
      return;
    }
    if (!v.is_object()) return;
    const json::Value* class_name = v.find("class_name");
    if (!class_name || class_name->text() != "__keras_tensor__") return;
    const json::Value& config = member(v, "config", json::Kind::kObject, "a Keras tensor");
    out.push_back(read_ref(member(config, "keras_history", json::Kind::kArray, "a Keras tensor")));
  }

  // Keras 3: {"args": [first, second, ...], "kwargs": {...}}. A call whose tensors were all
  // passed by keyword (layer(inputs=x)) has its first tensor-holding keyword as first argument.
  Node read_keras3_node(const json::Value& call) {
    Node node;
    const json::Value& args = member(call, "args", json::Kind::kArray, "an inbound node");
    const json::Value* kwargs = call.find("kwargs");
    if (kwargs && kwargs->is_object()) node.kwargs = kwargs;
    if (!args.items().empty()) {
      collect_keras_tensors(args.items()[0], node.inputs);
      if (node.inputs.empty()) node.constant = &args.items()[0];
    }
    for (size_t i = 1; i < args.items().size(); ++i) {
      std::vector<TensorRef> tensors;
      collect_keras_tensors(args.items()[i], tensors);
      for (const TensorRef& t : tensors) node.arguments.push_back({"", static_cast<int>(i), t});
    }
    if (!node.kwargs) return node;
    for (const json::Member& m : node.kwargs->members()) {
      std::vector<TensorRef> tensors;
      collect_keras_tensors(m.value, tensors);
      if (tensors.empty()) continue;
      if (node.inputs.empty() && !node.constant) {
        node.inputs = std::move(tensors);
        continue;
      }
      for (const TensorRef& t : tensors) node.arguments.push_back({std::string(m.key()), -1, t});
    }
    return node;
  }

  // tf.keras 2 keeps a reference as [name, node, tensor]; inside kwargs, a list of that form whose
  // name is a layer of this model is a tensor passed by keyword.
  bool is_kwargs_reference(const json::Value& v) const {
    return v.is_array() && v.items().size() == 3 && v.items()[0].is_string() &&
           layer_named(v.items()[0].text()) >= 0 && v.items()[1].as_integer() &&
           v.items()[2].as_integer();
  }

  void read_kwargs_tensors(Node& node) {
    if (!node.kwargs) return;
    for (const json::Member& m : node.kwargs->members()) {
      if (is_kwargs_reference(m.value)) {
        node.arguments.push_back({std::string(m.key()), -1, read_ref(m.value)});
        continue;
      }
      if (!m.value.is_array()) continue;
      for (const json::Value& item : m.value.items())
        if (is_kwargs_reference(item))
          node.arguments.push_back({std::string(m.key()), -1, read_ref(item)});
    }
  }

  // One element of a tf.keras 2 call's first argument: [name, node, tensor, kwargs], the constant
  // ["_CONSTANT_VALUE", -1, value, kwargs], or a nested list of them (TFOpLambda keeps the
  // structure of its first argument).
  void read_first_argument(const json::Value& v, Node& node) {
    if (!v.is_array() || v.items().empty())
      fail(v, "expected a tensor reference [layer_name, node_index, tensor_index]");
    if (!v.items()[0].is_string()) {
      for (const json::Value& item : v.items()) read_first_argument(item, node);
      return;
    }
    if (v.items().size() >= 4 && v.items()[3].is_object()) node.kwargs = &v.items()[3];
    if (v.items()[0].text() == "_CONSTANT_VALUE" && v.items().size() >= 3 &&
        layer_named("_CONSTANT_VALUE") < 0) {
      node.constant = &v.items()[2];
      return;
    }
    node.inputs.push_back(read_ref(v));
  }

  Node read_node(const json::Value& call) {
    if (call.is_object()) return read_keras3_node(call);
    if (!call.is_array()) fail(call, "an inbound node must be a list of tensor references");
    Node node;
    // A layer that keeps its input structure (TFOpLambda) stores a one-tensor call as one
    // reference instead of a list of them.
    if (!call.items().empty() && call.items()[0].is_string()) {
      read_first_argument(call, node);
    } else {
      for (const json::Value& ref : call.items()) read_first_argument(ref, node);
    }
    read_kwargs_tensors(node);
    return node;
  }

  // input_layers / output_layers: a list of references, one bare reference, or a dict of them.
  std::vector<TensorRef> read_endpoints(const json::Value& config, std::string_view key) {
    const json::Value* v = config.find(key);
    if (!v) fail(config, fmt::format("the Functional model config has no \"{}\"", key));
    std::vector<TensorRef> refs;
    if (v->is_array() && !v->items().empty() && v->items()[0].is_string()) {
      refs.push_back(read_ref(*v, true));
    } else if (v->is_array()) {
      for (const json::Value& ref : v->items()) refs.push_back(read_ref(ref, true));
    } else if (v->is_object()) {
      for (const json::Member& m : v->members()) refs.push_back(read_ref(m.value, true));
    } else {
      fail(*v, fmt::format("\"{}\" must be a list of tensor references", key));
    }
    return refs;
  }

  // Keras numbers the calls of a nested model from 1 when the model's own construction made
  // call 0 (the node linking its input to its output), and the saved config keeps only the
  // outer calls: tf.keras 2 and TF.js for a nested model built with an input (Functional, or
  // a Sequential that starts with an InputLayer or whose first layer declares the input shape,
  // as TF.js and Keras 2.2 save it). Keras 3 does so for a nested Functional in the model's
  // input_layers / output_layers only; the layers' calls count its first outer call as 0.
  static int first_saved_call(const Layer& layer, const std::string& dialect, bool endpoint) {
    if (!layer.submodel) return 0;
    if (dialect == "Keras 3") return endpoint && layer.class_name == "Functional" ? 1 : 0;
    const Model& inner = *layer.submodel;
    bool built = !inner.layers.empty() && inner.layers[0].class_name == "InputLayer" &&
                 (!inner.layers[0].synthetic || inner.layers[0].declared_shape);
    return built ? 1 : 0;
  }

  // In a large graph a layer's entry was parsed long before it is read, and is no longer in the
  // cache: the entries a few layers ahead are loaded while this one is read.
  static constexpr size_t kPrefetchDistance = 8;
  static constexpr size_t kEntryBytes = 1024;  // a typical layer's subtree in the parsed tree
  static constexpr size_t kEntryText = 512;    // and in the file
  static constexpr size_t kSlotDistance = 4;   // name slots, once the entry is loaded

  void read_functional(const json::Value& config, const json::Value& layers, Model& model) {
    model.layers.reserve(layers.items().size());
    index_.reserve(layers.items().size());
    std::vector<bool> read_early(layers.items().size());
    for (size_t i = 0; i < layers.items().size(); ++i) {
      if (i + kPrefetchDistance < layers.items().size()) {
        const json::Value& ahead = layers.items()[i + kPrefetchDistance];
        json::prefetch_around(ahead.members().end(), kEntryBytes, 0);
        // Its text too: keys are compared and names hashed there.
        json::prefetch_around(document_->text().data() + ahead.offset, 0, kEntryText);
      }
      if (i + kSlotDistance < layers.items().size()) {
        const json::Value* name = layers.items()[i + kSlotDistance].find("name");
        if (name && name->is_string()) index_.prefetch(name->text());
      }
      Layer layer = read_layer(layers.items()[i], i);
      node_offset_.push_back(first_saved_call(layer, model.dialect, /*endpoint=*/false));
      endpoint_offset_.push_back(first_saved_call(layer, model.dialect, /*endpoint=*/true));
      if (!index_.add(layer.name, static_cast<int>(i)))
        fail(layers.items()[i], fmt::format("two layers are named \"{}\"", layer.name));
      model.layers.push_back(std::move(layer));
      read_early[i] =
          read_calls_early(layers.items()[i].find("inbound_nodes"), model.layers.back());
    }
    for (size_t i = 0; i < layers.items().size(); ++i) {
      if (read_early[i]) continue;
      const json::Value* inbound = layers.items()[i].find("inbound_nodes");
      if (!inbound || inbound->is_null()) continue;
      if (!inbound->is_array()) fail(*inbound, "\"inbound_nodes\" must be a list");
      for (const json::Value& call : inbound->items())
        model.layers[i].nodes.push_back(read_node(call));
    }
    for (const TensorRef& ref : read_endpoints(config, "input_layers")) {
      if (model.layers[ref.layer].class_name != "InputLayer")
        fail(config,
             fmt::format("model input \"{}\" is not an InputLayer", model.layers[ref.layer].name));
      model.inputs.push_back(ref.layer);
    }
    model.outputs = read_endpoints(config, "output_layers");
    if (model.layers.empty()) fail(layers, "the Functional model has no layers");
    if (model.outputs.empty()) fail(config, "the Functional model has no outputs");
    validate_references(layers, model);
  }

  void validate_references(const json::Value& layers, const Model& model) {
    auto check = [&](const TensorRef& ref, const json::Value& where) {
      const Layer& producer = model.layers[ref.layer];
      size_t calls = producer.class_name == "InputLayer" ? 1 : producer.nodes.size();
      if (ref.node < 0 || static_cast<size_t>(ref.node) >= calls || ref.tensor < 0)
        fail(where, fmt::format("layer \"{}\" has no call {} (it is called {} time{})",
                                producer.name, ref.node, calls, calls == 1 ? "" : "s"));
    };
    for (size_t i = 0; i < model.layers.size(); ++i)
      for (const Node& node : model.layers[i].nodes) {
        for (const TensorRef& ref : node.inputs) check(ref, layers.items()[i]);
        for (const Argument& argument : node.arguments) check(argument.tensor, layers.items()[i]);
      }
    for (const TensorRef& ref : model.outputs) check(ref, layers);
  }

  std::shared_ptr<const json::Document> document_;
  std::string file_;
  std::string dialect_;
  Rewritten& rewritten_;
  NameIndex index_;
  bool reading_early_ = false;        // see read_calls_early
  std::vector<int> node_offset_;      // per layer: the call number of its first saved call
  std::vector<int> endpoint_offset_;  // the same in input_layers / output_layers
};

// --- How the model is compiled (read_compile_config) ---

// The name a serialized object or function is known by: the part after "package>" of a
// registered custom one.
std::string short_name(std::string_view name) {
  size_t cut = name.rfind('>');
  return std::string(cut == std::string_view::npos ? name : name.substr(cut + 1));
}

// Keras' own: a Keras 3 object from a keras module (keras.losses, keras.src.losses.losses), or
// a tf.keras 2 object, which has no module, whose name is not a registered custom one.
bool from_keras(const json::Value& object, std::string_view name) {
  const json::Value* module = object.find("module");
  if (module) return module->is_string() && module->text().starts_with("keras");
  return name.find('>') == std::string_view::npos;
}

LossChoice custom_loss(std::string_view what, const std::string& output) {
  LossChoice loss;
  loss.output = output;
  constexpr std::string_view kUnknown = "saved with the model, which dimsum does not know";
  loss.custom = what.empty() ? fmt::format("the loss {}", kUnknown)
                             : fmt::format("the loss '{}' {}", what, kUnknown);
  return loss;
}

// One serialized loss: "mse"; {"class_name": "function", "config": "mean_squared_error"} (Keras
// 3); {"class_name": "CategoricalCrossentropy", "config": {"from_logits": true, ...}}.
LossChoice read_loss(const json::Value& v, const std::string& output) {
  if (v.is_string()) {
    if (v.text().find('>') != std::string_view::npos)
      return custom_loss(short_name(v.text()), output);
    LossChoice loss;
    loss.output = output;
    loss.name = std::string(v.text());
    return loss;
  }
  const json::Value* class_name = v.find("class_name");
  if (!class_name || !class_name->is_string()) return custom_loss("", output);
  const json::Value* config = v.find("config");
  std::string_view name = class_name->text();
  if (name == "function") {  // Keras 3: a function, its name as config
    if (!config || !config->is_string()) return custom_loss("", output);
    name = config->text();
  } else if (name == "LossFunctionWrapper" && config) {  // tf.keras 2: the function it wraps
    const json::Value* fn = config->find("fn");
    if (fn && fn->is_string()) name = fn->text();
  } else if (name == "__lambda__") {
    return custom_loss("lambda", output);
  }
  if (!from_keras(v, name) || name.find('>') != std::string_view::npos)
    return custom_loss(short_name(name), output);
  LossChoice loss;
  loss.output = output;
  loss.name = std::string(name);
  const json::Value* logits = config ? config->find("from_logits") : nullptr;
  loss.from_logits = logits && logits->kind == json::Kind::kBool && logits->boolean;
  return loss;
}

// One serialized metric: "accuracy", a function or an object as a loss is; a MeanMetricWrapper
// (what tf.keras 2 saves after fit for "accuracy") by the function it wraps. Empty when unknown.
std::string metric_name(const json::Value& v) {
  if (v.is_string()) return std::string(v.text());
  const json::Value* class_name = v.find("class_name");
  if (!class_name || !class_name->is_string()) return "";
  const json::Value* config = v.find("config");
  if (class_name->text() == "function")
    return config && config->is_string() ? std::string(config->text()) : "";
  if (class_name->text() == "MeanMetricWrapper" && config) {
    const json::Value* fn = config->find("fn");
    if (fn && fn->is_string()) return std::string(fn->text());
    const json::Value* name = config->find("name");
    if (name && name->is_string()) return std::string(name->text());
  }
  return std::string(class_name->text());
}

bool is_serialized_object(const json::Value& v) {
  return v.is_string() || (v.is_object() && v.find("class_name"));
}

void read_losses(const json::Value& losses, const std::vector<std::string>& outputs, Model& model) {
  if (losses.is_null()) return;
  if (is_serialized_object(losses)) {
    model.losses.push_back(read_loss(losses, ""));
  } else if (losses.is_array()) {  // one per output, in output order
    for (size_t i = 0; i < losses.items().size() && i < outputs.size(); ++i) {
      const json::Value& loss = losses.items()[i];
      if (loss.is_null()) continue;  // no loss for this output
      model.losses.push_back(read_loss(loss, outputs.size() == 1 ? "" : outputs[i]));
    }
  } else if (losses.is_object()) {  // by output name
    for (const json::Member& m : losses.members())
      if (!m.value.is_null()) model.losses.push_back(read_loss(m.value, std::string(m.key())));
  } else {
    model.losses.push_back(custom_loss("", ""));
  }
}

void add_metrics(const json::Value& metrics, const std::string& output, Model& model) {
  if (metrics.is_array()) {
    for (const json::Value& metric : metrics.items()) add_metrics(metric, output, model);
    return;
  }
  if (metrics.is_null()) return;
  std::string name = metric_name(metrics);
  if (!name.empty()) model.metrics.push_back(MetricChoice{output, std::move(name)});
}

void read_metrics(const json::Value& metrics, const std::vector<std::string>& outputs, bool keras3,
                  Model& model) {
  if (metrics.is_object() && !metrics.find("class_name")) {  // by output name
    for (const json::Member& m : metrics.members())
      add_metrics(m.value, std::string(m.key()), model);
    return;
  }
  if (!metrics.is_array() || outputs.size() < 2) {  // one output: every metric is its
    add_metrics(metrics, "", model);
    return;
  }
  const auto& items = metrics.items();
  bool nested = std::any_of(items.begin(), items.end(),
                            [](const json::Value& m) { return m.is_array() || m.is_null(); });
  if (!nested && !(keras3 && items.size() == outputs.size())) {  // each metric for every output
    add_metrics(metrics, "", model);
    return;
  }
  for (size_t i = 0; i < items.size() && i < outputs.size(); ++i)
    add_metrics(items[i], outputs[i], model);
}

}  // namespace

void read_compile_config(const json::Value& config, bool keras3, Model& model) {
  if (!config.is_object()) return;
  std::vector<std::string> outputs = output_names(model);
  model.losses.clear();
  model.metrics.clear();
  if (const json::Value* losses = config.find("loss")) read_losses(*losses, outputs, model);
  for (std::string_view key : {"metrics", "weighted_metrics"})
    if (const json::Value* metrics = config.find(key))
      read_metrics(*metrics, outputs, keras3, model);
}

bool read_keras_model(std::shared_ptr<const json::Document> document, const std::string& file,
                      Model& model, std::string& error) {
  const json::Value& root = document->root();
  std::string dialect = "tf.keras 2";
  const json::Value* top = &root;
  try {
    if (!root.is_object())
      fail(root, fmt::format("expected a Keras model config (a JSON object), got {}",
                             json::kind_name(root.kind)));
    if (const json::Value* topology = root.find("modelTopology")) {
      dialect = "TensorFlow.js";
      top = topology->is_object() && topology->find("model_config") ? topology->find("model_config")
                                                                    : topology;
      // TensorFlow.js also accepts a topology that is the model config itself.
      if (top == topology && topology->is_object() && !topology->find("class_name"))
        fail(*topology,
             "\"modelTopology\" has no \"model_config\" (nor a \"class_name\" of "
             "its own): this model.json holds no model config");
    } else if (root.find("weightsManifest") || root.find("format")) {
      fail(root, "a TensorFlow.js model.json without \"modelTopology\": it holds no model config");
    } else if (!root.find("class_name")) {
      fail(root,
           "this JSON is not a Keras model config: expected \"class_name\" and \"config\" "
           "(model.to_json()) or a TensorFlow.js model.json with \"modelTopology\"");
    }
    // Keras 1 saved its version beside the model; an .h5 file keeps it elsewhere, and then the
    // argument names tell.
    const json::Value* version = top->is_object() ? top->find("keras_version") : nullptr;
    if (!version) version = root.find("keras_version");
    bool keras1_version = version && version->is_string() && version->text().starts_with("1.");
    Rewritten rewritten;
    if (keras1_version) rewritten.keras1_ordering = legacy::keras1_ordering(*top, version->text());
    ModelReader reader(document, file, dialect, rewritten);
    reader.read(*top, model);
    if (keras1_version || rewritten.keras1_names) model.dialect = "Keras 1";
    // How the model is compiled: Keras 3 saves it beside the model's config; TensorFlow.js in
    // model.json, and its converter from an .h5 file inside the topology.
    if (const json::Value* compile = top->find("compile_config")) {
      read_compile_config(*compile, /*keras3=*/true, model);
    } else if (const json::Value* training = root.find("trainingConfig")) {
      read_compile_config(*training, /*keras3=*/false, model);
    } else if (const json::Value* topology = root.find("modelTopology");
               topology && topology->find("training_config")) {
      read_compile_config(*topology->find("training_config"), /*keras3=*/false, model);
    }
  } catch (const ConfigError& e) {
    auto pos = document->position(e.offset);
    error = fmt::format("{}:{}: {}", pos.line, pos.column, e.message);
    return false;
  }
  return true;
}

}  // namespace dimsum
