// Fuzzes the Python source reader: tree-sitter's parse, the static interpreter (imports, names,
// loops, helper functions, the Keras calls it follows) and the check of every model it finds
// with the data the code feeds it.
#include "file_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fuzz::check_and_render(fuzz::write_input(data, size, "py"));
  return 0;
}
