// Fuzzes the .npy header parser (the preamble, the Python dict literal, the dtype and the shape)
// on the bytes alone, as --data reads them, without the file around them.
#include <string>
#include <string_view>

#include "file_fuzz.h"
#include "readers/npy.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  size_t header_size = 0;
  std::string error;
  if (!dimsum::npy_header_size(bytes.substr(0, dimsum::kNpyPreambleSize), header_size, error)) {
    fuzz::require(!error.empty(), "a preamble error without a message");
    return 0;
  }
  if (header_size > bytes.size()) return 0;  // the file is cut short: read_npy_file says so
  dimsum::NpyHeader header;
  if (!dimsum::parse_npy_header(bytes.substr(0, header_size), header, error)) {
    fuzz::require(!error.empty(), "a header error without a message");
    return 0;
  }
  for (int64_t extent : header.shape) fuzz::require(extent >= 0, "a negative array extent");
  return 0;
}
