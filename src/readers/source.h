// Model files as users have them, recognised by their content. Each kind of file is one
// SourceFormat entry in source.cc's table: how to recognise it and how to read it into a model
// graph. read_model_sources takes the entry a name ending picks first (.ipynb), else tries every
// entry's magic on the file's first bytes, then every entry's file name endings, then reads the
// file as a JSON config (its errors then point into it).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/graph.h"
#include "model/source_model.h"

namespace dimsum {

struct SourceFormat {
  std::string_view name;  // "Keras archive (.keras)"
  // Recognises the file from its first bytes (up to kHeadSize; fewer when the file is shorter).
  // Null: recognised by its name only.
  bool (*magic)(std::string_view head) = nullptr;
  // File name endings that pick this format when no entry's magic matched: ".h5".
  std::vector<std::string_view> extensions;
  // Reads `path` into `model`. On failure, `error` is the whole message, from the path on:
  // "model.keras:config.json:3:5: ...", "model.h5: holds only weights ...".
  bool (*read)(const std::string& path, Model& model, std::string& error) = nullptr;
  // For a format that holds several models, each fed its own data (Python source): reads them
  // all, instead of `read`.
  bool (*read_models)(const std::string& path, std::vector<SourceModel>& models,
                      std::string& error) = nullptr;
  // The reader takes the whole file into memory, so --max-file-size applies.
  bool read_whole = false;
  // The file name ending picks this format before any magic is tried (a notebook is JSON).
  bool named_first = false;
};

inline constexpr size_t kHeadSize = 1024;  // an HDF5 signature may sit at byte 512

const std::vector<SourceFormat>& source_formats();

// Reads the models at `path`: a file of any format in the table, or a folder holding one
// (a TensorFlow.js model.json, a Keras 3 unzipped config.json). A model file gives one model; a
// Python file, every model it builds, with the data it feeds each.
// A file read whole that is larger than `max_file_size` is refused before it is read.
bool read_model_sources(const std::string& path, uint64_t max_file_size,
                        std::vector<SourceModel>& models, std::string& error);

// The model files named by `paths`, in order: a folder that holds no model of its own (no
// model.json, config.json or saved_model.pb) stands for the model files under it (.json,
// .keras, .h5, .hdf5, .py, .ipynb, and folders that hold a model), sorted by path; Jupyter's
// .ipynb_checkpoints folders are left out.
std::vector<std::string> expand_model_paths(const std::vector<std::string>& paths);

// Reads the whole file at `path` into `text`, in one read; on failure sets `error`
// ("PATH: cannot open: REASON").
bool read_text_file(const std::string& path, std::string& text, std::string& error);

// Reads model config JSON `text`; `name` is what positions are given in ("model.json",
// "model.keras:config.json").
bool read_json_model(std::string text, const std::string& name, Model& model, std::string& error);

}  // namespace dimsum
