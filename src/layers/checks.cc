#include "layers/checks.h"

#include <fmt/format.h>

#include <algorithm>

#include "model/graph.h"

namespace dimsum {

namespace {

bool is_recurrent(std::string_view class_name) {
  return class_name == "LSTM" || class_name == "GRU" || class_name == "SimpleRNN" ||
         class_name == "Bidirectional" || class_name == "RNN" || class_name == "CuDNNLSTM" ||
         class_name == "CuDNNGRU";
}

// Layers whose output has their input's shape: help about a shape looks through them to the
// layer that made it (an LSTM -> Dropout -> LSTM stack is an LSTM's output).
bool keeps_shape(std::string_view class_name) {
  static constexpr std::string_view kKeeping[] = {"Dropout",
                                                  "GaussianNoise",
                                                  "GaussianDropout",
                                                  "AlphaDropout",
                                                  "BatchNormalization",
                                                  "LayerNormalization",
                                                  "UnitNormalization",
                                                  "Activation",
                                                  "ReLU",
                                                  "LeakyReLU",
                                                  "PReLU",
                                                  "ELU",
                                                  "ThresholdedReLU",
                                                  "Softmax",
                                                  "Masking",
                                                  "ActivityRegularization"};
  return std::find(std::begin(kKeeping), std::end(kKeeping), class_name) != std::end(kKeeping);
}

// "" or " (its output reaches this layer through 'dropout', 'batch_normalization')"
std::string through(const std::vector<LayerBefore>& chain, size_t made_by) {
  if (made_by == 0) return "";
  std::string names;
  for (size_t i = made_by; i-- > 0;)
    names += fmt::format("{}'{}'", names.empty() ? "" : ", ", chain[i].name);
  return fmt::format(" (its output reaches this layer through {})", names);
}

// The help for a recurrent layer's single vector where a sequence is needed, looking through
// shape-keeping layers; false when no such layer made the input.
bool add_return_sequences_help(const LayerCall& call, Diagnostic& d) {
  constexpr size_t kLooked = 16;
  std::vector<LayerBefore> chain = producer_chain(*call.producer, kLooked);
  size_t made_by = 0;
  while (made_by < chain.size() && keeps_shape(chain[made_by].class_name)) ++made_by;
  if (made_by == chain.size()) return false;
  const LayerBefore& maker = chain[made_by];
  if (!is_recurrent(maker.class_name) || maker.config.boolean("return_sequences", false))
    return false;
  d.help.push_back(fmt::format("to feed the whole sequence on, set return_sequences=True on '{}'{}",
                               maker.name, through(chain, made_by)));
  return true;
}

// The help lines for an input of the wrong rank: what the user most likely meant.
void add_rank_help(const LayerCall& call, Diagnostic& d, size_t want) {
  const Shape& in = call.inputs[0];
  size_t got = in.rank();
  if (call.input_is_data()) {
    if (got + 1 == want && got >= 1) {  // a rank-0 input has no batch axis to keep
      d.help.push_back("to add the missing channel axis to the data, use np.expand_dims(x, -1)");
      Dims target(in.dims().begin() + 1, in.dims().end());
      target.push_back(Dim(1));
      d.help.push_back(fmt::format("or start the model with Reshape({})", tuple_string(target)));
    } else {
      d.help.push_back(fmt::format(
          "reshape the data to rank {} (batch axis first), or change the model's input shape",
          want));
    }
    return;
  }
  const Producer& p = *call.producer;
  if (got + 1 == want && want == 3 && add_return_sequences_help(call, d)) return;
  if (got == 2 && want > 2) {
    d.help.push_back(fmt::format(
        "'{}' ({}) gives a flat {} ; to give this layer rank {}, use Reshape with the sizes it "
        "needs, without the batch axis",
        p.name, p.class_name, to_string(in), want));
    return;
  }
  if (got > want && want == 2) {
    d.help.push_back(
        fmt::format("to flatten '{}''s output first, use Flatten() or a global "
                    "pooling layer before this one",
                    p.name));
    return;
  }
  d.help.push_back(
      fmt::format("insert a Reshape after '{}' so that its output has rank {}", p.name, want));
}

Cause rank_cause(const LayerCall& call) {
  return call.input_is_data() ? Cause::kIncompatibleInputData : Cause::kLayerMisconfiguration;
}

}  // namespace

bool require_rank(const LayerCall& call, Outcome& out, size_t rank, std::string_view layout) {
  const Shape& in = call.inputs[0];
  if (in.rank() == rank) return true;
  Diagnostic& d = out.error("DS0002", rank_cause(call),
                            fmt::format("expected an input of rank {} {}, got rank {} {}", rank,
                                        layout, in.rank(), to_string(in)));
  if (call.input_is_data()) d.notes.push_back("the input is the model's input data");
  add_rank_help(call, d, rank);
  return false;
}

bool require_min_rank(const LayerCall& call, Outcome& out, size_t rank, std::string_view layout) {
  const Shape& in = call.inputs[0];
  if (in.rank() >= rank) return true;
  Diagnostic& d = out.error("DS0002", rank_cause(call),
                            fmt::format("expected an input of rank {} or more {}, got rank {} {}",
                                        rank, layout, in.rank(), to_string(in)));
  add_rank_help(call, d, rank);
  return false;
}

// Where a TextVectorization giving token ids without output_sequence_length leads to this
// call: it, and the Flatten between them if any.
struct UnboundedText {
  std::optional<LayerBefore> text, flatten;
};

UnboundedText unbounded_text_vectorization(const LayerCall& call) {
  UnboundedText found;
  if (call.input_is_data()) return found;
  constexpr size_t kLooked = 16;
  for (LayerBefore& layer : producer_chain(*call.producer, kLooked)) {
    if (layer.class_name == "Flatten" && !found.flatten) found.flatten = layer;
    if (layer.class_name != "TextVectorization") continue;
    const json::Value* length = layer.config.raw("output_sequence_length");
    if (layer.config.string("output_mode", "int") == "int" && (!length || length->is_null()))
      found.text = layer;
    break;
  }
  return found;
}

bool require_known(const LayerCall& call, Outcome& out, Dim dim, std::string_view what) {
  if (dim.known()) return true;
  Diagnostic& d = out.error(
      "DS0006", Cause::kLayerMisconfiguration,
      fmt::format("the {} of the input must be known to create the weights, but it is None in {}",
                  what, to_string(call.inputs[0])));
  if (UnboundedText found = unbounded_text_vectorization(call); found.text) {
    std::string flatten =
        found.flatten
            ? fmt::format(", and so neither does the output of '{}' (Flatten)", found.flatten->name)
            : "";
    d.notes.push_back(
        fmt::format("'{}' (TextVectorization) has no output_sequence_length: its "
                    "sequences have no fixed length{}",
                    found.text->name, flatten));
    d.help.push_back(
        fmt::format("set output_sequence_length on '{}' (such as 100) to pad or cut "
                    "every text to that many tokens{}",
                    found.text->name,
                    found.flatten ? ", or use a global pooling layer instead of Flatten" : ""));
    return false;
  }
  d.help.push_back(
      "give the model an input shape with that size, or use Flatten() or a global "
      "pooling layer so that the size is fixed");
  return false;
}

std::vector<LayerBefore> producer_chain(const Producer& producer, size_t count) {
  std::vector<LayerBefore> chain;
  if (!producer.model || producer.layer < 0) return chain;
  const Model& model = *producer.model;
  int l = producer.layer, n = producer.node;
  while (chain.size() < count && l >= 0 && static_cast<size_t>(l) < model.layers.size()) {
    const Layer& layer = model.layers[static_cast<size_t>(l)];
    if (layer.class_name == "InputLayer" || layer.submodel || !layer.config) break;
    chain.push_back({layer.name, layer.class_name, LayerConfig(layer.config, layer.offset)});
    if (n < 0 || static_cast<size_t>(n) >= layer.nodes.size() || layer.nodes[n].inputs.empty())
      break;
    const TensorRef& before = layer.nodes[static_cast<size_t>(n)].inputs[0];
    l = before.layer;
    n = before.node;
  }
  return chain;
}

bool require_positive(Outcome& out, std::string_view key, const std::vector<int64_t>& values) {
  for (int64_t v : values) {
    if (v >= 1) continue;
    Diagnostic& d = out.error("DS0008", Cause::kLayerMisconfiguration,
                              fmt::format("every value of '{}' must be at least 1; received {}={}",
                                          key, key, python_tuple(values)));
    d.help.push_back(fmt::format("set '{}' to positive integers", key));
    return false;
  }
  return true;
}

std::string_view spatial_axis_name(size_t count, size_t i) {
  static constexpr std::string_view k1[] = {"length"};
  static constexpr std::string_view k2[] = {"height", "width"};
  static constexpr std::string_view k3[] = {"depth", "height", "width"};
  if (count == 1) return k1[0];
  if (count == 2 && i < 2) return k2[i];
  if (count == 3 && i < 3) return k3[i];
  return "size";
}

std::string sizes_text(const std::vector<int64_t>& sizes) {
  std::string out;
  for (size_t i = 0; i < sizes.size(); ++i) {
    if (i) out += "x";
    out += std::to_string(sizes[i]);
  }
  return out;
}

std::string python_tuple(const std::vector<int64_t>& values) {
  std::string out = "(";
  for (size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + std::to_string(values[i]);
  return out + (values.size() == 1 ? ",)" : ")");
}

void report_overflow(Outcome& out, std::string_view what) {
  Diagnostic& d = out.error("DS0010", Cause::kLayerMisconfiguration,
                            fmt::format("the {} overflows a 64-bit integer", what));
  d.help.push_back(
      "check the sizes in the configuration: they are far larger than any real "
      "tensor can be");
}

}  // namespace dimsum
