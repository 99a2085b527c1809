// Fuzzes the zip readers (minizip): a Keras 3 .keras archive read as a model, and the same bytes
// read as an .npz of training data (every member's .npy header).
#include "file_fuzz.h"
#include "readers/npy.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string path = fuzz::write_input(data, size, "keras");
  fuzz::check_and_render(path);
  std::vector<dimsum::NpzArray> arrays;
  std::string error;
  if (!dimsum::read_npz_file(path, arrays, error))
    fuzz::require(!error.empty(), "an .npz error without a message");
  return 0;
}
