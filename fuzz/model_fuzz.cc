// Fuzzes the path a model config takes, whatever its dialect: the JSON reader, the dialect
// readers, shape propagation through every layer rule, and the three renderers. Every input must
// end in a Result or a LoadError; a crash, a sanitizer report, an exception that escapes, or a
// Result that breaks the contract of DESIGN.md is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "dimsum/dimsum.h"
#include "readers/json.h"
#include "report/report.h"

namespace {

void require(bool condition, const char* what) {
  if (condition) return;
  std::fprintf(stderr, "contract broken: %s\n", what);
  std::abort();
}

bool no_negative_size(const dimsum::Shape& shape) {
  for (dimsum::Dim d : shape.dims())
    if (d.known() && d.value() < 0) return false;
  return true;
}

void check_contract(const dimsum::Result& result) {
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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto outcome = dimsum::check_text(std::move(text), "fuzz.json", {});
  if (auto* error = std::get_if<dimsum::LoadError>(&outcome)) {
    require(!error->message.empty(), "a load error without a message");
    return 0;
  }
  const dimsum::Result& result = std::get<dimsum::Result>(outcome);
  check_contract(result);
  dimsum::render_check(result, nullptr, {/*color=*/true});
  dimsum::render_summary(result, nullptr, {/*color=*/false});
  std::string json = dimsum::render_json({&result});
  dimsum::json::Document document;
  std::string error;
  require(document.parse(json, error), "--format json printed malformed JSON");
  return 0;
}
