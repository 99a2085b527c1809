// NumPy's .npy header (format versions 1.0, 2.0 and 3.0), read without the array: the magic
// "\x93NUMPY", the version, the header's length, then a Python dict literal such as
// {'descr': '<f4', 'fortran_order': False, 'shape': (60000, 28, 28), }.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dimsum/dimsum.h"

namespace dimsum {

inline constexpr std::string_view kNpyMagic = "\x93NUMPY";
// The magic, the version and the header length of a version 2 or 3 file: enough to size the rest.
inline constexpr size_t kNpyPreambleSize = 12;
// NumPy itself refuses headers longer than 10,000 bytes unless told otherwise; a real header is
// under 200 bytes, so anything past this is a damaged or hostile file.
inline constexpr size_t kNpyMaxHeaderSize = 1 << 20;

struct NpyHeader {
  std::string descr;  // "<f4"; for a structured dtype, the text of its list of fields
  DataType dtype;
  bool fortran_order = false;
  std::vector<int64_t> shape;
  uint64_t data_offset = 0;            // where the array's bytes start
  std::optional<uint64_t> data_bytes;  // the array's size in bytes; nullopt for object arrays
};

// From the first bytes of a file (at least kNpyPreambleSize, or the whole file if shorter):
// the size of the whole header, magic included. False with `error` when it is no .npy header.
bool npy_header_size(std::string_view preamble, size_t& size, std::string& error);

// Parses a whole header (magic included, `npy_header_size` bytes).
bool parse_npy_header(std::string_view bytes, NpyHeader& header, std::string& error);

// Reads the header of the .npy file at `path` and checks that the file holds all the data the
// header promises (a truncated file is an error); the array itself is never read.
bool read_npy_file(const std::string& path, NpyHeader& header, std::string& error);

// The arrays of an .npz file (a zip of .npy files), each member's header only.
struct NpzArray {
  std::string key;  // the member's name without ".npy", as np.load(...).files lists it
  NpyHeader header;
};
bool read_npz_file(const std::string& path, std::vector<NpzArray>& arrays, std::string& error);

}  // namespace dimsum
