// What the file-level harnesses share: the input is written to a file with the name ending the
// harness gives (the readers of .py, .keras and .npz take paths, as users give them), then read
// and checked whole, and every result held to the contract (contract.h) and rendered.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <fstream>
#include <string>
#include <variant>
#include <vector>

#include "contract.h"

namespace fuzz {

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
    check_load_error(*error);
    return;
  }
  for (const dimsum::Result& result : std::get<std::vector<dimsum::Result>>(outcome)) {
    check_result(result);
    render_all(result, nullptr);
  }
}

}  // namespace fuzz
