// Reads the model config a Keras HDF5 file holds: model.save("model.h5") (tf.keras 2, and Keras 3's
// legacy format) writes model.to_json() as the root group's "model_config" attribute.
#pragma once

#include <string>
#include <string_view>

namespace dimsum {

inline constexpr std::string_view kHdf5Magic = "\x89HDF\r\n\x1a\n";

// Fills `config` with the JSON of the "model_config" attribute. False with `error` (one line,
// without the path) when the file is damaged, not HDF5, or holds no model config: a weights-only
// file (save_weights, Keras 3 .weights.h5) is named as such, with what to pass instead.
// The HDF5 library (1.10) crashes or loops on some damaged files, so the file is read in a child
// process: whatever the library does, dimsum reports a damaged file and goes on.
bool read_hdf5_model_config(const std::string& path, std::string& config, std::string& error);

}  // namespace dimsum
