// The contract every harness holds dimsum to (DESIGN.md): every input ends in results or a
// LoadError with a message; every diagnostic has a message, and every error a cause, help and a
// trace into the model; no output size or parameter count is negative; every renderer runs, and
// --format json prints JSON that parses. A breach aborts, so libFuzzer keeps the input.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <variant>

#include "dimsum/dimsum.h"
#include "readers/json.h"
#include "report/report.h"

namespace fuzz {

inline void require(bool condition, const char* what) {
  if (condition) return;
  std::fprintf(stderr, "contract broken: %s\n", what);
  std::abort();
}

inline bool no_negative_size(const dimsum::Shape& shape) {
  for (dimsum::Dim d : shape.dims())
    if (d.known() && d.value() < 0) return false;
  return true;
}

inline void check_result(const dimsum::Result& result) {
  for (const dimsum::Diagnostic& d : result.diagnostics) {
    require(!d.message.empty(), "a diagnostic without a message");
    if (d.severity != dimsum::Severity::kError) continue;
    require(!d.help.empty(), "an error without a help line");
    require(d.cause != dimsum::Cause::kNone, "an error without a cause");
    for (size_t index : d.trace) require(index < result.layers.size(), "a trace out of range");
  }
  for (const dimsum::LayerReport& layer : result.layers)
    if (!layer.failed) require(no_negative_size(layer.output_shape), "a negative output size");
  for (const dimsum::Shape& shape : result.output_shapes)
    require(no_negative_size(shape), "a negative model output size");
  if (result.total_params) require(*result.total_params >= 0, "a negative parameter count");
}

// Every renderer a command uses on `result` (`domain`: solved for its symbolic sizes, or null).
inline void render_all(const dimsum::Result& result, const dimsum::Domain* domain) {
  dimsum::render_check(result, domain, {/*color=*/true});
  dimsum::render_summary(result, domain, {/*color=*/false});
  std::string json = dimsum::render_json({&result});
  dimsum::json::Document document;
  std::string error;
  require(document.parse(json, error), "--format json printed malformed JSON");
}

inline void check_load_error(const dimsum::LoadError& error) {
  require(!error.message.empty(), "a load error without a message");
}

}  // namespace fuzz
