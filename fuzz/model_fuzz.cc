// Fuzzes the path a model config takes, whatever its dialect: the JSON reader, the dialect
// readers, shape propagation through every layer rule, and the three renderers. Every input must
// end in a Result or a LoadError; a crash, a sanitizer report, an exception that escapes, or a
// Result that breaks the contract of DESIGN.md is a bug.
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>

#include "contract.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto outcome = dimsum::check_text(std::move(text), "fuzz.json", {});
  if (auto* error = std::get_if<dimsum::LoadError>(&outcome)) {
    fuzz::check_load_error(*error);
    return 0;
  }
  const dimsum::Result& result = std::get<dimsum::Result>(outcome);
  fuzz::check_result(result);
  fuzz::render_all(result, nullptr);
  return 0;
}
