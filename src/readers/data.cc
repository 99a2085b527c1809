// --data and --labels: the shape and dtype of training data (or of its labels) from the header of
// a NumPy .npy file, or of each array of an .npz file; the arrays themselves are never read.
#include <fmt/format.h>

#include <sys/stat.h>
#include <fstream>

#include "dimsum/dimsum.h"
#include "readers/npy.h"

namespace dimsum {

namespace {

bool is_file(const std::string& path) {
  struct stat info {};
  return stat(path.c_str(), &info) == 0 && !S_ISDIR(info.st_mode);
}

// "[INPUT=]PATH[:KEY]": a name or key is split off only when the whole is not a file's name.
struct DataSpec {
  std::string name, path, key;
};

DataSpec split_spec(std::string_view spec) {
  DataSpec out{"", std::string(spec), ""};
  size_t eq = out.path.find('=');
  if (!is_file(out.path) && eq != std::string::npos && eq > 0 && out.path.find('/') > eq) {
    out.name = out.path.substr(0, eq);
    out.path.erase(0, eq + 1);
  }
  size_t colon = out.path.rfind(':');
  if (!is_file(out.path) && colon != std::string::npos && colon > 0) {
    out.key = out.path.substr(colon + 1);
    out.path.erase(colon);
  }
  return out;
}

InputShape array_input(const std::string& name, const std::string& source,
                       const NpyHeader& header) {
  InputShape input;
  input.name = name;
  input.source = source;
  input.dtype = header.dtype;
  for (int64_t size : header.shape) input.dims.push_back(Dim(size));
  return input;
}

bool check_has_samples(const InputShape& input, std::string& error) {
  if (!input.dims.empty()) return true;
  error = fmt::format("{}: holds a single value (shape ()), not an array of samples", input.source);
  return false;
}

// Where one flag's arrays go: --data feeds the model's inputs, --labels its outputs.
struct Target {
  std::string_view flag;  // "--data"
  std::string_view what;  // "input"
  std::vector<InputShape>& shapes;
  std::vector<DataArchive>& archives;
};

bool read_npz(const DataSpec& spec, const Target& target, std::string& error) {
  std::vector<NpzArray> arrays;
  if (!read_npz_file(spec.path, arrays, error)) {
    error = fmt::format("{}: {}", spec.path, error);
    return false;
  }
  if (spec.key.empty() && !spec.name.empty() && arrays.size() == 1) {
    target.shapes.push_back(
        array_input(spec.name, spec.path + ":" + arrays[0].key, arrays[0].header));
    return check_has_samples(target.shapes.back(), error);
  }
  if (spec.key.empty() && spec.name.empty()) {
    DataArchive archive{spec.path, {}};
    for (const NpzArray& array : arrays) {
      archive.arrays.push_back(array_input(array.key, spec.path + ":" + array.key, array.header));
      if (!check_has_samples(archive.arrays.back(), error)) return false;
    }
    target.archives.push_back(std::move(archive));
    return true;
  }
  std::string keys;
  for (const NpzArray& array : arrays) {
    keys += (keys.empty() ? "" : ", ") + array.key;
    if (array.key != spec.key) continue;
    target.shapes.push_back(array_input(spec.name, spec.path + ":" + array.key, array.header));
    return check_has_samples(target.shapes.back(), error);
  }
  error =
      spec.key.empty()
          ? fmt::format("{}: holds several arrays ({}); to give one to {} '{}', use {} {}={}:KEY",
                        spec.path, keys, target.what, spec.name, target.flag, spec.name, spec.path)
          : fmt::format("{}: has no array \"{}\"; its arrays are: {}", spec.path, spec.key, keys);
  return false;
}

bool read_array_file(std::string_view text, const Target& target, std::string& error) {
  DataSpec spec = split_spec(text);
  std::ifstream in(spec.path, std::ios::binary);
  if (!in || !is_file(spec.path)) {
    error = fmt::format("{} {}: cannot open {}", target.flag, text, spec.path);
    return false;
  }
  std::string head(kNpyMagic.size(), '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  if (head.starts_with("PK")) return read_npz(spec, target, error);
  if (!head.starts_with(kNpyMagic)) {
    error = fmt::format(
        "{}: not a NumPy .npy or .npz file; to give dimsum an array, save it with "
        "np.save(\"{}.npy\", {})",
        spec.path, target.what == "input" ? "x" : "y", target.what == "input" ? "x" : "y");
    return false;
  }
  if (!spec.key.empty()) {
    error = fmt::format("{}: an .npy file holds one array; \":{}\" picks an array of an .npz file",
                        spec.path, spec.key);
    return false;
  }
  NpyHeader header;
  if (!read_npy_file(spec.path, header, error)) {
    error = fmt::format("{}: {}", spec.path, error);
    return false;
  }
  target.shapes.push_back(array_input(spec.name, spec.path, header));
  return check_has_samples(target.shapes.back(), error);
}

}  // namespace

bool read_data(std::string_view text, CheckOptions& options, std::string& error) {
  return read_array_file(text, {"--data", "input", options.input_shapes, options.data_archives},
                         error);
}

bool read_labels(std::string_view text, CheckOptions& options, std::string& error) {
  return read_array_file(text, {"--labels", "output", options.labels, options.label_archives},
                         error);
}

}  // namespace dimsum
