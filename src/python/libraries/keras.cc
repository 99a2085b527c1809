// Keras as the reader follows it: layer constructors (positional arguments mapped to Keras'
// parameter names, so that each layer's config is what Keras would save), Sequential and the
// functional API, the data fed to models, and Keras' automatic layer names.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "layers/layer.h"
#include "layers/legacy.h"
#include "python/language/interpreter.h"
#include "python/libraries/library.h"

namespace dimsum::python {

namespace {

using Names = std::vector<std::string_view>;

// Keras' positional parameters per layer class, from its layer signatures (the same in tf.keras 2
// and Keras 3 for these leading ones). A class missing here still works with keyword arguments.
const std::map<std::string, Names, std::less<>>& positional_parameters() {
  static const std::map<std::string, Names, std::less<>> table = [] {
    std::map<std::string, Names, std::less<>> t;
    Names conv = {"filters",       "kernel_size", "strides",    "padding", "data_format",
                  "dilation_rate", "groups",      "activation", "use_bias"};
    Names transpose = {"filters",     "kernel_size",   "strides",    "padding", "output_padding",
                       "data_format", "dilation_rate", "activation", "use_bias"};
    Names separable = {"filters",       "kernel_size",      "strides",    "padding", "data_format",
                       "dilation_rate", "depth_multiplier", "activation", "use_bias"};
    Names depthwise = {"kernel_size", "strides",       "padding",    "depth_multiplier",
                       "data_format", "dilation_rate", "activation", "use_bias"};
    Names pool = {"pool_size", "strides", "padding", "data_format"};
    Names global_pool = {"data_format", "keepdims"};
    Names rnn = {"units", "activation", "recurrent_activation", "use_bias"};
    for (const char* d : {"1D", "2D", "3D"}) {
      std::string n = d;
      t["Conv" + n] = conv;
      t["Convolution" + n] = conv;
      t["Conv" + n + "Transpose"] = transpose;
      t["Convolution" + n + "Transpose"] = transpose;
      t["SeparableConv" + n] = separable;
      t["SeparableConvolution" + n] = separable;
      t["DepthwiseConv" + n] = depthwise;
      for (const char* p : {"MaxPooling", "AveragePooling", "MaxPool", "AvgPool"}) t[p + n] = pool;
      for (const char* p :
           {"GlobalMaxPooling", "GlobalAveragePooling", "GlobalMaxPool", "GlobalAvgPool"})
        t[p + n] = global_pool;
      t["ZeroPadding" + n] = {"padding", "data_format"};
      t["Cropping" + n] = {"cropping", "data_format"};
      t["UpSampling" + n] = {"size", "data_format"};
      t["SpatialDropout" + n] = {"rate", "data_format"};
      t["LocallyConnected" + n] = {"filters", "kernel_size", "strides", "padding", "data_format"};
    }
    t["UpSampling1D"] = {"size"};
    t["ConvLSTM2D"] = {"filters",    "kernel_size",          "strides",
                       "padding",    "data_format",          "dilation_rate",
                       "activation", "recurrent_activation", "use_bias"};
    t["Dense"] = {"units", "activation", "use_bias"};
    t["Activation"] = {"activation"};
    t["Dropout"] = {"rate", "noise_shape", "seed"};
    t["GaussianNoise"] = {"stddev", "seed"};
    t["GaussianDropout"] = {"rate", "seed"};
    t["AlphaDropout"] = {"rate", "noise_shape", "seed"};
    t["Flatten"] = {"data_format"};
    t["Reshape"] = {"target_shape"};
    t["Permute"] = {"dims"};
    t["RepeatVector"] = {"n"};
    t["Embedding"] = {"input_dim", "output_dim"};
    t["LSTM"] = rnn;
    t["GRU"] = rnn;
    t["SimpleRNN"] = {"units", "activation", "use_bias"};
    t["Bidirectional"] = {"layer", "merge_mode", "weights", "backward_layer"};
    t["TimeDistributed"] = {"layer"};
    t["BatchNormalization"] = {"axis", "momentum", "epsilon", "center", "scale"};
    t["LayerNormalization"] = {"axis", "epsilon", "center", "scale"};
    t["Concatenate"] = {"axis"};
    t["Dot"] = {"axes", "normalize"};
    for (const char* m : {"Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum"})
      t[m] = {};
    t["InputLayer"] = {"shape", "batch_size", "dtype"};
    t["ReLU"] = {"max_value", "negative_slope", "threshold"};
    t["LeakyReLU"] = {"alpha"};
    t["ELU"] = {"alpha"};
    t["Softmax"] = {"axis"};
    t["ThresholdedReLU"] = {"theta"};
    t["PReLU"] = {"alpha_initializer", "alpha_regularizer", "alpha_constraint", "shared_axes"};
    t["Masking"] = {"mask_value"};
    t["ActivityRegularization"] = {"l1", "l2"};
    t["Lambda"] = {"function", "output_shape", "mask", "arguments"};
    t["Rescaling"] = {"scale", "offset"};
    t["Resizing"] = {"height", "width", "interpolation"};
    t["CenterCrop"] = {"height", "width"};
    t["MultiHeadAttention"] = {"num_heads", "key_dim",      "value_dim",     "dropout",
                               "use_bias",  "output_shape", "attention_axes"};
    // The preprocessing layers (the same leading parameters in tf.keras 2.11 and Keras 3).
    t["RandomFlip"] = {"mode", "seed"};
    t["RandomRotation"] = {"factor", "fill_mode", "interpolation", "seed", "fill_value"};
    t["RandomZoom"] = {"height_factor", "width_factor", "fill_mode",
                       "interpolation", "seed",         "fill_value"};
    t["RandomTranslation"] = t["RandomZoom"];
    t["RandomCrop"] = {"height", "width", "seed"};
    t["RandomContrast"] = {"factor", "seed"};
    t["RandomBrightness"] = {"factor", "value_range", "seed"};
    t["RandomHeight"] = {"factor", "interpolation", "seed"};
    t["RandomWidth"] = {"factor", "interpolation", "seed"};
    t["Normalization"] = {"axis", "mean", "variance", "invert"};
    t["CategoryEncoding"] = {"num_tokens", "output_mode"};
    t["Discretization"] = {"bin_boundaries", "num_bins", "epsilon", "output_mode"};
    t["Hashing"] = {"num_bins", "mask_value", "salt", "output_mode"};
    t["HashedCrossing"] = {"num_bins", "output_mode"};
    t["StringLookup"] = {"max_tokens", "num_oov_indices", "mask_token", "oov_token", "vocabulary"};
    t["IntegerLookup"] = t["StringLookup"];
    t["TextVectorization"] = {"max_tokens",
                              "standardize",
                              "split",
                              "ngrams",
                              "output_mode",
                              "output_sequence_length",
                              "pad_to_max_tokens",
                              "vocabulary"};
    // Keras 1's Merge(layers, mode, ...); the other Keras 1 signatures: legacy::keras1_positional.
    t["Merge"] = {"layers", "mode", "concat_axis", "dot_axes"};
    return t;
  }();
  return table;
}

// Arguments that never change a shape or a parameter count: a value dimsum cannot compute
// there is simply left out.
// Arguments that size only a layer's weights and outputs, never decide whether it builds: a
// value known only at run time is checked at probe sizes (Layer::probe_config).
bool sizes_only_weights_and_outputs(std::string_view class_name, std::string_view key) {
  if (key == "units" || key == "filters") return true;
  return class_name == "Embedding" && (key == "input_dim" || key == "output_dim");
}

bool shape_free(std::string_view key) {
  static const std::vector<std::string_view> keys = {"activation",
                                                     "recurrent_activation",
                                                     "name",
                                                     "dtype",
                                                     "dropout",
                                                     "recurrent_dropout",
                                                     "rate",
                                                     "seed",
                                                     "noise_shape",
                                                     "momentum",
                                                     "epsilon",
                                                     "interpolation",
                                                     "weights",
                                                     "alpha",
                                                     "negative_slope",
                                                     "max_value",
                                                     "threshold",
                                                     "theta",
                                                     "mask_zero",
                                                     "unroll",
                                                     "go_backwards",
                                                     "time_major",
                                                     "implementation",
                                                     "stddev",
                                                     "mean",
                                                     "function",
                                                     "arguments",
                                                     "mask",
                                                     "trainable",
                                                     "stateful",
                                                     "scale",
                                                     "offset",
                                                     "l1",
                                                     "l2",
                                                     "mask_value",
                                                     "fill_mode",
                                                     "fill_value",
                                                     "value_range"};
  return key.ends_with("_initializer") || key.ends_with("_regularizer") ||
         key.ends_with("_constraint") || std::find(keys.begin(), keys.end(), key) != keys.end();
}

// Keywords that declare an input shape rather than configure the layer.
bool declares_input(std::string_view key) {
  return key == "input_shape" || key == "batch_input_shape" || key == "batch_shape" ||
         key == "batch_size" || key == "input_dim" || key == "input_length" || key == "shape";
}

}  // namespace

std::optional<json::Node> to_json(const Value& v, uint32_t at, int depth) {
  if (depth > kMaxNesting) return std::nullopt;
  json::Node j;
  j.offset = at;
  switch (v.kind) {
    case Kind::kNone: return j;
    case Kind::kBool:
      j.kind = json::Kind::kBool;
      j.boolean = v.boolean;
      return j;
    case Kind::kInt:
      j.kind = json::Kind::kNumber;
      j.text = std::to_string(v.integer);
      return j;
    case Kind::kFloat:
      j.kind = json::Kind::kNumber;
      j.text = fmt::format("{}", v.real);
      return j;
    case Kind::kStr:
      j.kind = json::Kind::kString;
      j.text = v.text;
      return j;
    case Kind::kTuple:
    case Kind::kList: {
      if (v.repeat && *v.repeat > 1000) return std::nullopt;
      j.kind = json::Kind::kArray;
      for (int64_t i = 0; i < v.length(); ++i) {
        auto item = to_json(v.item(i), v.item(i).offset ? v.item(i).offset : at, depth + 1);
        if (!item) return std::nullopt;
        j.items.push_back(std::move(*item));
      }
      return j;
    }
    case Kind::kDict: {
      j.kind = json::Kind::kObject;
      for (size_t i = 0; i < v.keys->size(); ++i) {
        auto item = to_json((*v.items)[i], at, depth + 1);
        if (!item) return std::nullopt;
        j.members.push_back(json::NodeMember{(*v.keys)[i], std::move(*item)});
      }
      return j;
    }
    case Kind::kLayer: {  // a wrapped layer: Bidirectional(LSTM(...)), TimeDistributed(...)
      if (!v.layer->unfollowed.empty()) return std::nullopt;
      j.kind = json::Kind::kObject;
      json::Node class_name;
      class_name.kind = json::Kind::kString;
      class_name.text = v.layer->class_name;
      class_name.offset = v.layer->offset;
      j.members.push_back(json::NodeMember{"class_name", std::move(class_name)});
      j.members.push_back(json::NodeMember{"config", v.layer->config});
      return j;
    }
    default: return std::nullopt;
  }
}

namespace {

// Outputs of one call: RNNs with return_state=True give the states too.
int outputs_per_call(const std::string& class_name, const json::Node& config) {
  auto returns_state = [](const json::Node& c) {
    const json::Node* v = c.find("return_state");
    return v && v->kind == json::Kind::kBool && v->boolean;
  };
  auto states = [](std::string_view rnn) { return rnn == "LSTM" ? 2 : 1; };
  if ((class_name == "LSTM" || class_name == "GRU" || class_name == "SimpleRNN") &&
      returns_state(config))
    return 1 + states(class_name);
  if (class_name.starts_with("ConvLSTM") && returns_state(config)) return 3;  // output, h, c
  if (class_name == "RNN" && returns_state(config)) {  // the states of each of its cells
    const json::Node* cell = config.find("cell");
    if (!cell) return 0;
    std::vector<const json::Node*> cells;
    if (cell->kind == json::Kind::kArray)
      for (const json::Node& item : cell->items) cells.push_back(&item);
    else
      cells.push_back(cell);
    int count = 1;
    for (const json::Node* c : cells) {
      const json::Node* name = c->find("class_name");
      if (!name) return 0;
      if (name->text == "LSTMCell")
        count += 2;
      else if (name->text == "GRUCell" || name->text == "SimpleRNNCell")
        count += 1;
      else
        return 0;  // a cell whose states dimsum cannot count
    }
    return count;
  }
  if (class_name == "Bidirectional") {
    const json::Node* inner = config.find("layer");
    const json::Node* inner_config = inner ? inner->find("config") : nullptr;
    const json::Node* inner_class = inner ? inner->find("class_name") : nullptr;
    if (inner_config && inner_class && returns_state(*inner_config))
      return 1 + 2 * states(inner_class->text);
  }
  return 1;
}

}  // namespace

std::string snake_case(std::string_view name) {
  // Keras' to_snake_case: "(.)([A-Z][a-z]+)" -> "\1_\2", then "([a-z])([A-Z])" -> "\1_\2".
  auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
  std::string first;
  for (size_t i = 0; i < name.size();) {
    if (i + 2 < name.size() && upper(name[i + 1]) && lower(name[i + 2])) {
      size_t j = i + 2;
      while (j < name.size() && lower(name[j])) ++j;
      first += name[i];
      first += '_';
      first.append(name.substr(i + 1, j - i - 1));
      i = j;
      continue;
    }
    first += name[i++];
  }
  std::string out;
  for (size_t i = 0; i < first.size(); ++i) {
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(first[i])));
    if (lower(first[i]) && i + 1 < first.size() && upper(first[i + 1])) {
      out += '_';
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(first[++i])));
    }
  }
  return out;
}

std::string Interpreter::keras_name(std::string_view class_name) {
  if (class_name == "InputLayer")  // tf.keras 2 numbers inputs from 1: input_1, input_2, ...
    return fmt::format("input_{}", ++name_counts_["input"]);
  // Names of TensorFlow ops ("tf.__operators__.add") are numbered as they are.
  std::string prefix = class_name.find('.') == std::string_view::npos ? snake_case(class_name)
                                                                      : std::string(class_name);
  int n = name_counts_[prefix]++;
  return n == 0 ? prefix : fmt::format("{}_{}", prefix, n);
}

Value Interpreter::call_keras(const std::string& path, Args& args, uint32_t offset) {
  std::string_view name = last_part(path);
  bool in_layers = path.starts_with("keras.layers.");
  if (name == "Sequential") return make_sequential(args, offset);
  if (name == "Model" || name == "Functional") return make_functional(args, offset);
  if (name == "Input") return make_input(args, offset);
  // Keras 3's random draws take tf.random's arguments: (shape, mean/minval, stddev/maxval, ...).
  if (path == "keras.random.normal" || path == "keras.random.uniform" ||
      path == "keras.random.truncated_normal")
    return call_library("tensorflow.random." + std::string(name), args, offset);
  // A loss or metric object, keras.losses.CategoricalCrossentropy(from_logits=True): kept by
  // its path, with from_logits, for compile() (loss_choice).
  bool loss_or_metric =
      starts_with_module(path, "keras.losses") || starts_with_module(path, "keras.metrics");
  if (loss_or_metric && !name.empty() && std::isupper(static_cast<unsigned char>(name[0]))) {
    Value object = module(path + "()", offset);
    const Value* logits = args.keyword("from_logits");
    object.boolean = logits && logits->kind == Kind::kBool && logits->boolean;
    return object;
  }
  if (!name.empty() && std::isupper(static_cast<unsigned char>(name[0])) &&
      (in_layers || (path.starts_with("keras.") && positional_parameters().count(name))))
    return construct_layer(std::string(name), args, offset);
  // The functional helpers: layers.add([a, b]), layers.concatenate([a, b], axis=-1), ...
  static const std::map<std::string_view, std::string_view> kMergeHelpers = {
      {"add", "Add"},
      {"subtract", "Subtract"},
      {"multiply", "Multiply"},
      {"average", "Average"},
      {"maximum", "Maximum"},
      {"minimum", "Minimum"},
      {"concatenate", "Concatenate"},
      {"dot", "Dot"}};
  if (auto it = kMergeHelpers.find(name); in_layers && it != kMergeHelpers.end()) {
    Args constructor;
    constructor.keywords = args.keywords;
    for (size_t i = 1; i < args.positional.size(); ++i)  // concatenate(inputs, axis)
      constructor.positional.push_back(args.positional[i]);
    Value layer = construct_layer(std::string(it->second), constructor, offset);
    Args call_args;
    if (!args.positional.empty()) call_args.positional.push_back(args.positional[0]);
    return call_layer(layer, call_args, offset);
  }
  if (name == "merge" && in_layers) {  // Keras 1: merge(inputs, mode, concat_axis, dot_axes)
    static const Names kMergeArguments = {"mode", "concat_axis", "dot_axes"};
    Args constructor;
    constructor.keywords = args.keywords;
    for (size_t i = 1; i < args.positional.size() && i <= kMergeArguments.size(); ++i)
      constructor.keywords.emplace_back(std::string(kMergeArguments[i - 1]), args.positional[i]);
    Value layer = construct_layer("Merge", constructor, offset);
    Args call_args;
    if (!args.positional.empty()) call_args.positional.push_back(args.positional[0]);
    return call_layer(layer, call_args, offset);
  }
  // The image layout layers take when they do not say (keras.json's image_data_format, set in
  // code with K.set_image_data_format, or K.set_image_dim_ordering in Keras 1 and 2.0-2.3).
  if (path == "keras.backend.image_data_format") return string(image_data_format_, offset);
  if (path == "keras.backend.image_dim_ordering")
    return string(image_data_format_ == "channels_first" ? "th" : "tf", offset);
  if (path == "keras.backend.set_image_data_format" ||
      path == "keras.backend.set_image_dim_ordering") {
    const Value* format =
        args.get(0, name == "set_image_data_format" ? "data_format" : "dim_ordering");
    if (!format || format->kind != Kind::kStr || uncertain_ > 0) {
      note(offset, fmt::format("the image layout is set here to a value dimsum cannot tell; layers "
                               "made after this line are read as {}",
                               image_data_format_));
      return none(offset);
    }
    if (format->text == "th" || format->text == "channels_first")
      image_data_format_ = "channels_first";
    if (format->text == "tf" || format->text == "channels_last")
      image_data_format_ = "channels_last";
    return none(offset);
  }
  if (name == "to_categorical") {
    const Value* y = args.get(0, "y");
    const Value* classes = args.get(1, "num_classes");
    std::optional<Dims> shape = y && y->kind == Kind::kData ? y->shape : std::nullopt;
    std::optional<Dim> depth =
        classes && classes->kind == Kind::kInt ? as_dim(*classes) : std::nullopt;
    // Without num_classes, one column per class id up to the largest: known when the code tells
    // the ids' range (a bundled dataset's labels).
    if ((!classes || classes->kind == Kind::kNone) && y && shape && !shape->empty())
      if (auto count = class_count(y->values, (*shape)[0].known()
                                                  ? std::optional<int64_t>((*shape)[0].value())
                                                  : std::nullopt))
        depth = Dim(*count);
    if (!shape || !depth) return data(std::nullopt, offset);
    if (shape->size() > 1 && shape->back() == Dim(1)) shape->pop_back();
    shape->push_back(*depth);
    return data(shape, offset);
  }
  if (name == "pad_sequences") {
    const Value* sequences = args.get(0, "sequences");
    const Value* maxlen = args.get(1, "maxlen");
    std::optional<Dim> count;
    if (sequences && sequences->kind == Kind::kData && sequences->shape &&
        !sequences->shape->empty())
      count = (*sequences->shape)[0];
    else if (sequences && sequences->is_sequence())
      count = Dim(sequences->length());
    std::optional<Dim> length =
        maxlen && maxlen->kind == Kind::kInt ? as_dim(*maxlen) : std::nullopt;
    if (!count || !length) return data(std::nullopt, offset);
    Value padded = data(Dims{*count, *length}, offset);
    padded.open_rank = true;
    return padded;
  }
  if (name == "load_data" && path.starts_with("keras.datasets.")) {
    std::string module = path.substr(0, path.size() - name.size() - 1);
    std::string_view set = last_part(module);
    for (const auto& known : bundled_datasets())
      if (known.name == set) {
        auto pair = [&](const Dims& x, const Dims& y) {
          Value labels = data(y, offset, known.y_dtype);
          if (known.classes) labels.values = IntRange{0, *known.classes, true};
          const Value* mode = args.get(0, "label_mode");
          if (set == "cifar100" && mode && mode->kind == Kind::kStr && mode->text == "coarse")
            labels.values = IntRange{0, 20, true};
          return sequence(Kind::kTuple, {data(x, offset, known.x_dtype), labels}, offset);
        };
        return sequence(Kind::kTuple,
                        {pair(known.x_train, known.y_train), pair(known.x_test, known.y_test)},
                        offset);
      }
  }
  if (path.starts_with("keras.applications.")) return call_application(path, args, offset);
  for (const Value& v : args.positional)
    if (is_tensor_list(v)) return tensor_operation(path, args, offset);
  if (name == "load_model")
    return unknown("a model loaded from a file (to check it, pass the file to dimsum)", offset);
  return unknown(fmt::format("the result of {}(...)", path), offset);
}

namespace {

// Whether a layer class takes the image layout keras.json (or K.set_image_data_format) sets when
// it does not say: the 2D and 3D convolutions, poolings, and the layers that pad, crop, upsample
// or drop along image axes. (The 1D ones default to channels_last in tf.keras 2 whatever the
// setting; Flatten's layout does not change its shape.)
bool takes_data_format(std::string_view class_name) {
  static constexpr std::string_view kParts[] = {"Conv",           "Pool",        "UpSampling",
                                                "ZeroPadding",    "Cropping",    "LocallyConnected",
                                                "SpatialDropout", "Convolution", "Deconvolution"};
  bool image = class_name.ends_with("2D") || class_name.ends_with("3D");
  return image && std::any_of(std::begin(kParts), std::end(kParts), [&](std::string_view part) {
           return class_name.find(part) != std::string_view::npos;
         });
}

}  // namespace

Value Interpreter::construct_layer(const std::string& class_name, Args& args, uint32_t offset) {
  auto layer = std::make_shared<LayerObject>();
  layer->id = next_id_++;
  layer->class_name = class_name;
  layer->offset = offset;
  layer->config.kind = json::Kind::kObject;
  layer->config.offset = offset;
  std::vector<std::pair<std::string, Value>> named;
  const auto& table = positional_parameters();
  const Names* parameters = nullptr;
  if (auto entry = table.find(class_name); entry != table.end()) parameters = &entry->second;
  // Keras 1 code (Convolution2D(32, 3, 3, border_mode="same")) has Keras 1's signatures.
  std::vector<std::string_view> keywords;
  for (const auto& [key, value] : args.keywords) keywords.push_back(key);
  int leading_ints = 0;
  while (leading_ints + 1 < static_cast<int>(args.positional.size()) &&
         args.positional[leading_ints + 1].kind == Kind::kInt)
    ++leading_ints;
  if (const Names* keras1 = legacy::keras1_positional(class_name, keywords, leading_ints))
    parameters = keras1;
  // A class without a rule (a custom layer) is reported as unknown whatever its arguments.
  bool has_rule =
      LayerRegistry::instance().find(class_name) != nullptr || legacy::is_legacy_class(class_name);
  for (size_t i = 0; i < args.positional.size(); ++i) {
    if (!has_rule) continue;
    if (!parameters || i >= parameters->size()) {
      layer->unfollowed = fmt::format(
          "dimsum does not know what positional argument {} of {} "
          "is; to have it checked, pass it by keyword",
          i + 1, class_name);
      continue;
    }
    named.emplace_back(std::string((*parameters)[i]), args.positional[i]);
  }
  named.insert(named.end(), args.keywords.begin(), args.keywords.end());
  if (image_data_format_ != "channels_last" && takes_data_format(class_name) &&
      std::none_of(named.begin(), named.end(), [](const auto& argument) {
        return argument.first == "data_format" || argument.first == "dim_ordering";
      }))
    named.emplace_back("data_format", string(image_data_format_, offset));
  if (!args.complete)
    layer->unfollowed = fmt::format(
        "the arguments of {} come from a *list or **dict that dimsum "
        "cannot expand",
        class_name);
  std::map<std::string, Value, std::less<>> declared;
  for (const auto& [key, value] : named) {
    if (key == "name" && value.kind == Kind::kStr) layer->name = value.text;
    bool is_shape_key = declares_input(key) && !(class_name == "Embedding" && key == "input_dim");
    if (is_shape_key) declared[key] = value;
    auto j = to_json(value, value.offset ? value.offset : offset);
    if (!j && !value.known() && sizes_only_weights_and_outputs(class_name, key)) {
      // A size known only at run time: checked at probe sizes, which give what it decides.
      j = to_json(integer(kProbeSize, value.offset ? value.offset : offset), offset);
      layer->probed.push_back(key);
      note(value.offset ? value.offset : offset,
           fmt::format("the value of '{}' depends on {}; the sizes it decides are unknown", key,
                       value.text));
    }
    if (value.kind == Kind::kLayer && value.layer && !value.layer->probed.empty())
      layer->probed.insert(layer->probed.end(), value.layer->probed.begin(),
                           value.layer->probed.end());  // a wrapper of a probed layer
    if (j) {
      layer->config.members.push_back(json::NodeMember{key, std::move(*j)});
    } else if (!shape_free(key) && !is_shape_key) {
      layer->unfollowed = value.known()
                              ? fmt::format("the value of '{}' is {}", key, describe(value))
                              : fmt::format("the value of '{}' depends on {}", key, value.text);
    }
  }
  if (layer->name.empty()) layer->name = keras_name(class_name);
  json::Node name_value;
  name_value.kind = json::Kind::kString;
  name_value.text = layer->name;
  name_value.offset = offset;
  layer->config.members.push_back(json::NodeMember{"name", std::move(name_value)});
  // Keras 1 argument names and layers, in Keras 2's terms (layers/legacy.h).
  legacy::modernize(layer->class_name, layer->config);

  // The input shape it declares, batch axis first, as Keras builds it from these keywords.
  auto get = [&](std::string_view key) -> const Value* {
    auto it = declared.find(key);
    return it == declared.end() ? nullptr : &it->second;
  };
  const Value* batch_shape =
      get("batch_input_shape") ? get("batch_input_shape") : get("batch_shape");
  const Value* shape = get("input_shape") ? get("input_shape") : get("shape");
  const Value* batch_size = get("batch_size");
  std::optional<Dims> dims;
  bool written = batch_shape || shape || (get("input_dim")) || (get("input_length"));
  if (batch_shape) {
    dims = as_shape(*batch_shape);
  } else if (!shape && get("input_dim") && legacy::joins_input_length(class_name)) {
    // Keras' recurrent layers (and Keras 1's Conv1D): input_shape = (input_length, input_dim)
    const Value* length = get("input_length");
    auto dim = as_dim(*get("input_dim"));
    auto steps = length && length->kind != Kind::kNone ? as_dim(*length) : Dim::unknown();
    if (dim && steps) dims = Dims{Dim::unknown(), *steps, *dim};
  } else if (shape || get("input_dim") || get("input_length")) {
    const Value* v = shape ? shape : get("input_dim") ? get("input_dim") : get("input_length");
    auto inner = as_shape(*v);
    if (inner && batch_size && batch_size->kind != Kind::kNone && !as_dim(*batch_size))
      inner.reset();
    if (inner) {
      dims = Dims{batch_size && as_dim(*batch_size) ? *as_dim(*batch_size) : Dim::unknown()};
      dims->insert(dims->end(), inner->begin(), inner->end());
    }
  }
  if (written && !dims)
    note(offset, fmt::format("the input shape given to {} on {} is computed at run time, so "
                             "dimsum checks the model with the data it is fed",
                             class_name, line_of(offset)));
  layer->declared_shape = dims;
  layer->outputs_per_call = outputs_per_call(class_name, layer->config);
  Value v;
  v.kind = Kind::kLayer;
  v.layer = layer;
  v.offset = offset;
  return v;
}

Value Interpreter::make_input(Args& args, uint32_t offset) {
  Args as_layer;
  if (const Value* shape = args.get(0, "shape")) as_layer.keywords.emplace_back("shape", *shape);
  if (const Value* batch = args.get(1, "batch_size"))
    as_layer.keywords.emplace_back("batch_size", *batch);
  for (const char* key : {"batch_shape", "batch_input_shape", "name"})
    if (const Value* v = args.keyword(key)) as_layer.keywords.emplace_back(key, *v);
  if (args.keyword("tensor"))
    as_layer.keywords.emplace_back("shape", unknown("the shape of the tensor= argument", offset));
  Value layer = construct_layer("InputLayer", as_layer, offset);
  return tensor(layer.layer, 0, 0, offset);
}

Value Interpreter::input_of_sizes(const char* keyword, const Dims& sizes, uint32_t offset) {
  std::vector<Value> items;
  for (const Dim& d : sizes) items.push_back(d.known() ? integer(d.value(), offset) : none(offset));
  Args args;
  args.keywords.emplace_back(keyword, sequence(Kind::kTuple, std::move(items), offset));
  return make_input(args, offset);
}

std::shared_ptr<ModelObject> Interpreter::new_model(bool sequential, uint32_t offset,
                                                    const Args& args) {
  auto model = std::make_shared<ModelObject>();
  model->id = next_id_++;
  model->sequential = sequential;
  model->offset = offset;
  if (const Value* name = args.keyword("name"); name && name->kind == Kind::kStr)
    model->name = name->text;
  out_.models.push_back(model);
  return model;
}

Value Interpreter::make_sequential(Args& args, uint32_t offset) {
  auto model = new_model(true, offset, args);
  if (const Value* layers = args.get(0, "layers"); layers && layers->kind != Kind::kNone) {
    if (layers->is_sequence() && !layers->repeat)
      model->layers = *layers->items;
    else
      model->layers.push_back(*layers);  // one layer, or a list dimsum cannot list
  }
  for (const Value& item : model->layers)
    if (item.kind == Kind::kModel) item.model->used_as_layer = true;
  trace_sequential_layers(*model, offset);
  Value v;
  v.kind = Kind::kModel;
  v.model = model;
  v.offset = offset;
  return v;
}

Value Interpreter::make_functional(Args& args, uint32_t offset) {
  const Value* inputs = args.get(0, "inputs");
  const Value* outputs = args.get(1, "outputs");
  // Keras 1's Model(input=..., output=...) (Keras 2's legacy_model_constructor_support)
  if (!inputs) inputs = args.keyword("input");
  if (!outputs) outputs = args.keyword("output");
  if (!inputs && !outputs)  // keras.Model() itself: only a subclass's super().__init__()
    return unknown("keras.Model() without inputs and outputs", offset);
  auto model = new_model(false, offset, args);
  if (!inputs || !collect_tensors(*inputs, model->inputs, &model->input_keys))
    model->unfollowed = fmt::format("the inputs of the model built on {} are {}", line_of(offset),
                                    inputs ? describe(*inputs) : "not given");
  if (!outputs || !collect_tensors(*outputs, model->outputs))
    model->unfollowed = fmt::format("the outputs of the model built on {} are {}", line_of(offset),
                                    outputs ? describe(*outputs) : "not given");
  Value v;
  v.kind = Kind::kModel;
  v.model = model;
  v.offset = offset;
  return v;
}

Value Interpreter::call_layer(const Value& layer_value, Args& args, uint32_t offset) {
  LayerObject& layer = *layer_value.layer;
  const Value* x = args.get(0, "inputs");
  std::vector<TensorArg> inputs;
  if (x && x->kind == Kind::kData) return call_layer_on_data(layer_value, *x, offset);
  // Anything but symbolic tensors: a call on inputs dimsum cannot follow, whose output is unknown.
  if (x && !collect_tensors(*x, inputs)) {
    inputs.clear();
    if (layer.unfollowed.empty())
      layer.unfollowed = fmt::format("its input on {} is {}", line_of(offset), describe(*x));
  }
  // A recurrent layer's initial_state follows its sequence among the inputs, as Keras puts it.
  static constexpr std::string_view kRecurrent[] = {"SimpleRNN", "LSTM", "GRU"};
  bool recurrent = std::find(std::begin(kRecurrent), std::end(kRecurrent), layer.class_name) !=
                   std::end(kRecurrent);
  const Value* states = recurrent ? args.get(1, "initial_state") : nullptr;
  if (states && states->kind == Kind::kNone) states = nullptr;
  if (states && !inputs.empty() && !collect_tensors(*states, inputs)) {
    inputs.clear();  // states dimsum cannot follow: the call is not followed
    layer.unfollowed =
        fmt::format("its initial_state on {} is {}", line_of(offset), describe(*states));
  }
  Invocation call;
  call.inputs = std::move(inputs);
  call.offset = offset;
  for (size_t i = states ? 2 : 1; i < args.positional.size(); ++i)
    if (args.positional[i].kind == Kind::kTensor)
      call.others.push_back({"", static_cast<int>(i), argument_of(args.positional[i])});
  // The call's other arguments as written (return_attention_scores=True), which rules read.
  call.kwargs.kind = json::Kind::kObject;
  for (const auto& [key, value] : args.keywords) {
    if (key == "inputs" || (states && key == "initial_state")) continue;
    if (value.kind == Kind::kTensor) {
      call.others.push_back({key, -1, argument_of(value)});
    } else if (auto j = value.is_number() || value.kind == Kind::kNone || value.kind == Kind::kStr
                            ? to_json(value, offset)
                            : std::nullopt) {
      call.kwargs.members.push_back(json::NodeMember{key, std::move(*j)});
    }
  }
  // Attention layers asked for their scores give (output, scores).
  static constexpr std::string_view kAttention[] = {"MultiHeadAttention", "Attention",
                                                    "AdditiveAttention", "GroupedQueryAttention"};
  const json::Node* scores = call.kwargs.find("return_attention_scores");
  bool with_scores = scores && scores->kind == json::Kind::kBool && scores->boolean &&
                     std::find(std::begin(kAttention), std::end(kAttention), layer.class_name) !=
                         std::end(kAttention);
  int outputs = with_scores ? 2 : layer.outputs_per_call;
  layer.calls.push_back(std::move(call));
  int node = static_cast<int>(layer.calls.size()) - 1;
  if (outputs < 1)
    return unknown(fmt::format("the outputs of '{}', whose number dimsum cannot tell", layer.name),
                   offset);
  if (outputs == 1) return tensor(layer_value.layer, node, 0, offset);
  std::vector<Value> tensors;
  for (int i = 0; i < outputs; ++i) tensors.push_back(tensor(layer_value.layer, node, i, offset));
  return sequence(with_scores ? Kind::kTuple : Kind::kList, std::move(tensors), offset);
}

// A layer applied eagerly to an array (self.pos_emb(tf.range(n)) inside a call()): data of the
// shape the layer gives an input of the array's shape, its first axis taken as the batch.
Value Interpreter::call_layer_on_data(const Value& layer_value, const Value& x, uint32_t offset) {
  if (!x.shape || x.shape->empty() || layer_value.layer->class_name == "InputLayer")
    return data(std::nullopt, offset);
  // Not numbered among the layers the code makes: an eager call makes nothing a model holds (a
  // loop of them is idle, IdleLoop).
  Args args;
  args.positional.push_back(input_tensor(x.shape, x.offset));
  Value out = call_layer(layer_value, args, offset);
  if (out.kind != Kind::kTensor) return data(std::nullopt, offset);
  std::optional<int64_t> params;
  std::optional<Dims> shape = tensor_shape(out, &params);
  // Its weights belong to the custom layer whose call() applies it (counted at its first call).
  if (!tracing_layers_.empty() && layer_value.layer->calls.size() == 1) {
    LayerObject& owner = *tracing_layers_.back();
    owner.own_params = sum({owner.own_params, params});
  }
  return data(shape, offset);
}

Value Interpreter::call_model(const Value& model_value, Args& args, uint32_t offset) {
  ModelObject& model = *model_value.model;
  const Value* x = args.get(0, "inputs");
  if (!x) x = args.keyword("x");
  if (x && is_tensor_list(*x)) {  // a model used as a layer of another
    model.used_as_layer = true;
    if (!model.as_layer) {
      model.as_layer = std::make_shared<LayerObject>();
      model.as_layer->id = next_id_++;
      model.as_layer->class_name = model.sequential ? "Sequential" : "Functional";
      model.as_layer->name = model.name;
      model.as_layer->offset = model.offset;
      model.as_layer->submodel = model_value.model;
      model.as_layer->config.kind = json::Kind::kObject;
      if (!model.trainable) set_trainable_flag(model.as_layer->config, false);
      // A functional model with several outputs gives a list of them, which code indexes.
      if (!model.sequential && model.outputs.size() > 1)
        model.as_layer->outputs_per_call = static_cast<int>(model.outputs.size());
    }
    Value layer;
    layer.kind = Kind::kLayer;
    layer.layer = model.as_layer;
    return call_layer(layer, args, offset);
  }
  if (x) feed(model_value, *x, offset, "call", std::nullopt);
  return data(std::nullopt, offset);
}

namespace {

// Whether two values fed at one call give the model data of the same shapes: a call in a loop
// feeds new arrays of the same shape at every iteration, and is checked once.
bool same_shapes(const Value& a, const Value& b, int depth) {
  if (a.kind != b.kind || depth > kMaxNesting) return false;
  switch (a.kind) {
    case Kind::kData:
    case Kind::kDataset: return a.shape == b.shape && a.batch == b.batch && a.samples == b.samples;
    case Kind::kUnknown: return a.text == b.text;
    case Kind::kTuple:
    case Kind::kList:
    case Kind::kDict: {
      if (a.length() != b.length() || a.repeat != b.repeat || !a.items != !b.items ||
          !a.keys != !b.keys || (a.keys && *a.keys != *b.keys))
        return false;
      for (size_t i = 0; a.items && i < a.items->size(); ++i)
        if (!same_shapes((*a.items)[i], (*b.items)[i], depth + 1)) return false;
      return true;
    }
    default: {
      auto same = equal(a, b);
      return same && *same;
    }
  }
}

}  // namespace

void Interpreter::feed(const Value& model, const Value& x, uint32_t offset, std::string method,
                       std::optional<int64_t> batch_size, const Value* labels,
                       const Value* weights) {
  if (feed_pipeline(model, x, offset, method)) return;
  Value y = labels && labels->kind != Kind::kNone ? *labels : none(offset);
  Value w = weights && weights->kind != Kind::kNone ? *weights : none(offset);
  for (FeedRecord& f : out_.feeds)
    if (f.model == model.model && f.offset == offset && f.method == method &&
        f.batch_size == batch_size && same_shapes(f.data, x, 0) && same_shapes(f.labels, y, 0) &&
        same_shapes(f.weights, w, 0)) {
      ++f.times;
      return;
    }
  out_.feeds.push_back(FeedRecord{model.model, x, offset, std::move(method), batch_size, 1,
                                  std::move(y), std::move(w)});
}

namespace {

// The name Keras knows a loss or metric by, as compile() is given it: a string, a function of
// `module` (keras.losses.categorical_crossentropy), or an object of one of its classes, kept as
// its path with "()" (keras.losses.CategoricalCrossentropy(...)); nullopt for anything else.
std::optional<std::string> keras_name_in(const Value& v, std::string_view module) {
  if (v.kind == Kind::kStr) return v.text;
  if (v.kind != Kind::kModule || !starts_with_module(v.text, module)) return std::nullopt;
  std::string_view path = v.text;
  if (path.ends_with("()")) path.remove_suffix(2);
  return std::string(last_part(path));
}

}  // namespace

LossChoice Interpreter::loss_choice(const Value& loss, uint32_t offset) {
  LossChoice choice;
  if (auto name = keras_name_in(loss, "keras.losses")) {
    choice.name = std::move(*name);
    choice.from_logits = loss.kind == Kind::kModule && loss.boolean;  // an object's from_logits
    return choice;
  }
  if (loss.kind == Kind::kFunction && loss.function)
    choice.custom = fmt::format("the custom loss '{}'", loss.function->name);
  else
    choice.custom = fmt::format("a loss dimsum cannot follow ({}, {})", describe(loss),
                                line_of(loss.offset ? loss.offset : offset));
  return choice;
}

// compile(optimizer, loss, metrics, loss_weights, ...): the loss and metrics of each output, as
// the code names them.
void Interpreter::compile(ModelObject& model, Args& args, uint32_t offset) {
  model.losses.clear();
  model.loss_order.clear();
  model.metrics.clear();
  model.metric_order.clear();
  if (const Value* loss = args.get(1, "loss"); loss && loss->kind != Kind::kNone) {
    if (loss->kind == Kind::kDict) {
      for (size_t i = 0; i < loss->keys->size(); ++i) {
        LossChoice choice = loss_choice((*loss->items)[i], offset);
        choice.output = (*loss->keys)[i];
        model.losses.push_back(std::move(choice));
        model.loss_order.push_back(-1);
      }
    } else if (loss->is_sequence() && !loss->repeat) {
      for (int64_t i = 0; i < loss->length(); ++i) {
        model.losses.push_back(loss_choice(loss->item(i), offset));
        model.loss_order.push_back(static_cast<int>(i));
      }
    } else {
      model.losses.push_back(loss_choice(*loss, offset));
      model.loss_order.push_back(-1);
    }
  }
  auto add_metric = [&](const Value& m, std::string output, int order) {
    MetricChoice choice;
    choice.output = std::move(output);
    auto name = keras_name_in(m, "keras.metrics");
    if (!name) return;  // a custom metric: it has no shape rule to check
    choice.name = std::move(*name);
    model.metrics.push_back(std::move(choice));
    model.metric_order.push_back(order);
  };
  if (const Value* metrics = args.get(2, "metrics"); metrics && metrics->kind != Kind::kNone) {
    if (metrics->kind == Kind::kDict) {
      for (size_t i = 0; i < metrics->keys->size(); ++i) {
        const Value& per = (*metrics->items)[i];
        if (per.is_sequence() && !per.repeat)
          for (int64_t j = 0; j < per.length(); ++j)
            add_metric(per.item(j), (*metrics->keys)[i], -1);
        else
          add_metric(per, (*metrics->keys)[i], -1);
      }
    } else if (metrics->is_sequence() && !metrics->repeat) {
      for (int64_t i = 0; i < metrics->length(); ++i) {
        const Value& m = metrics->item(i);
        if (m.is_sequence() && !m.repeat)  // a list per output
          for (int64_t j = 0; j < m.length(); ++j) add_metric(m.item(j), "", static_cast<int>(i));
        else
          add_metric(m, "", -1);
      }
    } else {
      add_metric(*metrics, "", -1);
    }
  }
}

namespace {

// The name a layer of a model's layers goes by: a layer's, or a model's used as a layer.
std::string layer_name(const Value& item) {
  if (item.kind == Kind::kLayer || (item.kind == Kind::kTensor && item.layer))
    return item.layer->name;
  if (item.kind == Kind::kModel) return item.model->name;
  return "";
}

}  // namespace

Value Interpreter::model_method(const Value& model_value, const std::string& method, Args& args,
                                uint32_t offset) {
  ModelObject& model = *model_value.model;
  if (method == "add") {
    const Value* item = args.get(0, "layer");
    if (!item) return none(offset);
    Value added = *item;
    if (uncertain_ > 0 && added.kind == Kind::kLayer && added.layer->unfollowed.empty())
      added.layer->unfollowed = fmt::format(
          "it is added by code that may run any number of "
          "times: {}",
          uncertain_why_);
    if (uncertain_ > 0 && added.kind != Kind::kLayer)
      added = unknown(fmt::format("a layer added under {}", uncertain_why_), offset);
    if (added.kind == Kind::kModel) added.model->used_as_layer = true;
    model.layers.push_back(std::move(added));
    trace_sequential_layers(model, offset);
    return none(offset);
  }
  if (method == "pop") {
    if (!model.layers.empty()) model.layers.pop_back();
    return none(offset);
  }
  if (method == "__call__" || method == "call") return call_model(model_value, args, offset);
  static const std::map<std::string_view, size_t> kBatchPosition = {{"fit", 2},
                                                                    {"evaluate", 2},
                                                                    {"predict", 1},
                                                                    {"train_on_batch", 99},
                                                                    {"test_on_batch", 99},
                                                                    {"predict_on_batch", 99}};
  if (method == "compile") {
    compile(model, args, offset);
    return none(offset);
  }
  if (auto it = kBatchPosition.find(method); it != kBatchPosition.end()) {
    const Value* x = args.get(0, "x");
    std::optional<int64_t> batch;
    if (it->second != 99) {  // fit, evaluate, predict cut the data in batches of 32 by default
      const Value* b = args.get(it->second, "batch_size");
      if (!b || b->kind == Kind::kNone)
        batch = 32;
      else if (b->kind == Kind::kInt && b->integer > 0)
        batch = b->integer;
    }
    // The labels: fit(x, y), evaluate(x, y), train_on_batch(x, y); and the sample weights,
    // fit's 11th parameter, evaluate's 5th, train_on_batch's 3rd.
    bool trains = method != "predict" && method != "predict_on_batch";
    const Value* y = trains ? args.get(1, "y") : nullptr;
    static const std::map<std::string_view, size_t> kWeightPosition = {
        {"fit", 10}, {"evaluate", 4}, {"train_on_batch", 2}, {"test_on_batch", 2}};
    const Value* w = trains ? args.get(kWeightPosition.at(method), "sample_weight") : nullptr;
    if (x) feed(model_value, *x, offset, method, batch, y, w);
    const Value* validation = method == "fit" ? args.get(7, "validation_data") : nullptr;
    if (validation && is_pipeline(*validation))
      feed(model_value, *validation, validation->offset, "fit(validation_data=...)", batch);
    else if (validation && validation->is_sequence() && validation->length() > 0 &&
             !validation->repeat)
      feed(model_value, validation->item(0), validation->offset, "fit(validation_data=...)", batch,
           validation->length() > 1 ? &validation->item(1) : nullptr,
           validation->length() > 2 ? &validation->item(2) : nullptr);
    return unknown(fmt::format("the result of {}()", method), offset);
  }
  if (method == "build") {
    const Value* shape = args.get(0, "input_shape");
    if (shape) {
      auto dims = as_shape(*shape);
      feed(model_value, data(dims, shape->offset), offset, "build", std::nullopt);
    }
    return none(offset);
  }
  if (method == "get_layer") {
    const Value* name = args.get(0, "name");
    const Value* index = args.get(1, "index");
    std::optional<std::vector<Value>> layers = model_layers(model, offset);
    if (layers && name && name->kind == Kind::kStr) {
      for (const Value& item : *layers)
        if (layer_name(item) == name->text) return item;
      return unknown(fmt::format("model.get_layer(\"{}\"), a layer '{}' does not have", name->text,
                                 model.name),
                     offset);
    }
    if (layers && index && index->kind == Kind::kInt) {  // get_layer(index=i), from 0
      if (index->integer >= 0 && static_cast<size_t>(index->integer) < layers->size())
        return (*layers)[static_cast<size_t>(index->integer)];
    }
    return unknown("model.get_layer(...)", offset);
  }
  return unknown(fmt::format("the result of model.{}()", method), offset);
}

Value Interpreter::model_attribute(const Value& model_value, const std::string& name,
                                   uint32_t offset) {
  ModelObject& model = *model_value.model;
  if (name == "layers") {
    if (auto layers = model_layers(model, offset))
      return sequence(Kind::kList, std::move(*layers), offset);
    return unknown(
        fmt::format("the layers of '{}', built in a way dimsum cannot follow", model.name), offset);
  }
  if (name == "name") return string(model.name, offset);
  if (name == "trainable") return boolean(model.trainable, offset);
  auto tensors = [&](const std::vector<TensorArg>& list, bool single) {
    std::vector<Value> out;
    for (const TensorArg& t : list) out.push_back(tensor(t.layer, t.node, t.tensor, offset));
    if (single && out.size() == 1) return out[0];
    return sequence(Kind::kList, std::move(out), offset);
  };
  bool graph = model.sequential ? connect_sequential(model, offset) : model.unfollowed.empty();
  if (graph) {
    if (name == "input" || name == "inputs") return tensors(model.inputs, name == "input");
    if (name == "output" || name == "outputs") return tensors(model.outputs, name == "output");
  }
  return unknown(fmt::format("model.{}", name), offset);
}

std::optional<std::vector<Value>> Interpreter::model_layers(const ModelObject& model,
                                                            uint32_t offset) const {
  if (model.sequential) {  // Keras lists a Sequential's layers without its Input
    std::vector<Value> layers;
    for (const Value& item : model.layers)
      if (!((item.kind == Kind::kTensor || item.kind == Kind::kLayer) &&
            item.layer->class_name == "InputLayer"))
        layers.push_back(item);
    return layers;
  }
  if (!model.unfollowed.empty()) return std::nullopt;
  // The layers the outputs are computed from, back to the inputs, in the order the code makes
  // them: for a graph built call by call, the order Keras lists them in (inputs first).
  std::vector<TensorArg> ends(model.outputs.begin(), model.outputs.end());
  ends.insert(ends.end(), model.inputs.begin(), model.inputs.end());
  std::vector<std::shared_ptr<LayerObject>> found = layers_behind(ends);
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a->id < b->id; });
  std::vector<Value> out;
  for (const auto& layer : found) {
    Value v;
    v.offset = offset;
    if (layer->submodel && layer->submodel->as_layer == layer) {  // a model used as a layer
      v.kind = Kind::kModel;
      v.model = layer->submodel;
    } else {
      v.kind = Kind::kLayer;
      v.layer = layer;
    }
    out.push_back(std::move(v));
  }
  return out;
}

bool Interpreter::connect_sequential(ModelObject& model, uint32_t offset) {
  if (!model.inputs.empty()) return !model.outputs.empty();
  if (model.layers.empty() || uncertain_ > 0) return false;
  const Value& head = model.layers[0];
  Value x;
  size_t first = 0;
  if ((head.kind == Kind::kTensor || head.kind == Kind::kLayer) &&
      head.layer->class_name == "InputLayer") {
    x = tensor(head.layer, 0, 0, offset);
    first = 1;
  } else if (auto shape = declared_input(head)) {
    x = input_of_sizes("batch_shape", *shape, offset);
  } else {
    return false;  // built by its first data, which dimsum has not seen here
  }
  model.inputs.push_back(argument_of(x));
  for (size_t i = first; i < model.layers.size() && x.kind == Kind::kTensor; ++i) {
    Args call_args;
    call_args.positional.push_back(x);
    x = call(model.layers[i], call_args, offset);
  }
  if (x.kind == Kind::kTensor) model.outputs.push_back(argument_of(x));
  return !model.outputs.empty();
}

void Interpreter::set_trainable(const Value& object, bool trainable, int depth) {
  if (depth > kMaxNesting) return;
  if (object.kind == Kind::kLayer) {
    set_trainable_flag(object.layer->config, trainable);
    return;
  }
  if (object.kind != Kind::kModel) return;
  // Keras sets the flag of every layer inside too: a model made trainable again trains all of
  // them, whatever they were set to before.
  ModelObject& model = *object.model;
  model.trainable = trainable;
  if (model.as_layer) set_trainable_flag(model.as_layer->config, trainable);
  if (auto layers = model_layers(model, object.offset))
    for (const Value& item : *layers) set_trainable(item, trainable, depth + 1);
}

Value Interpreter::layer_attribute(const Value& layer_value, const std::string& name,
                                   uint32_t offset) {
  const LayerObject& layer = *layer_value.layer;
  if (name == "name") return string(layer.name, offset);
  if (name == "output" && layer.class_name == "InputLayer")
    return tensor(layer_value.layer, 0, 0, offset);
  if (name == "output" && layer.calls.size() == 1 && layer.outputs_per_call == 1)
    return tensor(layer_value.layer, 0, 0, offset);
  if (name == "input" && layer.calls.size() == 1 && layer.calls[0].inputs.size() == 1 &&
      layer.calls[0].others.empty()) {
    const TensorArg& in = layer.calls[0].inputs[0];
    return tensor(in.layer, in.node, in.tensor, offset);
  }
  if (name == "trainable") {
    const json::Node* flag = layer.config.find("trainable");
    return boolean(!flag || flag->kind != json::Kind::kBool || flag->boolean, offset);
  }
  return unknown(fmt::format("layer.{}", name), offset);
}

}  // namespace dimsum::python
