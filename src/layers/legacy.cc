#include "layers/legacy.h"

#include <algorithm>
#include <map>
#include <optional>

namespace dimsum::legacy {

namespace {

struct Rename {
  std::string_view from;
  std::string_view to;
};

// What Keras 2 does with one family of layers written the Keras 1 way (interfaces.py's
// generate_legacy_interface calls and their preprocessors).
struct Family {
  std::vector<Rename> renames;
  std::vector<std::string_view> dropped;       // arguments Keras 2 drops (no effect on shapes)
  std::vector<std::string_view> kernel_parts;  // joined, in order, into kernel_size
  bool dim_ordering = false;        // dim_ordering -> data_format ("th", "tf", "default")
  bool joins_input_length = false;  // input_length + input_dim -> input_shape
  bool input_dim_is_shape = false;  // Dense: input_dim -> input_shape (input_dim,)
  bool padding_dict = false;        // ZeroPadding2D's {"top_pad": ...} padding
  // output_mode spellings of the first preprocessing layers (tf.keras 2.3-2.5), which later
  // versions still accept: "binary" is "multi_hot", "tf-idf" is "tf_idf".
  std::vector<Rename> output_modes;
  // Names tf.keras 2 renamed after Keras 1, which later versions still accept.
  std::vector<Rename> keras2_renames;
};

// The names every Keras 1 layer with a kernel and a bias used.
const std::vector<Rename> kKernelNames = {
    {"init", "kernel_initializer"},        {"W_regularizer", "kernel_regularizer"},
    {"b_regularizer", "bias_regularizer"}, {"W_constraint", "kernel_constraint"},
    {"b_constraint", "bias_constraint"},   {"bias", "use_bias"}};

const std::vector<Rename> kRecurrentNames = {{"output_dim", "units"},
                                             {"init", "kernel_initializer"},
                                             {"inner_init", "recurrent_initializer"},
                                             {"inner_activation", "recurrent_activation"},
                                             {"W_regularizer", "kernel_regularizer"},
                                             {"b_regularizer", "bias_regularizer"},
                                             {"U_regularizer", "recurrent_regularizer"},
                                             {"dropout_W", "dropout"},
                                             {"dropout_U", "recurrent_dropout"},
                                             {"consume_less", "implementation"}};

std::vector<Rename> joined(std::vector<Rename> a, const std::vector<Rename>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

Family conv_family(std::vector<Rename> first, std::vector<std::string_view> kernel_parts) {
  Family f;
  f.renames = joined(std::move(first), {{"nb_filter", "filters"}, {"border_mode", "padding"}});
  f.renames = joined(f.renames, kKernelNames);
  f.kernel_parts = std::move(kernel_parts);
  return f;
}

// Class name -> its family, for the Keras 1 names and the Keras 2 names they became.
const std::map<std::string, Family, std::less<>>& families() {
  static const std::map<std::string, Family, std::less<>> table = [] {
    std::map<std::string, Family, std::less<>> t;
    Family dense;
    dense.renames = joined({{"output_dim", "units"}}, kKernelNames);
    dense.input_dim_is_shape = true;
    t["Dense"] = dense;
    Family dropout;
    dropout.renames = {{"p", "rate"}};
    for (const char* c : {"Dropout", "GaussianDropout", "SpatialDropout1D"}) t[c] = dropout;
    dropout.dim_ordering = true;
    for (const char* c : {"SpatialDropout2D", "SpatialDropout3D"}) t[c] = dropout;
    Family embedding;
    embedding.renames = {{"init", "embeddings_initializer"},
                         {"W_regularizer", "embeddings_regularizer"},
                         {"W_constraint", "embeddings_constraint"}};
    embedding.dropped = {"dropout"};
    t["Embedding"] = embedding;
    Family pool1d;
    pool1d.renames = {
        {"pool_length", "pool_size"}, {"stride", "strides"}, {"border_mode", "padding"}};
    for (const char* c : {"MaxPooling1D", "AveragePooling1D", "MaxPool1D", "AvgPool1D"})
      t[c] = pool1d;
    Family pool;
    pool.renames = {{"border_mode", "padding"}};
    pool.dim_ordering = true;
    for (const char* c : {"MaxPooling2D", "AveragePooling2D", "MaxPool2D", "AvgPool2D",
                          "MaxPooling3D", "AveragePooling3D", "MaxPool3D", "AvgPool3D"})
      t[c] = pool;
    Family data_format;
    data_format.dim_ordering = true;
    for (const char* c :
         {"GlobalMaxPooling1D", "GlobalAveragePooling1D", "GlobalMaxPooling2D",
          "GlobalAveragePooling2D", "GlobalMaxPooling3D", "GlobalAveragePooling3D",
          "GlobalMaxPool2D", "GlobalAvgPool2D", "GlobalMaxPool3D", "GlobalAvgPool3D",
          "UpSampling2D", "UpSampling3D", "ZeroPadding3D", "Cropping2D", "Cropping3D"})
      t[c] = data_format;
    data_format.padding_dict = true;
    t["ZeroPadding2D"] = data_format;
    t["UpSampling1D"].renames = {{"length", "size"}};
    t["PReLU"].renames = {{"init", "alpha_initializer"}};
    t["GaussianNoise"].renames = {{"sigma", "stddev"}};
    Family recurrent;
    recurrent.renames = kRecurrentNames;
    recurrent.dropped = {"forget_bias_init"};
    recurrent.joins_input_length = true;
    for (const char* c : {"LSTM", "GRU", "SimpleRNN"}) t[c] = recurrent;
    Family conv1d = conv_family({{"filter_length", "kernel_size"},
                                 {"subsample_length", "strides"},
                                 {"atrous_rate", "dilation_rate"}},
                                {});
    conv1d.joins_input_length = true;
    for (const char* c : {"Conv1D", "Convolution1D", "AtrousConvolution1D", "LocallyConnected1D"})
      t[c] = conv1d;
    Family conv2d = conv_family({{"subsample", "strides"}, {"atrous_rate", "dilation_rate"}},
                                {"nb_row", "nb_col"});
    conv2d.dim_ordering = true;
    for (const char* c : {"Conv2D", "Convolution2D", "AtrousConvolution2D", "LocallyConnected2D",
                          "SeparableConv2D", "SeparableConvolution2D"})
      t[c] = conv2d;
    Family deconv2d = conv2d;
    deconv2d.dropped = {"output_shape"};  // Keras 2 computes it (deconv2d_args_preprocessor)
    for (const char* c : {"Conv2DTranspose", "Deconvolution2D", "Convolution2DTranspose"})
      t[c] = deconv2d;
    Family convlstm = conv2d;
    convlstm.renames = joined(convlstm.renames, kRecurrentNames);
    convlstm.dropped = {"forget_bias_init"};
    t["ConvLSTM2D"] = convlstm;
    Family conv3d =
        conv_family({{"subsample", "strides"}}, {"kernel_dim1", "kernel_dim2", "kernel_dim3"});
    conv3d.dim_ordering = true;
    for (const char* c : {"Conv3D", "Convolution3D"}) t[c] = conv3d;
    Family batchnorm;
    batchnorm.renames = {{"beta_init", "beta_initializer"}, {"gamma_init", "gamma_initializer"}};
    batchnorm.dropped = {"mode"};  // mode 0, the only one Keras 2 loads, is Keras 2's behaviour
    t["BatchNormalization"] = batchnorm;
    t["InputLayer"].renames = {{"input_dtype", "dtype"}};
    Family time_distributed_dense = dense;  // TimeDistributed(Dense(...)) (Keras 1 only)
    time_distributed_dense.input_dim_is_shape = false;
    time_distributed_dense.joins_input_length = true;
    t["TimeDistributedDense"] = time_distributed_dense;
    t["Merge"];  // by mode: modernize_merge
    t["CategoryEncoding"].output_modes = {{"binary", "multi_hot"}};
    t["CategoryEncoding"].keras2_renames = {{"max_tokens", "num_tokens"}};  // tf.keras 2.4
    for (const char* c : {"StringLookup", "IntegerLookup", "TextVectorization"})
      t[c].output_modes = {{"binary", "multi_hot"}, {"tf-idf", "tf_idf"}};
    return t;
  }();
  return table;
}

// Keras 1 layers that Keras 2 renamed to a class dimsum has a rule for.
std::optional<std::string_view> renamed_class(std::string_view class_name) {
  if (class_name == "AtrousConvolution1D") return "Conv1D";
  if (class_name == "AtrousConvolution2D") return "Conv2D";
  return std::nullopt;
}

const Family* family_of(std::string_view class_name) {
  auto it = families().find(class_name);
  return it == families().end() ? nullptr : &it->second;
}

bool has_old_key(const Family& f, std::string_view key) {
  for (const Rename& r : f.renames)
    if (r.from == key) return true;
  if (std::find(f.dropped.begin(), f.dropped.end(), key) != f.dropped.end()) return true;
  if (std::find(f.kernel_parts.begin(), f.kernel_parts.end(), key) != f.kernel_parts.end())
    return true;
  if (f.dim_ordering && key == "dim_ordering") return true;
  if (f.joins_input_length && (key == "input_dim" || key == "input_length")) return true;
  for (const Rename& r : f.keras2_renames)
    if (r.from == key) return true;
  return f.input_dim_is_shape && key == "input_dim";
}

json::Node string_node(std::string_view text, uint32_t offset) {
  json::Node n;
  n.kind = json::Kind::kString;
  n.text = std::string(text);
  n.offset = offset;
  return n;
}

json::Node number_node(int64_t value, uint32_t offset) {
  json::Node n;
  n.kind = json::Kind::kNumber;
  n.text = std::to_string(value);
  n.offset = offset;
  return n;
}

json::Node array_node(std::vector<json::Node> items, uint32_t offset) {
  json::Node n;
  n.kind = json::Kind::kArray;
  n.items = std::move(items);
  n.offset = offset;
  return n;
}

json::Node* member(json::Node& object, std::string_view key) {
  for (json::NodeMember& m : object.members)
    if (m.key == key) return &m.value;
  return nullptr;
}

void erase(json::Node& object, std::string_view key) {
  std::erase_if(object.members, [&](const json::NodeMember& m) { return m.key == key; });
}

// Renames `from` to `to` in place; when the config has both, the Keras 2 name is kept (Keras 2
// refuses such a call; a config that has both was written by a converter).
bool rename(json::Node& config, std::string_view from, std::string_view to) {
  json::Node* old = member(config, from);
  if (!old) return false;
  if (member(config, to)) {
    erase(config, from);
    return true;
  }
  for (json::NodeMember& m : config.members)
    if (m.key == from) m.key = std::string(to);
  return true;
}

// Replaces the members `parts` (all present) by one list under `key`, where the first was.
bool join(json::Node& config, const std::vector<std::string_view>& parts, std::string_view key) {
  if (parts.empty()) return false;
  for (std::string_view p : parts)
    if (!member(config, p)) return false;
  std::vector<json::Node> items;
  for (std::string_view p : parts) items.push_back(*member(config, p));
  json::Node list = array_node(std::move(items), member(config, parts[0])->offset);
  for (json::NodeMember& m : config.members)
    if (m.key == parts[0]) {
      m.key = std::string(key);
      m.value = std::move(list);
      break;
    }
  for (size_t i = 1; i < parts.size(); ++i) erase(config, parts[i]);
  return true;
}

// Keras 1 dim_ordering: "th" is channels_first, "tf" channels_last, "default" the keras.json
// setting, whose default (Keras 1.2.2's and Keras 2's) is channels_last.
bool convert_dim_ordering(json::Node& config) {
  json::Node* v = member(config, "dim_ordering");
  if (!v) return false;
  if (v->is_string() && v->text == "default") {
    erase(config, "dim_ordering");
    return true;
  }
  if (v->is_string() && v->text == "th") v->text = "channels_first";
  if (v->is_string() && v->text == "tf") v->text = "channels_last";
  rename(config, "dim_ordering", "data_format");
  return true;
}

// input_length + input_dim -> input_shape (input_length, input_dim), as Keras 2's recurrent and
// Conv1D preprocessors do when input_dim is given.
bool join_input_length(json::Node& config) {
  json::Node* dim = member(config, "input_dim");
  if (!dim) return false;
  json::Node* length = member(config, "input_length");
  json::Node null_length;
  null_length.offset = dim->offset;
  json::Node shape = array_node({length ? *length : null_length, *dim}, dim->offset);
  erase(config, "input_length");
  if (!member(config, "input_shape")) config.members.push_back({"input_shape", std::move(shape)});
  erase(config, "input_dim");
  return true;
}

// ZeroPadding2D(padding={"top_pad": t, "bottom_pad": b, "left_pad": l, "right_pad": r}).
bool convert_padding_dict(json::Node& config) {
  json::Node* padding = member(config, "padding");
  if (!padding || !padding->is_object()) return false;
  auto side = [&](std::string_view key) {
    json::Node* v = member(*padding, key);
    return v ? *v : number_node(0, padding->offset);
  };
  json::Node rows = array_node({side("top_pad"), side("bottom_pad")}, padding->offset);
  json::Node cols = array_node({side("left_pad"), side("right_pad")}, padding->offset);
  *padding = array_node({std::move(rows), std::move(cols)}, padding->offset);
  return true;
}

bool convert_output_mode(const Family& f, json::Node& config) {
  json::Node* mode = member(config, "output_mode");
  if (!mode || !mode->is_string()) return false;
  for (const Rename& r : f.output_modes)
    if (mode->text == r.from) {
      mode->text = std::string(r.to);
      return true;
    }
  return false;
}

// Keras 1's Merge by mode: sum, mul, ave and max are Keras 2's Add, Multiply, Average and
// Maximum; concat (concat_axis) is Concatenate(axis); dot (dot_axes) is Dot(axes); cos is the dot
// product of the normalised inputs, whose shape is dot's (Keras 1.2.2's get_output_shape_for
// treats both alike): Dot(axes, normalize=True). A mode that is a Python function stays a Merge,
// a layer dimsum has no rule for.
bool modernize_merge(std::string& class_name, json::Node& config) {
  static const std::map<std::string_view, std::string_view> kModes = {
      {"sum", "Add"},     {"mul", "Multiply"},       {"ave", "Average"},
      {"max", "Maximum"}, {"concat", "Concatenate"}, {"dot", "Dot"},
      {"cos", "Dot"}};
  json::Node* mode = member(config, "mode");
  std::string m = !mode ? "sum" : mode->is_string() ? mode->text : "";
  auto it = kModes.find(m);
  if (it == kModes.end()) return false;
  if (mode && mode->offset) config.offset = mode->offset;
  if (m == "concat") rename(config, "concat_axis", "axis");
  if (m == "dot" || m == "cos") rename(config, "dot_axes", "axes");
  if (m == "cos") {
    json::Node normalize;
    normalize.kind = json::Kind::kBool;
    normalize.boolean = true;
    config.members.push_back({"normalize", std::move(normalize)});
  }
  for (std::string_view key : {"mode", "mode_type", "concat_axis", "dot_axes", "output_shape",
                               "output_shape_type", "output_mask", "output_mask_type", "arguments"})
    erase(config, key);
  class_name = std::string(it->second);
  return true;
}

// TimeDistributedDense(output_dim, ...) is TimeDistributed(Dense(output_dim, ...)): the Dense
// arguments go to the inner layer, the input shape and the name stay on the wrapper.
void wrap_time_distributed_dense(std::string& class_name, json::Node& config) {
  json::Node inner_config;
  inner_config.kind = json::Kind::kObject;
  inner_config.offset = config.offset;
  json::Node outer;
  outer.kind = json::Kind::kObject;
  outer.offset = config.offset;
  for (json::NodeMember& m : config.members) {
    bool outer_only = m.key == "input_shape" || m.key == "batch_input_shape" ||
                      m.key == "batch_size" || m.key == "trainable";
    if (m.key == "name" || m.key == "trainable") inner_config.members.push_back(m);
    (outer_only || m.key == "name" ? outer : inner_config).members.push_back(std::move(m));
  }
  json::Node layer;
  layer.kind = json::Kind::kObject;
  layer.offset = config.offset;
  layer.members.push_back({"class_name", string_node("Dense", config.offset)});
  layer.members.push_back({"config", std::move(inner_config)});
  outer.members.push_back({"layer", std::move(layer)});
  config = std::move(outer);
  class_name = "TimeDistributed";
}

}  // namespace

namespace {

// A wrapper's layer (Bidirectional(LSTM(output_dim=...)), TimeDistributed(...)): its class and
// config, when it is written as one.
const json::Value* wrapped_class(const json::Value* config) {
  const json::Value* layer = config && config->is_object() ? config->find("layer") : nullptr;
  if (!layer || !layer->is_object()) return nullptr;
  const json::Value* class_name = layer->find("class_name");
  return class_name && class_name->is_string() ? class_name : nullptr;
}

}  // namespace

bool needs_rewrite(std::string_view class_name, const json::Value* config,
                   std::string_view file_ordering) {
  if (const json::Value* inner = wrapped_class(config))
    if (needs_rewrite(inner->text(), config->find("layer")->find("config"), file_ordering))
      return true;
  const Family* f = family_of(class_name);
  if (!f) return false;
  if (class_name == "Merge" || class_name == "TimeDistributedDense" || renamed_class(class_name))
    return true;
  if (!config || !config->is_object()) return false;
  if (f->dim_ordering && file_ordering == "th" && !config->find("dim_ordering") &&
      !config->find("data_format"))
    return true;
  for (const json::Member& m : config->members()) {
    if (has_old_key(*f, m.key())) return true;
    if (!f->output_modes.empty() && m.key() == "output_mode" && m.value.is_string())
      for (const Rename& r : f->output_modes)
        if (m.value.text() == r.from) return true;
    if (f->padding_dict && m.key() == "padding" && m.value.is_object()) return true;
  }
  return false;
}

namespace {

Rewrite modernize_wrapped(json::Node& config, std::string_view file_ordering) {
  json::Node* layer = member(config, "layer");
  json::Node* inner_class = layer && layer->is_object() ? member(*layer, "class_name") : nullptr;
  json::Node* inner_config = layer && layer->is_object() ? member(*layer, "config") : nullptr;
  if (!inner_class || !inner_class->is_string() || !inner_config || !inner_config->is_object())
    return {};
  return modernize(inner_class->text, *inner_config, file_ordering);
}

}  // namespace

Rewrite modernize(std::string& class_name, json::Node& config, std::string_view file_ordering) {
  Rewrite out = modernize_wrapped(config, file_ordering);
  const Family* f = family_of(class_name);
  if (!f || !config.is_object()) return out;
  bool keras1 = false;
  if (f->dim_ordering && file_ordering == "th" && !member(config, "dim_ordering") &&
      !member(config, "data_format")) {
    config.members.push_back({"dim_ordering", string_node("th", config.offset)});
  }
  for (const Rename& r : f->renames) keras1 = rename(config, r.from, r.to) || keras1;
  for (std::string_view key : f->dropped)
    if (member(config, key)) {
      erase(config, key);
      keras1 = true;
    }
  keras1 = join(config, f->kernel_parts, "kernel_size") || keras1;
  if (f->dim_ordering) keras1 = convert_dim_ordering(config) || keras1;
  if (f->joins_input_length) keras1 = join_input_length(config) || keras1;
  if (f->input_dim_is_shape && member(config, "input_dim")) {
    json::Node* dim = member(config, "input_dim");
    if (!member(config, "input_shape"))
      config.members.push_back({"input_shape", array_node({*dim}, dim->offset)});
    erase(config, "input_dim");
  }
  if (f->padding_dict) keras1 = convert_padding_dict(config) || keras1;
  if (json::Node* mode = member(config, "implementation"); mode && mode->is_string()) {
    // consume_less: "cpu", "mem", "gpu" are implementation 0, 1, 2 (no effect on shapes)
    int64_t n = mode->text == "mem" ? 1 : mode->text == "gpu" ? 2 : 0;
    *mode = number_node(n, mode->offset);
  }
  bool changed = keras1 | convert_output_mode(*f, config);
  for (const Rename& r : f->keras2_renames) changed = rename(config, r.from, r.to) || changed;
  if (auto renamed = renamed_class(class_name)) {
    class_name = std::string(*renamed);
    keras1 = changed = true;
  }
  if (class_name == "TimeDistributedDense") {
    wrap_time_distributed_dense(class_name, config);
    keras1 = changed = true;
  }
  if (class_name == "Merge") changed = modernize_merge(class_name, config) || changed;
  out.changed = out.changed || changed;
  out.keras1_names = out.keras1_names || keras1;
  return out;
}

json::Node to_node(const json::Value& value) {
  json::Node n;
  n.kind = value.kind;
  n.boolean = value.boolean;
  n.offset = value.offset;
  n.text = std::string(value.text());
  for (const json::Value& item : value.items()) n.items.push_back(to_node(item));
  for (const json::Member& m : value.members())
    n.members.push_back({std::string(m.key()), to_node(m.value)});
  return n;
}

const std::vector<std::string_view>* keras1_positional(
    std::string_view class_name, const std::vector<std::string_view>& keywords, int leading_ints) {
  using Names = std::vector<std::string_view>;
  // Keras 1.2.2's signatures, up to the arguments that matter for shapes.
  static const std::map<std::string, Names, std::less<>> table = {
      {"Convolution1D",
       {"nb_filter", "filter_length", "init", "activation", "weights", "border_mode",
        "subsample_length"}},
      {"AtrousConvolution1D",
       {"nb_filter", "filter_length", "init", "activation", "weights", "border_mode",
        "subsample_length", "atrous_rate"}},
      {"Convolution2D",
       {"nb_filter", "nb_row", "nb_col", "init", "activation", "weights", "border_mode",
        "subsample", "dim_ordering"}},
      {"AtrousConvolution2D",
       {"nb_filter", "nb_row", "nb_col", "init", "activation", "weights", "border_mode",
        "subsample", "atrous_rate", "dim_ordering"}},
      {"SeparableConvolution2D",
       {"nb_filter", "nb_row", "nb_col", "init", "activation", "weights", "border_mode",
        "subsample", "depth_multiplier", "dim_ordering"}},
      {"Deconvolution2D",
       {"nb_filter", "nb_row", "nb_col", "output_shape", "init", "activation", "weights",
        "border_mode", "subsample", "dim_ordering"}},
      {"Convolution3D",
       {"nb_filter", "kernel_dim1", "kernel_dim2", "kernel_dim3", "init", "activation", "weights",
        "border_mode", "subsample", "dim_ordering"}},
      {"Dense", {"output_dim", "init", "activation", "weights"}},
      {"TimeDistributedDense", {"output_dim", "init", "activation", "weights"}},
      {"LSTM", {"output_dim"}},
      {"GRU", {"output_dim"}},
      {"SimpleRNN", {"output_dim"}},
      {"Dropout", {"p", "noise_shape", "seed"}},
      {"MaxPooling1D", {"pool_length", "stride", "border_mode"}},
      {"AveragePooling1D", {"pool_length", "stride", "border_mode"}},
      {"MaxPooling2D", {"pool_size", "strides", "border_mode", "dim_ordering"}},
      {"AveragePooling2D", {"pool_size", "strides", "border_mode", "dim_ordering"}},
      {"UpSampling1D", {"length"}},
      {"UpSampling2D", {"size", "dim_ordering"}},
      {"ZeroPadding2D", {"padding", "dim_ordering"}},
  };
  // Keras 2's Conv2D read Conv2D(32, 3, 3) as Keras 1's (nb_filter, nb_row, nb_col) (conv2d_args_
  // preprocessor); tf.keras reads it as strides=3. The Keras 1 reading is taken when the sizes
  // are integers and the class is a Keras 1 name (Convolution2D), or the call uses a Keras 1
  // keyword (border_mode=, init=, ...); otherwise the reader keeps Keras 2's table.
  static const std::map<std::string_view, std::pair<std::string_view, int>> kKernelSizes = {
      {"Convolution2D", {"Convolution2D", 2}},
      {"Conv2D", {"Convolution2D", 2}},
      {"AtrousConvolution2D", {"AtrousConvolution2D", 2}},
      {"SeparableConvolution2D", {"SeparableConvolution2D", 2}},
      {"SeparableConv2D", {"SeparableConvolution2D", 2}},
      {"Deconvolution2D", {"Deconvolution2D", 2}},
      {"Conv2DTranspose", {"Deconvolution2D", 2}},
      {"Convolution3D", {"Convolution3D", 3}},
      {"Conv3D", {"Convolution3D", 3}},
      {"Convolution1D", {"Convolution1D", 1}},
      {"Conv1D", {"Convolution1D", 1}},
      {"AtrousConvolution1D", {"AtrousConvolution1D", 1}}};
  std::string_view keras1_class = class_name;
  auto sizes = kKernelSizes.find(class_name);
  if (sizes != kKernelSizes.end()) keras1_class = sizes->second.first;
  auto entry = table.find(keras1_class);
  if (entry == table.end()) return nullptr;
  if (class_name == "TimeDistributedDense") return &entry->second;  // Keras 1 only
  const Family* f = family_of(keras1_class);
  bool keras1_keyword = false;
  for (std::string_view k : keywords)
    keras1_keyword =
        keras1_keyword || (f && has_old_key(*f, k) && k != "input_dim" && k != "input_length");
  if (sizes == kKernelSizes.end()) return keras1_keyword ? &entry->second : nullptr;
  // A kernel size given as a tuple is Keras 2's kernel_size, whatever the keywords. Keras 1's
  // Convolution1D(n, length, third) differs from tf.keras' only in the third argument (init,
  // not strides): only a Keras 1 keyword tells which.
  bool keras1_sizes = leading_ints >= sizes->second.second;
  bool by_name = class_name == keras1_class && sizes->second.second > 1;
  return keras1_sizes && (by_name || keras1_keyword) ? &entry->second : nullptr;
}

namespace {

// The dim_ordering values saved anywhere under `v`: bit 1 for "th", bit 2 for "tf".
int saved_orderings(const json::Value& v, int depth = 0) {
  if (depth > json::kMaxDepth) return 0;
  int found = 0;
  for (const json::Value& item : v.items()) found |= saved_orderings(item, depth + 1);
  for (const json::Member& m : v.members()) {
    if (m.key() == "dim_ordering" && m.value.is_string())
      found |= m.value.text() == "th" ? 1 : m.value.text() == "tf" ? 2 : 0;
    found |= saved_orderings(m.value, depth + 1);
  }
  return found;
}

}  // namespace

std::string keras1_ordering(const json::Value& model_config, std::string_view keras_version) {
  int saved = saved_orderings(model_config);
  if (saved == 1) return "th";
  if (saved == 2) return "tf";
  // keras/backend/common.py: _IMAGE_DIM_ORDERING was 'th' up to 1.0.8 and 'tf' from 1.1.0.
  return keras_version.starts_with("1.0.") ? "th" : "tf";
}

bool joins_input_length(std::string_view class_name) {
  const Family* f = family_of(class_name);
  return f && f->joins_input_length;
}

bool is_legacy_class(std::string_view class_name) {
  return class_name == "Merge" || class_name == "TimeDistributedDense" ||
         renamed_class(class_name).has_value();
}

}  // namespace dimsum::legacy
