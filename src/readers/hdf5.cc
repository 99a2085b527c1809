#include "readers/hdf5.h"

#include <fmt/format.h>
#include <hdf5.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <csignal>
#include <cstring>
#include <vector>

namespace dimsum {

namespace {

// The longest model config read: VGG16's is 20 KB; a config of 64 MB is no real model.
constexpr size_t kMaxConfigBytes = 64 << 20;
// Reading one attribute takes milliseconds; a child still busy after this is stuck.
constexpr unsigned kChildSeconds = 10;

// An HDF5 identifier closed by its own close function when it goes out of scope.
class Handle {
 public:
  Handle(hid_t id, herr_t (*close)(hid_t)) : id_(id), close_(close) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() {
    if (id_ >= 0) close_(id_);
  }
  bool valid() const { return id_ >= 0; }
  hid_t get() const { return id_; }

 private:
  hid_t id_;
  herr_t (*close_)(hid_t);
};

// The library prints its error stack to stderr by default; dimsum prints one line instead, so
// the stack is silenced once and its innermost message (the actual cause) is kept.
void quiet_library() {
  static bool done = [] {
    H5open();
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    H5PLset_loading_state(0);  // only attributes are read: no filter plugin is ever needed
    return true;
  }();
  (void)done;
}

std::string library_error() {
  std::string message;
  H5Ewalk2(
      H5E_DEFAULT, H5E_WALK_UPWARD,
      [](unsigned n, const H5E_error2_t* error, void* out) -> herr_t {
        if (n == 0 && error->desc) *static_cast<std::string*>(out) = error->desc;
        return 0;
      },
      &message);
  H5Eclear2(H5E_DEFAULT);
  return message.empty() ? "unknown HDF5 error" : message;
}

bool read_string_attribute(hid_t attribute, std::string_view name, std::string& out,
                           std::string& error) {
  Handle type(H5Aget_type(attribute), H5Tclose);
  Handle space(H5Aget_space(attribute), H5Sclose);
  if (!type.valid() || !space.valid()) {
    error = fmt::format("damaged HDF5 file: {}", library_error());
    return false;
  }
  if (H5Tget_class(type.get()) != H5T_STRING || H5Sget_simple_extent_npoints(space.get()) != 1) {
    error = fmt::format("its \"{}\" attribute is not one string, as Keras writes it", name);
    return false;
  }
  Handle memory(H5Tcopy(H5T_C_S1), H5Tclose);
  H5Tset_cset(memory.get(), H5Tget_cset(type.get()));  // h5py writes a str as UTF-8
  if (H5Tis_variable_str(type.get()) > 0) {            // written from a Python str
    H5Tset_size(memory.get(), H5T_VARIABLE);
    char* text = nullptr;
    if (H5Aread(attribute, memory.get(), &text) < 0 || !text) {
      error = fmt::format("cannot read its \"{}\" attribute: {}", name, library_error());
      return false;
    }
    out = text;
    H5free_memory(text);
  } else {  // written from bytes: model.save() stores json.dumps(...).encode("utf8")
    size_t size = H5Tget_size(type.get());
    if (size == 0 || size > kMaxConfigBytes) {
      error = fmt::format("its \"{}\" attribute is {} bytes: not a model config", name, size);
      return false;
    }
    H5Tset_size(memory.get(), size);
    H5Tset_strpad(memory.get(), H5T_STR_NULLPAD);
    std::vector<char> buffer(size);
    if (H5Aread(attribute, memory.get(), buffer.data()) < 0) {
      error = fmt::format("cannot read its \"{}\" attribute: {}", name, library_error());
      return false;
    }
    out.assign(buffer.data(), size);
    out.resize(out.find('\0') == std::string::npos ? size : out.find('\0'));
  }
  return true;
}

bool has_attribute(hid_t file, const char* name) { return H5Aexists(file, name) > 0; }
bool has_link(hid_t file, const char* name) { return H5Lexists(file, name, H5P_DEFAULT) > 0; }

// Says what an HDF5 file without a model config is, and what to pass instead.
std::string no_config_message(hid_t file) {
  constexpr std::string_view kInstead =
      "; to check the model, pass the file model.save(\"model.keras\") writes, or the JSON of "
      "model.to_json()";
  if (has_attribute(file, "layer_names") || has_link(file, "model_weights"))
    return fmt::format(
        "holds only weights (model.save_weights() writes such a file), not the "
        "model's config{}",
        kInstead);
  if (has_link(file, "layers") || has_link(file, "vars"))
    return fmt::format(
        "is a Keras 3 weights file (.weights.h5), which holds no model "
        "config{}",
        kInstead);
  return fmt::format(
      "is an HDF5 file without a Keras model config (no \"model_config\" "
      "attribute on its root group){}",
      kInstead);
}

// An optional string attribute of the root group (training_config, keras_version): empty when
// absent or unreadable, which never stops the model from being read.
std::string optional_attribute(hid_t file, const char* name) {
  std::string out, error;
  if (H5Aexists(file, name) <= 0) {
    H5Eclear2(H5E_DEFAULT);
    return "";
  }
  Handle attribute(H5Aopen(file, name, H5P_DEFAULT), H5Aclose);
  if (!attribute.valid() || !read_string_attribute(attribute.get(), name, out, error)) out.clear();
  H5Eclear2(H5E_DEFAULT);
  return out;
}

bool read_in_this_process(const std::string& path, Hdf5Model& model, std::string& error) {
  quiet_library();
  if (H5Fis_hdf5(path.c_str()) <= 0) {
    error = "not an HDF5 file (no HDF5 signature)";
    H5Eclear2(H5E_DEFAULT);
    return false;
  }
  Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (!file.valid()) {
    error = fmt::format("damaged HDF5 file: {}", library_error());
    return false;
  }
  htri_t exists = H5Aexists(file.get(), "model_config");
  if (exists < 0) {
    error = fmt::format("damaged HDF5 file: {}", library_error());
    return false;
  }
  if (exists == 0) {
    error = no_config_message(file.get());
    H5Eclear2(H5E_DEFAULT);
    return false;
  }
  Handle attribute(H5Aopen(file.get(), "model_config", H5P_DEFAULT), H5Aclose);
  if (!attribute.valid()) {
    error = fmt::format("damaged HDF5 file: {}", library_error());
    return false;
  }
  if (!read_string_attribute(attribute.get(), "model_config", model.config, error)) return false;
  model.training_config = optional_attribute(file.get(), "training_config");
  model.keras_version = optional_attribute(file.get(), "keras_version");
  return true;
}

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// The child's answer on the pipe: '0' and the error, or '1' and each attribute as its length in
// decimal, ':' and its bytes.
void answer_from_child(const std::string& path, int fd) {
  alarm(kChildSeconds);  // a damaged file can also send the library into an endless loop
  Hdf5Model model;
  std::string error;
  if (read_in_this_process(path, model, error)) {
    write_all(fd, "1");
    for (const std::string* field : {&model.config, &model.training_config, &model.keras_version})
      if (!write_all(fd, fmt::format("{}:", field->size())) || !write_all(fd, *field)) break;
  } else {
    write_all(fd, "0");
    write_all(fd, error);
  }
  close(fd);
  _exit(0);  // not exit(): the parent's stdio buffers and atexit handlers are not the child's
}

// Takes one field of the child's answer ("12:{...}") off the front of `answer`.
bool take_field(std::string_view& answer, std::string& field) {
  size_t colon = answer.find(':');
  size_t size = 0;
  auto [end, ec] =
      std::from_chars(answer.data(), answer.data() + std::min(colon, answer.size()), size);
  if (colon == std::string_view::npos || ec != std::errc() || end != answer.data() + colon ||
      answer.size() - colon - 1 < size)
    return false;
  field = std::string(answer.substr(colon + 1, size));
  answer.remove_prefix(colon + 1 + size);
  return true;
}

}  // namespace

bool read_hdf5_model(const std::string& path, Hdf5Model& model, std::string& error) {
  int fds[2];
  if (pipe(fds) != 0) {
    error = fmt::format("cannot read: {}", std::strerror(errno));
    return false;
  }
  pid_t child = fork();
  if (child < 0) {
    close(fds[0]);
    close(fds[1]);
    error = fmt::format("cannot read: {}", std::strerror(errno));
    return false;
  }
  if (child == 0) {
    close(fds[0]);
    answer_from_child(path, fds[1]);
  }
  close(fds[1]);
  std::string answer;
  char buffer[1 << 16];
  for (;;) {
    ssize_t n = read(fds[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    // Three attributes, each at most kMaxConfigBytes when fixed-length.
    if (answer.size() <= 3 * kMaxConfigBytes) answer.append(buffer, static_cast<size_t>(n));
  }
  close(fds[0]);
  int status = 0;
  while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || answer.empty()) {
    error = WIFSIGNALED(status)
                ? fmt::format(
                      "damaged HDF5 file: the HDF5 library failed on it ({})",
                      WTERMSIG(status) == SIGALRM ? "it ran too long" : strsignal(WTERMSIG(status)))
                : "damaged HDF5 file: the HDF5 library failed on it";
    return false;
  }
  if (answer[0] != '1') {
    error = answer.substr(1);
    return false;
  }
  std::string_view fields = std::string_view(answer).substr(1);
  if (!take_field(fields, model.config) || !take_field(fields, model.training_config) ||
      !take_field(fields, model.keras_version)) {
    error = "damaged HDF5 file: the HDF5 library failed on it";
    return false;
  }
  return true;
}

}  // namespace dimsum
