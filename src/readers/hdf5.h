// Reads the model config a Keras HDF5 file holds: model.save("model.h5") (tf.keras 2, and Keras 3's
// legacy format) writes model.to_json() as the root group's "model_config" attribute.
#pragma once

#include <string>
#include <string_view>

namespace dimsum {

inline constexpr std::string_view kHdf5Magic = "\x89HDF\r\n\x1a\n";

// What dimsum reads of a Keras HDF5 model file: attributes of its root group.
struct Hdf5Model {
  std::string config;  // "model_config": the JSON of model.to_json()
  // "training_config": how the model is compiled ({"loss": ..., "metrics": ...}, JSON), which
  // model.save() writes for a compiled model; empty when the file has none (or it is unreadable).
  std::string training_config;
  std::string keras_version;  // "keras_version" ("2.15.0", "3.3.3"); empty when absent
};

// Fills `model` from the file's root attributes. False with `error` (one line, without the
// path) when the file is damaged, not HDF5, or holds no model config: a weights-only file
// (save_weights, Keras 3 .weights.h5) is named as such, with what to pass instead.
// The HDF5 library (1.10) crashes or loops on some damaged files, so the file is read in a child
// process: whatever the library does, dimsum reports a damaged file and goes on.
bool read_hdf5_model(const std::string& path, Hdf5Model& model, std::string& error);

}  // namespace dimsum
