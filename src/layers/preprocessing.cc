// Preprocessing layers for numbers, categories, text and audio: Normalization (with its adapted
// statistics), Rescaling, CategoryEncoding, Discretization, Hashing, HashedCrossing,
// StringLookup, IntegerLookup, TextVectorization (by output_mode), and Keras 3's MelSpectrogram
// and STFTSpectrogram.
#include <fmt/format.h>

#include <algorithm>

#include "layers/checks.h"

namespace dimsum {

namespace {

void keep_shape(const LayerCall& call, Outcome& out) { out.outputs = {call.inputs[0]}; }

// Keras' encoding of integer ids into `depth` slots (numerical_utils.encode_categorical_inputs):
// "int" keeps the shape; "one_hot" adds an axis of `depth` (replacing a last axis of 1);
// "multi_hot", "count" and "tf_idf" replace the last axis, which holds one sample's ids.
Shape encoded(const Shape& in, const std::string& mode, Dim depth) {
  Dims dims = in.dims();
  if (mode == "int") return in;
  if (dims.empty()) return Shape({depth});
  bool last_is_one = dims.back().known() && dims.back().value() == 1;
  if (mode == "one_hot" && (!last_is_one || dims.size() == 1)) {
    dims.push_back(depth);
  } else if (dims.size() == 1) {
    dims.push_back(depth);  // a batch of single ids becomes (batch, depth)
  } else {
    dims.back() = depth;
  }
  return Shape(std::move(dims));
}

bool require_mode(const LayerCall& call, const std::string& mode,
                  std::initializer_list<std::string_view> modes) {
  for (std::string_view m : modes)
    if (mode == m) return true;
  std::string list;
  for (std::string_view m : modes) list += fmt::format("{}\"{}\"", list.empty() ? "" : ", ", m);
  call.config.fail(call.config.raw("output_mode"),
                   fmt::format("'output_mode' must be one of {}, got \"{}\"", list, mode));
}

void category_encoding(const LayerCall& call, Outcome& out) {
  std::string mode = call.config.string("output_mode", "multi_hot");
  require_mode(call, mode, {"one_hot", "multi_hot", "count"});
  auto tokens = call.config.optional_integer("num_tokens");
  if (!tokens || *tokens < 1) {
    Diagnostic& d = out.error("DS0008", Cause::kLayerMisconfiguration,
                              "CategoryEncoding needs num_tokens, a positive number of categories");
    d.help.push_back("set num_tokens to one more than the largest id");
    return;
  }
  out.outputs = {encoded(call.inputs[0], mode, Dim(*tokens))};
}

void discretization(const LayerCall& call, Outcome& out) {
  std::string mode = call.config.string("output_mode", "int");
  require_mode(call, mode, {"int", "one_hot", "multi_hot", "count"});
  Dim depth;
  if (const json::Value* bins = call.config.raw("bin_boundaries"); bins && bins->is_array())
    depth = Dim(static_cast<int64_t>(bins->items().size()) + 1);
  else if (auto n = call.config.optional_integer("num_bins"))
    depth = Dim(*n);
  out.outputs = {encoded(call.inputs[0], mode, depth)};
}

void hashing(const LayerCall& call, Outcome& out) {
  std::string mode = call.config.string("output_mode", "int");
  require_mode(call, mode, {"int", "one_hot", "multi_hot", "count"});
  out.outputs = {encoded(call.inputs[0], mode, Dim(call.config.integer("num_bins")))};
}

// HashedCrossing crosses a list of features of one shape into one id per sample.
void hashed_crossing(const LayerCall& call, Outcome& out) {
  std::string mode = call.config.string("output_mode", "int");
  require_mode(call, mode, {"int", "one_hot"});
  if (call.inputs.size() < 2) {
    Diagnostic& d = out.error(
        "DS0005", Cause::kLayerMisconfiguration,
        fmt::format("HashedCrossing crosses 2 or more features, got {}", call.inputs.size()));
    d.help.push_back("call HashedCrossing on a tuple of two or more feature tensors");
    return;
  }
  out.outputs = {encoded(call.inputs[0], mode, Dim(call.config.integer("num_bins")))};
}

// The number of ids a lookup layer produces: its vocabulary plus the OOV and mask ids, or
// max_tokens when padded to it; unknown when the vocabulary is adapted (not in the config).
Dim lookup_depth(const LayerConfig& config) {
  if (config.boolean("pad_to_max_tokens", false))
    if (auto max = config.optional_integer("max_tokens")) return Dim(*max);
  const json::Value* vocabulary = config.raw("vocabulary");
  if (!vocabulary || !vocabulary->is_array()) return Dim::unknown();
  int64_t size = static_cast<int64_t>(vocabulary->items().size()) +
                 config.integer("num_oov_indices", 1) + (config.has("mask_token") ? 1 : 0);
  return Dim(size);
}

void lookup(const LayerCall& call, Outcome& out) {
  std::string mode = call.config.string("output_mode", "int");
  require_mode(call, mode, {"int", "one_hot", "multi_hot", "count", "tf_idf"});
  out.outputs = {encoded(call.inputs[0], mode, lookup_depth(call.config))};
}

// TextVectorization takes a batch of strings, (batch,) or (batch, 1): "int" gives token ids,
// (batch, output_sequence_length) or (batch, None); the other modes one row of `depth` per
// string.
void text_vectorization(const LayerCall& call, Outcome& out) {
  std::string mode = call.config.string("output_mode", "int");
  require_mode(call, mode, {"int", "multi_hot", "count", "tf_idf"});
  const Shape& in = call.inputs[0];
  bool one_string = in.rank() == 1 || (in.rank() == 2 && in[1].known() && in[1].value() == 1);
  if (!one_string) {
    Diagnostic& d = out.error(
        "DS0002",
        call.input_is_data() ? Cause::kIncompatibleInputData : Cause::kLayerMisconfiguration,
        fmt::format("TextVectorization takes one string per sample, (batch,) or (batch, 1), got "
                    "{}",
                    to_string(in)));
    d.help.push_back("feed the raw strings as a (batch,) or (batch, 1) tensor");
    return;
  }
  if (mode == "int") {
    auto length = call.config.optional_integer("output_sequence_length");
    out.outputs = {Shape({in[0], length ? Dim(*length) : Dim::unknown()})};
    return;
  }
  out.outputs = {Shape({in[0], lookup_depth(call.config)})};
}

// Normalization keeps a mean and a variance for each index of the kept axes, and a count, as
// non-trainable weights, unless the config gives the mean and variance itself.
void normalization(const LayerCall& call, Outcome& out) {
  const Shape& in = call.inputs[0];
  std::vector<int64_t> axes{-1};
  if (const json::Value* v = call.config.raw("axis"); v && v->is_null())
    axes.clear();
  else if (v && v->is_array())
    axes = call.config.int_list("axis");
  else if (v)
    axes = {call.config.integer("axis")};
  std::optional<int64_t> kept = 1;
  for (int64_t axis : axes) {
    auto resolved = normalize_axis(axis, in.rank());
    if (!resolved) {
      Diagnostic& d = out.error("DS0008", Cause::kLayerMisconfiguration,
                                fmt::format("axis {} is out of range for an input of rank {} {}",
                                            axis, in.rank(), to_string(in)));
      d.help.push_back("use an axis of the input, such as -1 for the features");
      return;
    }
    if (!require_known(call, out, in[*resolved], fmt::format("axis {}", axis))) return;
    kept = checked_mul(*kept, in[*resolved].value());
    if (!kept) return report_overflow(out, "parameter count");
  }
  keep_shape(call, out);
  if (call.config.has("mean")) return;
  out.params = sum({checked_mul(*kept, 2), 1});
  out.non_trainable_params = out.params;
}

// MelSpectrogram: (batch, samples) -> (batch, num_mel_bins, frames), Keras 3's frame count.
void mel_spectrogram(const LayerCall& call, Outcome& out) {
  int64_t bins = call.config.integer("num_mel_bins", 128);
  int64_t stride = call.config.integer("sequence_stride", 512);
  if (!require_positive(out, "sequence_stride", {stride})) return;
  const Shape& in = call.inputs[0];
  if (in.rank() != 1 && !require_rank(call, out, 2, "(batch, samples)")) return;
  Dim samples = in[in.rank() - 1];
  Dim frames = samples.known() ? Dim((samples.value() + stride + 1) / stride) : Dim::unknown();
  out.outputs = {in.rank() == 1 ? Shape({Dim(bins), frames}) : Shape({in[0], Dim(bins), frames})};
}

// STFTSpectrogram: (batch, samples, channels) framed by a window of frame_length every
// frame_step, with one real and one imaginary kernel of frame_length x (fft_length / 2 + 1).
void stft_spectrogram(const LayerCall& call, Outcome& out) {
  const LayerConfig& config = call.config;
  std::string mode = config.string("mode", "log");
  int64_t frame = config.integer("frame_length", 256);
  int64_t step = config.optional_integer("frame_step").value_or(frame / 2);
  int64_t fft = config.optional_integer("fft_length").value_or(1);
  if (!config.has("fft_length"))
    while (fft < frame) fft *= 2;
  if (!require_positive(out, "frame_length", {frame}) ||
      !require_positive(out, "frame_step", {step}))
    return;
  bool channels_first = config.channels_first();
  if (!require_rank(call, out, 3,
                    channels_first ? "(batch, channels, samples)" : "(batch, samples, channels)"))
    return;
  const Shape& in = call.inputs[0];
  Dim channels = in[channels_first ? 1 : 2];
  auto frames = window_output(in[channels_first ? 2 : 1],
                              Window{frame, step, 1, config.padding(false)}, "frames");
  if (!frames) return report_overflow(out, "frame count");
  int64_t freq = fft / 2 + 1;
  if (mode == "stft") freq *= 2;
  int64_t kernels = (mode != "imag" ? 1 : 0) + (mode != "real" ? 1 : 0);
  out.params = product({kernels, frame, fft / 2 + 1});
  if (config.boolean("expand_dims", false)) {
    out.outputs = {channels_first ? Shape({in[0], channels, frames->size, Dim(freq)})
                                  : Shape({in[0], frames->size, Dim(freq), channels})};
  } else {
    auto features = checked_mul(Dim(freq), channels);
    if (!features) return report_overflow(out, "output size");
    out.outputs = {channels_first ? Shape({in[0], *features, frames->size})
                                  : Shape({in[0], frames->size, *features})};
  }
}

}  // namespace

void register_preprocessing_layers(LayerRegistry& registry) {
  registry.add("Rescaling", keep_shape);
  registry.add("Normalization", normalization);
  registry.add("CategoryEncoding", category_encoding);
  registry.add("Discretization", discretization);
  registry.add("Hashing", hashing);
  registry.add("HashedCrossing", hashed_crossing);
  for (const char* name : {"StringLookup", "IntegerLookup", "IndexLookup"})
    registry.add(name, lookup);
  registry.add("TextVectorization", text_vectorization);
  registry.add("MelSpectrogram", mel_spectrogram);
  registry.add("STFTSpectrogram", stft_spectrogram);
}

}  // namespace dimsum
