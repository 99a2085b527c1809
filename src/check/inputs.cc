#include "check/inputs.h"

#include <fmt/format.h>

#include <algorithm>

namespace dimsum {

namespace {

Dims without_batch(const Dims& dims) {
  return Dims(dims.begin() + (dims.empty() ? 0 : 1), dims.end());
}

// Channels-first data for a channels-last model: (N, C, H, W) where (N, H, W, C) is declared.
bool is_channels_first_of(const Dims& data, const Dims& declared) {
  if (data.size() != declared.size() || data.size() < 3) return false;
  Dims moved = data;
  std::rotate(moved.begin() + 1, moved.begin() + 2, moved.end());
  for (size_t i = 1; i < moved.size(); ++i)
    if (!compatible(moved[i], declared[i])) return false;
  return true;
}

std::string transpose_axes(size_t rank) {
  std::string axes = "0";
  for (size_t i = 2; i < rank; ++i) axes += fmt::format(", {}", i);
  return axes + ", 1";
}

Diagnostic& data_error(std::vector<Diagnostic>& diagnostics, Cause cause, std::string message) {
  Diagnostic& d = diagnostics.emplace_back();
  d.code = cause == Cause::kIncorrectBatchSize ? "DS0009" : "DS0007";
  d.cause = cause;
  d.message = std::move(message);
  return d;
}

// How messages name the data: its file, or "the data" for --input-shape.
std::string subject(const InputFeed& feed) {
  return feed.source.empty() ? "the data" : feed.source;
}

// Data of one sample: its sizes are the declared ones after the batch axis.
bool lacks_batch_axis(const Dims& data, const Dims& declared) {
  if (data.empty() || data.size() + 1 != declared.size()) return false;
  for (size_t i = 0; i < data.size(); ++i)
    if (!compatible(data[i], declared[i + 1])) return false;
  return true;
}

Dims with_batch(Dims dims, Dim batch) {
  if (!dims.empty() && !dims[0].known()) dims[0] = batch;
  return dims;
}

// How to make data fit a declared input: a reshape only where each sample holds as many values
// as the input takes (x.reshape(-1, ...), the batch left to NumPy), else another size of data
// or another input shape.
std::string reshape_help(const Dims& data, const Dims& declared) {
  Dims sample = without_batch(data), wanted = without_batch(declared);
  auto count = [](const Dims& dims) { return Shape(dims).elements_from(0); };
  auto have = count(sample), need = count(wanted);
  bool same_count = have && need && have->known() && need->known() && *have == *need;
  std::string sizes;
  for (Dim size : wanted) sizes += ", " + to_string(size);
  if (same_count)
    return fmt::format(
        "each sample holds the {} values the input takes: reshape the data with "
        "x.reshape(-1{})",
        to_string(*need), sizes);
  return fmt::format(
      "feed data whose samples have the shape {}, or build the model for inputs "
      "of shape {}",
      tuple_string(wanted), tuple_string(sample));
}

void report_rank_mismatch(const Layer& layer, const Dims& data, const Dims& declared,
                          const InputFeed& feed, std::vector<Diagnostic>& out) {
  Diagnostic& d =
      data_error(out, Cause::kIncompatibleInputData,
                 fmt::format("{} has shape {} (rank {}), but input '{}' expects {} (rank {})",
                             subject(feed), tuple_string(data), data.size(), layer.name,
                             tuple_string(declared), declared.size()));
  if (lacks_batch_axis(data, declared)) {
    d.notes.push_back(fmt::format("the data has no batch axis: {} is the shape of one sample of {}",
                                  tuple_string(data), tuple_string(declared)));
    Dims one = with_batch(declared, Dim(1));
    std::string flag;
    for (Dim size : data) flag += "," + (size.specified() ? to_string(size) : std::string("?"));
    d.help.push_back(
        feed.source.empty()
            ? fmt::format("add the batch axis in front: {} for one sample (np.expand_dims(x, 0), "
                          "or --input-shape {}{})",
                          tuple_string(one), to_string(one[0]), flag)
            : "to add the batch axis to one sample, use np.expand_dims(x, 0)");
  } else if (data.size() + 1 == declared.size() && declared.back() == Dim(1)) {
    d.help.push_back("to add the missing channel axis, use np.expand_dims(x, -1)");
  } else if (data.size() == declared.size() + 1 && data.back() == Dim(1)) {
    d.help.push_back("to drop the extra axis of size 1, use np.squeeze(x, -1)");
  } else {
    d.help.push_back(reshape_help(data, declared));
  }
}

void report_size_mismatch(const Layer& layer, const Dims& data, const Dims& declared,
                          const InputFeed& feed, std::vector<Diagnostic>& out) {
  Diagnostic& d =
      data_error(out, Cause::kIncompatibleInputData,
                 fmt::format("{} has shape {}, but input '{}' expects {}", subject(feed),
                             tuple_string(data), layer.name, tuple_string(declared)));
  for (size_t i = 1; i < data.size(); ++i)
    if (!compatible(data[i], declared[i]))
      d.notes.push_back(fmt::format("axis {}: the data has {}, the model expects {}", i,
                                    to_string(data[i]), to_string(declared[i])));
  if (is_channels_first_of(data, declared)) {
    d.help.push_back(fmt::format(
        "the data looks channels-first; to move the channels last, use np.transpose(x, ({}))",
        transpose_axes(data.size())));
    return;
  }
  d.help.push_back(reshape_help(data, declared));
}

// The data's shape against the declared one: rank, then every size but the batch axis.
Shape resolve_shape(const Layer& layer, const Dims& fed, const InputFeed& feed,
                    std::vector<Diagnostic>& diagnostics) {
  const auto& declared = layer.declared_shape;
  if (!declared) return Shape(fed);
  Dims data = adapted_rank(fed, *declared, feed.generation);
  Dim data_batch = data.empty() ? Dim::unknown() : data[0];
  if (data.size() != declared->size()) {
    report_rank_mismatch(layer, data, *declared, feed, diagnostics);
    return Shape(with_batch(*declared, data_batch));
  }
  Dims merged = data;
  bool sizes_agree = true;
  for (size_t i = 0; i < merged.size(); ++i) {
    if (!merged[i].specified()) merged[i] = (*declared)[i];
    if (i > 0 && !compatible(data[i], (*declared)[i])) sizes_agree = false;
  }
  if (!sizes_agree) {
    report_size_mismatch(layer, data, *declared, feed, diagnostics);
    return Shape(with_batch(*declared, data_batch));
  }
  // A fixed batch is checked on its own (check_fixed_batch); the model goes on with it.
  if (!merged.empty() && (*declared)[0].known()) merged[0] = (*declared)[0];
  return Shape(std::move(merged));
}

// The dtype the InputLayer declares ("float32", "string"); empty when it says none.
std::string declared_dtype(const Layer& layer) {
  if (!layer.config || !layer.config->is_object() || layer.synthetic) return "";
  const json::Value* dtype = layer.config->find("dtype");
  if (dtype && dtype->is_object()) {  // Keras 3: a DTypePolicy {"config": {"name": ...}}
    const json::Value* config = dtype->find("config");
    dtype = config && config->is_object() ? config->find("name") : nullptr;
  }
  return dtype && dtype->is_string() ? std::string(dtype->text()) : std::string();
}

bool takes_strings(const Layer& layer) {
  static constexpr std::string_view kStringLayers[] = {"TextVectorization", "StringLookup",
                                                       "Hashing", "HashedCrossing"};
  return std::find(std::begin(kStringLayers), std::end(kStringLayers), layer.class_name) !=
         std::end(kStringLayers);
}

Diagnostic& dtype_error(std::vector<Diagnostic>& out, std::string message) {
  Diagnostic& d = data_error(out, Cause::kIncompatibleInputData, std::move(message));
  d.code = "DS0012";
  return d;
}

// Whether the data's dtype fits what takes it. Returns false when the data's shape says nothing
// about one sample (a ragged list of objects, records), so that it is not compared.
bool check_dtype(const Layer& layer, const std::vector<const Layer*>& consumers, const Dims& data,
                 const InputFeed& feed, std::vector<Diagnostic>& out) {
  using Kind = DataType::Kind;
  const DataType& dtype = feed.dtype;
  if (dtype.kind == Kind::kUnknown) return true;
  std::string name = subject(feed);
  std::string declared = declared_dtype(layer);
  bool string_input =
      declared == "string" || std::any_of(consumers.begin(), consumers.end(),
                                          [](const Layer* c) { return takes_strings(*c); });
  if (dtype.kind == Kind::kObject) {
    Diagnostic& d = dtype_error(
        out, fmt::format("{} holds Python objects (dtype object, shape {}): samples of different "
                         "shapes, a ragged list that Keras cannot stack into one tensor",
                         name, tuple_string(data)));
    d.notes.push_back(
        "np.array(list_of_samples) makes an object array when the samples' shapes "
        "differ");
    d.help.push_back(
        "to give sequences one length, use "
        "keras.utils.pad_sequences(x, maxlen=...)");
    d.help.push_back(
        "or to give every sample one shape, resize or crop each, then stack them "
        "with np.stack(list(x))");
    return false;
  }
  if (dtype.kind == Kind::kOther) {
    Diagnostic& d = dtype_error(
        out, fmt::format("{} has dtype {}, which no Keras input takes", name, dtype.numpy));
    d.help.push_back(
        "to feed it, convert it to numbers first: one plain array per field of a "
        "structured array, x.astype(\"int64\") for dates and times");
    return false;
  }
  if (dtype.kind == Kind::kString && !string_input) {
    Diagnostic& d = dtype_error(
        out, fmt::format("{} holds strings ({}), but input '{}' takes numbers{}", name, dtype.numpy,
                         layer.name, declared.empty() ? "" : fmt::format(" ({})", declared)));
    d.help.push_back(
        "to read text in the model, give the input dtype=\"string\" and put a "
        "TextVectorization or StringLookup layer first");
    d.help.push_back(
        "or convert the data to numbers before feeding it (x.astype(\"float32\") "
        "when the strings hold numbers)");
  } else if (dtype.kind != Kind::kString && declared == "string") {
    Diagnostic& d = dtype_error(
        out, fmt::format("{} holds numbers ({}), but input '{}' takes strings (dtype string)", name,
                         dtype.numpy, layer.name));
    d.help.push_back(
        "feed the raw text as an array of strings, or declare the input with a "
        "numeric dtype");
  }
  // Floats into an Embedding are no error: Keras casts token ids to int32 (tf.keras 2 and
  // Keras 3, Embedding.call), and integers into a float input are cast likewise.
  return true;
}

// The sizes that divide `samples`, nearest below and above `batch` (searched a bounded way).
std::vector<int64_t> divisors_near(int64_t samples, int64_t batch) {
  constexpr int64_t kSearch = 1'000'000;
  std::vector<int64_t> found;
  for (int64_t d = std::min(batch - 1, samples), steps = 0; d > 1 && steps < kSearch; --d, ++steps)
    if (samples % d == 0) {
      found.push_back(d);
      break;
    }
  for (int64_t d = batch + 1, steps = 0; d <= samples && steps < kSearch; ++d, ++steps)
    if (samples % d == 0) {
      found.push_back(d);
      break;
    }
  return found;
}

void report_last_batch(const Layer& layer, int64_t batch, int64_t samples, const InputFeed& feed,
                       std::vector<Diagnostic>& out) {
  int64_t last = samples % batch;
  std::string where = feed.source.empty() ? "" : fmt::format(" in {}", feed.source);
  Diagnostic& d = data_error(
      out, Cause::kIncorrectBatchSize,
      samples < batch
          ? fmt::format("input '{}' has a fixed batch size of {}, but only {} samples{} are fed: "
                        "not one full batch",
                        layer.name, batch, samples, where)
          : fmt::format("input '{}' has a fixed batch size of {}, but {} samples{} leave a last "
                        "batch of {}",
                        layer.name, batch, samples, where, last));
  if (samples >= batch)
    d.notes.push_back(fmt::format("{} = {} x {} + {}: every batch but the last holds {} samples",
                                  samples, samples / batch, batch, last, batch));
  d.notes.push_back(
      "a batch size fixed in the model (batch_input_shape, Input(batch_size=...), "
      "a stateful RNN) must match every batch it is fed");
  if (samples >= batch) {
    d.help.push_back(fmt::format(
        "to drop the last partial batch, use drop_remainder=True (tf.data) or drop_last=True "
        "(a PyTorch DataLoader), or feed x[:{}]",
        samples - last));
  }
  std::vector<int64_t> sizes = divisors_near(samples, batch);
  if (sizes.empty()) return;
  std::string listed;
  for (int64_t size : sizes) listed += fmt::format("{}{}", listed.empty() ? "" : " or ", size);
  d.help.push_back(fmt::format("{}fix a batch size that divides {} in the model, such as {}",
                               d.help.empty() ? "to feed every sample, " : "or ", samples, listed));
}

void check_fixed_batch(const Layer& layer, int64_t fixed, Dim fed_batch, const InputFeed& feed,
                       std::vector<Diagnostic>& out) {
  if (fed_batch.known() && fed_batch.value() != fixed) {
    Diagnostic& d = data_error(
        out, Cause::kIncorrectBatchSize,
        feed.batched
            ? fmt::format("input '{}' has a fixed batch size of {}, but the data is fed in "
                          "batches of {}",
                          layer.name, fixed, fed_batch.value())
            : fmt::format("input '{}' has a fixed batch size of {}, but the data has {} samples",
                          layer.name, fixed, fed_batch.value()));
    d.notes.push_back(
        "a batch size fixed in the model (batch_input_shape, Input(batch_size=...), "
        "a stateful RNN) must match every batch it is fed");
    d.help.push_back(
        fmt::format("feed batches of exactly {} samples (batch_size={}), dropping "
                    "the remainder (drop_remainder=True)",
                    fixed, fixed));
    d.help.push_back("or remove the fixed batch size from the model's input");
    return;
  }
  if (feed.samples && *feed.samples > 0 && *feed.samples % fixed != 0)
    report_last_batch(layer, fixed, *feed.samples, feed, out);
}

std::optional<Diagnostic> batches_disagree(const Layer& first, const Layer& other) {
  int64_t a = (*first.declared_shape)[0].value(), b = (*other.declared_shape)[0].value();
  if (a == b) return std::nullopt;
  Diagnostic d;
  d.code = "DS0009";
  d.cause = Cause::kIncorrectBatchSize;
  d.message = fmt::format(
      "inputs '{}' and '{}' fix different batch sizes, {} and {}: every batch "
      "feeds both, so no batch fits",
      first.name, other.name, a, b);
  d.help.push_back(
      fmt::format("to fix one batch size for the model, give every input the same "
                  "one (Input(batch_size={}, ...)), or fix none",
                  a));
  return d;
}

Diagnostic sample_counts_differ(const Model& model, size_t first, size_t other,
                                const std::vector<InputFeed>& feeds) {
  const InputFeed &a = feeds[first], &b = feeds[other];
  Diagnostic d;
  d.code = "DS0013";
  d.cause = Cause::kIncompatibleInputData;
  d.message = fmt::format("input '{}' is fed {} samples ({}), but input '{}' {} ({})",
                          model.layers[model.inputs[first]].name, *a.samples, a.source,
                          model.layers[model.inputs[other]].name, *b.samples, b.source);
  d.notes.push_back(
      "the i-th sample of every input belongs to one example: Keras refuses "
      "arrays of different lengths (\"Data cardinality is ambiguous\")");
  d.help.push_back(
      fmt::format("give every input the same number of samples, for example "
                  "x[:{}] for each",
                  std::min(*a.samples, *b.samples)));
  return d;
}

}  // namespace

// tf.keras 2
// (Functional._conform_to_reference_input, with InputSpec's allow_last_axis_squeeze) and Keras 3
// (Functional._adjust_input_rank) drop a trailing axis of size 1 from data one rank above the
// input, and add one to data one rank below an input whose last size is 1. Standalone Keras
// (1.x, 2.0-2.3: standardize_input_data) only turns a rank-1 array into (N, 1).
Dims adapted_rank(const Dims& data, const Dims& declared, KerasGeneration generation) {
  Dims out = data;
  if (generation == KerasGeneration::kStandalone) {
    if (data.size() == 1) out.push_back(Dim(1));
    return out;
  }
  if (data.size() == declared.size() + 1 && data.back() == Dim(1))
    out.pop_back();
  else if (data.size() + 1 == declared.size() && declared.back() == Dim(1))
    out.push_back(Dim(1));
  return out;
}

Shape resolve_input(const Layer& layer, const std::vector<const Layer*>& consumers,
                    const std::optional<Dims>& data, const InputFeed& feed,
                    std::vector<Diagnostic>& diagnostics) {
  const auto& declared = layer.declared_shape;
  size_t reported = diagnostics.size();
  // A tensor's first axis is its batch; a data file's counts all its samples, fed in batches.
  Dim fed_batch = feed.batch_size ? Dim(*feed.batch_size) : Dim::unknown();
  if (data && !feed.batched && !data->empty()) fed_batch = (*data)[0];
  Shape shape = declared ? Shape(*declared) : Shape::unknown();
  if (data && check_dtype(layer, consumers, *data, feed, diagnostics))
    shape = resolve_shape(layer, *data, feed, diagnostics);
  if (data)
    for (size_t i = reported; i < diagnostics.size(); ++i) diagnostics[i].data_shape = *data;
  Dim fixed = declared && !declared->empty() ? (*declared)[0] : Dim::unknown();
  if ((!data || feed.batched) && shape.rank_known() && shape.rank() > 0) {
    Dims dims = shape.dims();
    dims[0] = fixed.known() ? fixed : fed_batch;
    shape = Shape(std::move(dims));
  }
  // A fixed batch of 0 or less is the model's own problem, reported by the layers it reaches.
  if (diagnostics.size() == reported && fixed.known() && fixed.value() > 0)
    check_fixed_batch(layer, fixed.value(), fed_batch, feed, diagnostics);
  return shape;
}

std::vector<std::pair<size_t, Diagnostic>> check_inputs_agree(const Model& model,
                                                              const std::vector<InputFeed>& feeds,
                                                              std::vector<Shape>& shapes) {
  std::vector<std::pair<size_t, Diagnostic>> found;
  std::optional<size_t> first_fixed, first_counted;
  for (size_t i = 0; i < model.inputs.size(); ++i) {
    const Layer& layer = model.layers[model.inputs[i]];
    if (layer.declared_shape && !layer.declared_shape->empty() &&
        (*layer.declared_shape)[0].known()) {
      if (!first_fixed) {
        first_fixed = i;
      } else if (auto d = batches_disagree(model.layers[model.inputs[*first_fixed]], layer)) {
        found.emplace_back(i, std::move(*d));
        if (i < shapes.size() && shapes[i].rank() > 0 && *first_fixed < shapes.size()) {
          Dims dims = shapes[i].dims();
          dims[0] = (*model.layers[model.inputs[*first_fixed]].declared_shape)[0];
          shapes[i] = Shape(std::move(dims));
        }
      }
    }
    if (i >= feeds.size() || feeds[i].source.empty() || !feeds[i].samples) continue;
    if (!first_counted) {
      first_counted = i;
    } else if (*feeds[*first_counted].samples != *feeds[i].samples) {
      found.emplace_back(i, sample_counts_differ(model, *first_counted, i, feeds));
    }
  }
  return found;
}

}  // namespace dimsum
