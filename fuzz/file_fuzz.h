// What the file-level harnesses share: the input is written to a file with the name ending the
// harness gives (the readers of .py, .keras and .npz take paths, as users give them), then read
// and checked whole, and every result is rendered. Every input must end in results or a
// LoadError with a message; a crash, a sanitizer report or an escaping exception is a bug.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <variant>
#include <vector>

#include "dimsum/dimsum.h"
#include "report/report.h"

namespace fuzz {

inline void require(bool condition, const char* what) {
  if (condition) return;
  std::fprintf(stderr, "contract broken: %s\n", what);
  std::abort();
}

// One file per process, rewritten for every input: /tmp/dimsum-fuzz-PID.EXT.
inline std::string write_input(const uint8_t* data, size_t size, const char* extension) {
  static const std::string path = "/tmp/dimsum-fuzz-" + std::to_string(getpid()) + "." + extension;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return path;
}

inline void check_and_render(const std::string& path) {
  auto outcome = dimsum::check_file_models(path, {});
  if (auto* error = std::get_if<dimsum::LoadError>(&outcome)) {
    require(!error->message.empty(), "a load error without a message");
    return;
  }
  for (const dimsum::Result& result : std::get<std::vector<dimsum::Result>>(outcome)) {
    for (const dimsum::Diagnostic& d : result.diagnostics) {
      require(!d.message.empty(), "a diagnostic without a message");
      if (d.severity == dimsum::Severity::kError) require(!d.help.empty(), "an error without help");
    }
    dimsum::render_check(result, nullptr, {/*color=*/false});
    dimsum::render_summary(result, nullptr, {/*color=*/false});
    dimsum::render_json({&result});
  }
}

}  // namespace fuzz
