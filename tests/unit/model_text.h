// Builds small model configs for table tests: a tf.keras 2 Sequential with an InputLayer.
#pragma once

#include <string>
#include <vector>

#include "dimsum/dimsum.h"

namespace dimsum::testing {

// `input` is a JSON list such as "[null, 28, 28, 1]"; each layer is
// "{\"class_name\": ..., \"config\": {...}}".
inline std::string sequential(const std::string& input, const std::vector<std::string>& layers) {
  std::string text = R"({"class_name": "Sequential", "config": {"name": "sequential", "layers": [)";
  text += R"({"class_name": "InputLayer", "config": {"name": "input_1", "batch_input_shape": )" +
          input + "}}";
  for (const std::string& layer : layers) text += ",\n" + layer;
  return text + "]}}";
}

inline std::string layer(const std::string& class_name, const std::string& config) {
  return R"({"class_name": ")" + class_name + R"(", "config": {"name": "under_test")" +
         (config.empty() ? "" : ", " + config) + "}}";
}

inline Result check_or_fail(const std::string& text, const CheckOptions& options = {}) {
  auto outcome = check_text(text, "test.json", options);
  if (auto* error = std::get_if<LoadError>(&outcome)) {
    Result failed;
    Diagnostic d;
    d.code = "LOAD";
    d.message = error->message;
    failed.diagnostics.push_back(d);
    return failed;
  }
  return std::get<Result>(outcome);
}

inline std::string first_error(const Result& result) {
  for (const Diagnostic& d : result.diagnostics)
    if (d.severity == Severity::kError || d.code == "LOAD") return d.code;
  return "";
}

}  // namespace dimsum::testing
