// dimsum's public API: check a Keras model for shape errors, without TensorFlow.
//
//   dimsum::CheckOptions options;
//   auto outcome = dimsum::check_file("model.json", options);
//   if (auto* error = std::get_if<dimsum::LoadError>(&outcome)) ...  // not a readable model
//   const dimsum::Result& result = std::get<dimsum::Result>(outcome);
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "shape/shape.h"

namespace dimsum {

enum class Severity { kError, kWarning, kNote };

// The four root causes every error is filed under (DESIGN.md).
enum class Cause {
  kNone,
  kIncorrectReshaping,
  kIncompatibleInputData,
  kLayerMisconfiguration,
  kIncorrectBatchSize,
};

std::string_view to_string(Severity severity);
std::string_view to_string(Cause cause);

struct Location {
  std::string file;
  uint32_t line = 0;
  uint32_t column = 0;
  std::string source_line;  // the text of that line, for a caret display
};

struct Diagnostic {
  Severity severity = Severity::kError;
  std::string code;  // "DS0001"; see `dimsum explain`
  Cause cause = Cause::kNone;
  std::string layer;  // the layer's name as written in the model
  std::string class_name;
  std::string message;
  std::vector<std::string> notes;
  std::vector<std::string> help;
  std::optional<Location> location;
  // Indices into Result::layers: the layers whose outputs lead to this one, in order.
  std::vector<size_t> trace;
};

struct LayerReport {
  std::string name;
  std::string class_name;
  std::vector<Shape> input_shapes;  // of the layer's first call
  Shape output_shape;               // first output of the first call
  int output_count = 1;             // outputs per call (LSTM with return_state has several)
  std::optional<int64_t> params;    // nullopt where the input shape needed is unknown
  std::optional<int64_t> trainable_params;
  bool failed = false;   // an error was reported at this layer
  bool reached = true;   // false when an earlier failure left its inputs unknown
  bool shown = true;     // false for a Sequential's implicit input, which Keras does not list
};

struct Result {
  std::string file;
  std::string model_name;
  std::string dialect;
  std::vector<std::string> input_names;
  std::vector<Shape> input_shapes;
  std::vector<Shape> output_shapes;
  std::optional<int64_t> total_params;
  std::optional<int64_t> trainable_params;
  std::vector<LayerReport> layers;
  std::vector<Diagnostic> diagnostics;

  bool ok() const;
};

// dimsum could not do its job: the file is unreadable, not JSON, or not a model.
struct LoadError {
  std::string message;  // "model.json:3:5: malformed JSON: ..."
};

// The shape of the data fed to one model input, batch axis first.
struct InputShape {
  std::string name;  // the input layer's name; empty: the model's only (or first unnamed) input
  std::vector<Dim> dims;
};

struct CheckOptions {
  std::vector<InputShape> input_shapes;
};

// Parses "100,28,28" or "image=?,28,28,None" into `out`; on failure sets `error`.
bool parse_input_shape(std::string_view spec, InputShape& out, std::string& error);

std::variant<Result, LoadError> check_file(const std::string& path, const CheckOptions& options);
// `text` is the file's contents; `file` names it in messages.
std::variant<Result, LoadError> check_text(std::string text, const std::string& file,
                                           const CheckOptions& options);

}  // namespace dimsum
