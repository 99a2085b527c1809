// The public entry points: read a file, parse it, build the model graph, propagate, and gather
// everything into one Result.
#include <fmt/format.h>

#include <sys/stat.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <cerrno>
#include <charconv>
#include <climits>
#include <cstring>
#include <fstream>
#include <sstream>

#include "check/assume.h"
#include "check/check_model.h"
#include "check/feed.h"
#include "check/label_inputs.h"
#include "check/labels.h"
#include "check/propagate.h"
#include "check/symbolic_inputs.h"
#include "dimsum/dimsum.h"
#include "layers/config.h"
#include "readers/source.h"
#include "shape/symbolic.h"

namespace dimsum {

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kNote: return "note";
  }
  return "error";
}

std::string_view to_string(Cause cause) {
  switch (cause) {
    case Cause::kNone: return "";
    case Cause::kIncorrectReshaping: return "incorrect reshaping";
    case Cause::kIncompatibleInputData: return "incompatible input data";
    case Cause::kLayerMisconfiguration: return "layer misconfiguration";
    case Cause::kIncorrectBatchSize: return "incorrect batch size";
  }
  return "";
}

std::string to_string(const SizeCondition& c) {
  switch (c.kind) {
    case SizeCondition::Kind::kAtLeast:
      return fmt::format("{} >= {}", to_string(c.lhs), to_string(c.rhs));
    case SizeCondition::Kind::kEqual:
      return fmt::format("{} == {}", to_string(c.lhs), to_string(c.rhs));
    case SizeCondition::Kind::kMultipleOf:
      return fmt::format("{} is a multiple of {}", to_string(c.lhs), to_string(c.rhs));
    case SizeCondition::Kind::kBroadcasts:
      return fmt::format("{} == {} (or one is 1)", to_string(c.lhs), to_string(c.rhs));
  }
  return "";
}

bool holds(SizeCondition::Kind kind, int64_t lhs, int64_t rhs) {
  switch (kind) {
    case SizeCondition::Kind::kAtLeast: return lhs >= rhs;
    case SizeCondition::Kind::kEqual: return lhs == rhs;
    case SizeCondition::Kind::kMultipleOf: return rhs > 0 && lhs % rhs == 0;
    case SizeCondition::Kind::kBroadcasts: return lhs == rhs || lhs == 1 || rhs == 1;
  }
  return false;
}

bool Result::ok() const {
  for (const Diagnostic& d : diagnostics)
    if (d.severity == Severity::kError) return false;
  return true;
}

bool parse_input_shape(std::string_view spec, InputShape& out, std::string& error) {
  out = InputShape{};
  std::string_view sizes = spec;
  if (auto eq = spec.find('='); eq != std::string_view::npos) {
    out.name = std::string(spec.substr(0, eq));
    sizes = spec.substr(eq + 1);
    if (out.name.empty()) {
      error = fmt::format("invalid --input-shape \"{}\": the input name before '=' is empty", spec);
      return false;
    }
  }
  // Accept the forms users paste from Python: "(100, 28, 28)" and "[None, 28, 28]".
  if (!sizes.empty() && (sizes.front() == '(' || sizes.front() == '[')) sizes.remove_prefix(1);
  if (!sizes.empty() && (sizes.back() == ')' || sizes.back() == ']')) sizes.remove_suffix(1);
  while (!sizes.empty()) {
    size_t comma = sizes.find(',');
    std::string_view item = sizes.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item == "?" || item == "None" || item == "none" || item == "null") {
      out.dims.push_back(Dim::unknown());
    } else if (is_symbol_name(item)) {
      out.dims.push_back(symbol_dim(item));
    } else {
      int64_t value = 0;
      auto [ptr, ec] = std::from_chars(item.data(), item.data() + item.size(), value);
      if (item.empty() || ec != std::errc() || ptr != item.data() + item.size() || value < 0) {
        error = fmt::format(
            "invalid --input-shape \"{}\": \"{}\" is not a size (expected a "
            "non-negative integer, a name such as H, ? or None)",
            spec, item);
        return false;
      }
      out.dims.push_back(Dim(value));
    }
    if (comma == std::string_view::npos) break;
    sizes.remove_prefix(comma + 1);
    if (sizes.empty()) break;  // a trailing comma, as in Python's (28,)
  }
  if (out.dims.empty()) {
    error = fmt::format("invalid --input-shape \"{}\": expected sizes such as 100,28,28,1", spec);
    return false;
  }
  return true;
}

namespace {

void add_unknown_input_notes(const Model& model, const InputData& data, const ModelTrace& trace,
                             Result& result) {
  for (size_t i = 0; i < trace.inputs.size(); ++i) {
    // Data whose samples have no one shape (a ragged list) is reported as such, not asked for.
    if (trace.inputs[i].rank_known() || (i < data.size() && data[i])) continue;
    Diagnostic d;
    d.severity = Severity::kNote;
    d.code = "DS0102";
    // A Sequential's implicit input is named after the first layer, which would declare it.
    size_t index = static_cast<size_t>(model.inputs[i]);
    if (model.layers[index].synthetic && index + 1 < model.layers.size()) ++index;
    d.layer = model.layers[index].name;
    d.class_name = model.layers[index].class_name;
    d.message = "the model's input shape is unknown, so its layers cannot be checked";
    d.help.push_back(
        "pass the shape of the data with --input-shape, batch axis first, for "
        "example --input-shape 32,28,28,1, or the data itself with --data x.npy");
    result.diagnostics.insert(result.diagnostics.begin(), std::move(d));
  }
}

// A layer is checked when its rule ran on inputs of known rank and either failed or gave an
// output: one dimsum has no rule for, one whose input is unknown (after such a layer, or an
// unknown input shape) and one after an error are not.
void record_unchecked(const ModelTrace& trace, Result& result) {
  for (size_t i = 0; i < trace.inputs.size(); ++i)
    if (!trace.inputs[i].rank_known())
      result.unchecked.push_back(
          trace.inputs.size() == 1
              ? std::string("the model's input shape, which is unknown")
              : fmt::format("the shape of input '{}', which is unknown", result.input_names[i]));
  result.unchecked.insert(result.unchecked.end(), trace.unchecked.begin(), trace.unchecked.end());
  for (const LayerReport& layer : result.layers) {
    if (!layer.checkable()) continue;
    bool checked = layer.reached && (layer.failed || layer.output_shape.rank_known());
    if (!checked) result.unchecked_layers.push_back(layer.name);
  }
}

}  // namespace

// Checks a model read from `file` (as the user named it; `model.file` may name a part of it,
// such as "model.keras:config.json", where positions point).
std::variant<Result, LoadError> check_model(const Model& model, const std::string& file,
                                            const CheckOptions& options) {
  if (options.symbolic_inputs && options.input_shapes.empty() && options.data_archives.empty()) {
    CheckOptions symbolic = options;
    symbolic.symbolic_inputs = false;
    symbolic.nearest_size_help = false;
    symbolic.input_shapes = declared_symbolic_inputs(model);
    return check_model(model, file, symbolic);
  }
  std::string error;
  InputData data;
  std::vector<InputFeed> feeds;
  if (!assign_inputs(model, options, data, feeds, error)) return LoadError{file + ": " + error};
  if (!check_assumed_layers(model, options.assumed_shapes, error))
    return LoadError{file + ": " + error};
  std::vector<const InputShape*> labels;
  if (!match_labels(model, options, labels, error)) return LoadError{file + ": " + error};
  ModelTrace trace;
  try {
    PropagateOptions propagate_options{&options.assumed_shapes};
    propagate_options.feeds = &feeds;
    // A config names the classes of its custom layers, whose code is elsewhere; Python source
    // holds its own.
    std::unique_ptr<const CustomLayers> custom;
    if (model.dialect != "Python source") custom = custom_layers_of(options.custom_objects);
    propagate_options.custom = custom.get();
    if (!propagate(model, data, trace, error, propagate_options)) return LoadError{error};
  } catch (const ConfigError& e) {
    return LoadError{fmt::format("{}: {}", model.source->where(model.file, e.offset), e.message)};
  }
  Result result;
  result.file = file;
  result.model_name = model.name;
  result.dialect = model.dialect;
  for (int index : model.inputs) result.input_names.push_back(model.layers[index].name);
  result.input_shapes = trace.inputs;
  result.output_shapes = trace.outputs;
  result.total_params = trace.total_params;
  result.total_macs = trace.total_macs;
  result.trainable_params = trace.trainable_params;
  result.layers = std::move(trace.layers);
  result.diagnostics = std::move(trace.diagnostics);
  result.conditions = std::move(trace.conditions);
  add_unknown_input_notes(model, data, trace, result);
  record_unchecked(trace, result);
  check_labels(model, options, labels, result);
  if (options.nearest_size_help && !result.ok())
    add_nearest_size_help(model, file, options, result);
  return result;
}

std::variant<Result, LoadError> check_text(std::string text, const std::string& file,
                                           const CheckOptions& options) {
  Model model;
  std::string error;
  if (!read_json_model(std::move(text), file, model, error)) return LoadError{error};
  return check_model(model, file, options);
}

void keep_freed_memory() {
#if defined(__GLIBC__)
  // Every block comes from the heap rather than from a mapping of its own, which is unmapped
  // when freed (glibc maps blocks above a threshold of at most 32 MiB, and the text of a
  // 100k-layer config is 37 MB); and the heap is never trimmed: its peak stays the process's, as
  // it would anyway. Should the heap be unable to grow, glibc still maps the block.
  mallopt(M_MMAP_MAX, 0);
  mallopt(M_TRIM_THRESHOLD, INT_MAX);
#endif
}

std::variant<Result, LoadError> check_file(const std::string& path, const CheckOptions& options) {
  auto outcome = check_file_models(path, options);
  if (auto* error = std::get_if<LoadError>(&outcome)) return std::move(*error);
  auto& results = std::get<std::vector<Result>>(outcome);
  for (Result& result : results)
    if (!result.ok()) return std::move(result);
  return std::move(results.front());
}

}  // namespace dimsum
