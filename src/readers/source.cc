#include "readers/source.h"

#include <fmt/format.h>

#include <sys/stat.h>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "python/python.h"
#include "readers/archive.h"
#include "readers/hdf5.h"
#include "readers/json.h"
#include "readers/keras_config.h"
#include "readers/notebook.h"
#include "readers/npy.h"

namespace dimsum {

namespace {

// A config.json of 64 MB is no real model (VGG16's is 20 KB): refuse it rather than read it.
constexpr uint64_t kMaxConfigBytes = 64 << 20;

constexpr std::string_view kPassInstead =
    "to check the model, pass the file model.save(\"model.keras\") writes, or the JSON of "
    "model.to_json()";

bool is_zip(std::string_view head) {
  return head.starts_with("PK\x03\x04") || head.starts_with("PK\x05\x06");
}

bool is_hdf5(std::string_view head) {
  return head.starts_with(kHdf5Magic) ||
         (head.size() > 512 && head.substr(512).starts_with(kHdf5Magic));
}

bool is_npy(std::string_view head) { return head.starts_with(kNpyMagic); }

bool is_json_text(std::string_view head) {
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);  // a UTF-8 byte order mark
  size_t first = head.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && (head[first] == '{' || head[first] == '[');
}

bool read_json_file(const std::string& path, Model& model, std::string& error) {
  std::string text;
  return read_text_file(path, text, error) && read_json_model(std::move(text), path, model, error);
}

// A Keras 3 archive: config.json (model.to_json()), metadata.json and model.weights.h5.
bool read_keras_archive(const std::string& path, Model& model, std::string& error) {
  ZipArchive archive;
  std::string why;
  if (!archive.open(path, why)) {
    error = fmt::format("{}: {}", path, why);
    return false;
  }
  if (auto config = archive.find("config.json")) {
    std::string text;
    if (!archive.read(*config, kMaxConfigBytes, text, why)) {
      error = fmt::format("{}: {}", path, why);
      return false;
    }
    return read_json_model(std::move(text), path + ":config.json", model, error);
  }
  bool arrays = !archive.names().empty();
  for (const std::string& name : archive.names()) arrays = arrays && name.ends_with(".npy");
  if (arrays) {
    error = fmt::format(
        "{}: is a NumPy .npz file of arrays, not a model; to feed it to the "
        "model as data, pass it with --data {}",
        path, path);
    return false;
  }
  error = fmt::format("{}: is a zip archive without config.json, not a Keras .keras file; {}", path,
                      kPassInstead);
  return false;
}

// model.save("model.h5"): the model's config, and how it is compiled (training_config), as
// root attributes. A training_config dimsum cannot parse is left out, never an error.
bool read_hdf5(const std::string& path, Model& model, std::string& error) {
  Hdf5Model file;
  std::string why;
  if (!read_hdf5_model(path, file, why)) {
    error = fmt::format("{}: {}", path, why);
    return false;
  }
  if (!read_json_model(std::move(file.config), path + ":model_config", model, error)) return false;
  json::Document training;
  if (!file.training_config.empty() && training.parse(std::move(file.training_config), why))
    read_compile_config(training.root(), file.keras_version.starts_with("3."), model);
  return true;
}

bool refuse_npy(const std::string& path, Model&, std::string& error) {
  error = fmt::format(
      "{}: is a NumPy array (.npy), not a model; to feed it to the model as data, "
      "pass it with --data {}",
      path, path);
  return false;
}

std::string saved_model_message(const std::string& path) {
  return fmt::format(
      "{}: is a TensorFlow SavedModel (a graph in a protocol buffer), which holds "
      "no Keras config; {}",
      path, kPassInstead);
}

bool refuse_saved_model(const std::string& path, Model&, std::string& error) {
  error = saved_model_message(path);
  return false;
}

// The files that make a folder a model, in the order they are looked for: TensorFlow.js writes
// model.json beside its weight shards; Keras 3 saves unzipped as config.json beside
// metadata.json; a SavedModel has saved_model.pb (which has no Keras config: dimsum says so).
constexpr std::string_view kModelFolderFiles[] = {"model.json", "config.json", "saved_model.pb"};

// The path of the model file in `folder`, or empty when it holds none.
std::string model_file_in(const std::string& folder) {
  struct stat info {};
  for (std::string_view name : kModelFolderFiles) {
    std::string path = fmt::format("{}/{}", folder, name);
    if (stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode)) return path;
  }
  return "";
}

bool folder_holds_model(const std::string& folder) { return !model_file_in(folder).empty(); }

bool model_in_folder(const std::string& folder, std::string& path, std::string& error) {
  path = model_file_in(folder);
  if (path.ends_with("/saved_model.pb")) {
    error = saved_model_message(folder);
    return false;
  }
  if (!path.empty()) return true;
  error = fmt::format("{}: is a directory without a model file (model.json or config.json) in it",
                      folder);
  return false;
}

// "1 GiB", "256 MiB", "300 bytes".
std::string size_text(uint64_t bytes) {
  constexpr std::string_view kUnits[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  if (bytes < 1024) return fmt::format("{} bytes", bytes);
  double value = static_cast<double>(bytes) / 1024;
  size_t unit = 0;
  for (; value >= 1024 && unit + 1 < std::size(kUnits); ++unit) value /= 1024;
  return fmt::format("{:.3g} {}", value, kUnits[unit]);
}

std::string too_large(const std::string& file, uint64_t size, uint64_t limit) {
  constexpr uint64_t kMiB = 1 << 20;
  return fmt::format(
      "{}: is {}, more than the {} a model file read whole may be; to check it "
      "anyway, use --max-file-size {}M",
      file, size_text(size), size_text(limit), (size + kMiB - 1) / kMiB);
}

const SourceFormat* format_of(const std::string& path, std::string_view head) {
  // A notebook is JSON, which the config format's magic claims: its name decides first.
  for (const SourceFormat& format : source_formats())
    if (format.named_first)
      for (std::string_view extension : format.extensions)
        if (path.ends_with(extension)) return &format;
  for (const SourceFormat& format : source_formats())
    if (format.magic && format.magic(head)) return &format;
  for (const SourceFormat& format : source_formats())
    for (std::string_view extension : format.extensions)
      if (path.ends_with(extension)) return &format;
  return nullptr;
}

// A pipe or a device (/dev/stdin, process substitution) gives its bytes only once and may never
// end (/dev/zero): read at most `max_file_size` bytes of it, then recognise the text. Binary
// formats need to seek, so they must be saved to a file first.
bool read_stream(const std::string& file, uint64_t max_file_size, std::vector<SourceModel>& models,
                 std::string& error) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    error = fmt::format("{}: cannot open: {}", file, std::strerror(errno));
    return false;
  }
  std::string text;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<size_t>(in.gcount()));
    if (text.size() > max_file_size) {
      error = fmt::format(
          "{}: gives more than {} (a pipe or a device read whole); to check it "
          "anyway, use a larger --max-file-size",
          file, size_text(max_file_size));
      return false;
    }
  }
  std::string_view head = std::string_view(text).substr(0, kHeadSize);
  if (looks_like_python(head)) return read_python_text(std::move(text), file, models, error);
  if (looks_like_notebook(head)) return read_notebook_text(std::move(text), file, models, error);
  if (is_zip(head) || is_hdf5(head) || is_npy(head)) {
    error = fmt::format(
        "{}: is a binary file given through a pipe or a device; save it to a file "
        "and pass its path",
        file);
    return false;
  }
  Model model;
  if (!read_json_model(std::move(text), file, model, error)) return false;
  models.emplace_back().model = std::move(model);
  return true;
}

}  // namespace

bool read_text_file(const std::string& path, std::string& text, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = fmt::format("{}: cannot open: {}", path, std::strerror(errno));
    return false;
  }
  // One read of the whole file: a stream iterator copies a 40 MB config a byte at a time.
  in.seekg(0, std::ios::end);
  text.resize(static_cast<size_t>(std::max<std::streamoff>(in.tellg(), 0)));
  in.seekg(0, std::ios::beg);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(in.gcount()));
  return true;
}

const std::vector<SourceFormat>& source_formats() {
  static const std::vector<SourceFormat> formats = {
      {"Keras archive (.keras)", is_zip, {".keras"}, read_keras_archive},
      {"Keras HDF5 (.h5)", is_hdf5, {".h5", ".hdf5"}, read_hdf5},
      {"NumPy array (.npy)", is_npy, {".npy"}, refuse_npy},
      {"TensorFlow SavedModel (.pb)", nullptr, {".pb"}, refuse_saved_model},
      {"Python source (.py)", looks_like_python, {".py"}, nullptr, read_python_file, true},
      {"Jupyter notebook (.ipynb)",
       looks_like_notebook,
       {".ipynb"},
       nullptr,
       read_notebook_file,
       true,
       true},
      {"Keras config JSON", is_json_text, {".json"}, read_json_file, nullptr, true},
  };
  return formats;
}

std::vector<std::string> expand_model_paths(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (!fs::is_directory(path, ec) || folder_holds_model(path)) {
      out.push_back(path);
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      std::string entry = it->path().string();
      if (it->is_directory(ec)) {
        // Jupyter's autosaved copies of the notebooks beside the folder: not the user's files.
        if (it->path().filename() == ".ipynb_checkpoints") {
          it.disable_recursion_pending();
          continue;
        }
        if (folder_holds_model(entry)) {  // a model saved as a folder is one model
          found.push_back(entry);
          it.disable_recursion_pending();
        }
        continue;
      }
      constexpr std::string_view kModelFiles[] = {".json", ".keras", ".h5",
                                                  ".hdf5", ".py",    ".ipynb"};
      if (std::find(std::begin(kModelFiles), std::end(kModelFiles),
                    it->path().extension().string()) != std::end(kModelFiles))
        found.push_back(entry);
    }
    std::sort(found.begin(), found.end());
    // A folder with nothing to check stays itself: reading it says why.
    if (found.empty()) found.push_back(path);
    std::move(found.begin(), found.end(), std::back_inserter(out));
  }
  return out;
}

bool read_model_sources(const std::string& path, uint64_t max_file_size,
                        std::vector<SourceModel>& models, std::string& error) {
  struct stat info {};
  if (stat(path.c_str(), &info) != 0) {
    error = fmt::format("{}: cannot open: {}", path, std::strerror(errno));
    return false;
  }
  std::string file = path;
  if (S_ISDIR(info.st_mode) && !model_in_folder(path, file, error)) return false;
  if (file != path && stat(file.c_str(), &info) != 0) {
    error = fmt::format("{}: cannot open: {}", file, std::strerror(errno));
    return false;
  }
  if (!S_ISREG(info.st_mode)) return read_stream(file, max_file_size, models, error);
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    error = fmt::format("{}: cannot open: {}", file, std::strerror(errno));
    return false;
  }
  std::string head(kHeadSize, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  const SourceFormat* format = format_of(file, head);
  if ((!format || format->read_whole) && static_cast<uint64_t>(info.st_size) > max_file_size) {
    error = too_large(file, static_cast<uint64_t>(info.st_size), max_file_size);
    return false;
  }
  if (format && format->read_models) return format->read_models(file, models, error);
  Model model;
  if (!(format ? format->read(file, model, error) : read_json_file(file, model, error)))
    return false;
  models.emplace_back().model = std::move(model);
  return true;
}

bool read_json_model(std::string text, const std::string& name, Model& model, std::string& error) {
  auto document = std::make_shared<json::Document>();
  if (!document->parse(std::move(text), error) || !read_keras_model(document, name, model, error)) {
    error = name + ":" + error;
    return false;
  }
  return true;
}

}  // namespace dimsum
