#include "readers/npy.h"

#include <fmt/format.h>

#include <sys/stat.h>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>

#include "readers/archive.h"

namespace dimsum {

namespace {

// The subset of Python literals an .npy header is written in: strings, True/False/None,
// integers, tuples, lists and dicts. Nesting is bounded (a structured dtype nests a few levels).
struct PyValue {
  enum class Kind { kNone, kBool, kInt, kString, kTuple, kList, kDict } kind = Kind::kNone;
  bool boolean = false;
  int64_t integer = 0;
  std::string text;            // kString
  std::vector<PyValue> items;  // kTuple, kList; kDict: key, value, ...
  size_t begin = 0, end = 0;   // its span in the header text
};

class LiteralParser {
 public:
  explicit LiteralParser(std::string_view text) : text_(text) {}

  bool parse(PyValue& out, std::string& error) {
    if (!value(out, 0)) {
      error = error_;
      return false;
    }
    skip_space();
    if (pos_ != text_.size()) return fail("unexpected text after the header's dict", error);
    return true;
  }

 private:
  static constexpr int kMaxDepth = 16;

  bool fail(std::string message, std::string& error) {
    error = std::move(message);
    return false;
  }
  bool fail(std::string message) {
    return fail(fmt::format("{} at byte {}", message, pos_), error_);
  }

  void skip_space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\n' ||
                                   text_[pos_] == '\t' || text_[pos_] == '\r'))
      ++pos_;
  }
  bool word(std::string_view w) {
    if (text_.substr(pos_, w.size()) != w) return false;
    pos_ += w.size();
    return true;
  }

  bool value(PyValue& out, int depth) {
    if (depth > kMaxDepth) return fail("the header nests too deeply");
    skip_space();
    out.begin = pos_;
    if (pos_ == text_.size()) return fail("the header ends early");
    char c = text_[pos_];
    bool ok;
    if (c == '\'' || c == '"')
      ok = string(out);
    else if (c == '(')
      ok = sequence(out, PyValue::Kind::kTuple, ')', depth);
    else if (c == '[')
      ok = sequence(out, PyValue::Kind::kList, ']', depth);
    else if (c == '{')
      ok = dict(out, depth);
    else if (c == '-' || (c >= '0' && c <= '9'))
      ok = integer(out);
    else if (word("True"))
      ok = (out.kind = PyValue::Kind::kBool, out.boolean = true, true);
    else if (word("False"))
      ok = (out.kind = PyValue::Kind::kBool, true);
    else if (word("None"))
      ok = true;
    else if (c > ' ' && c < 127)
      ok = fail(fmt::format("unexpected character '{}'", c));
    else
      ok = fail(fmt::format("unexpected byte 0x{:02x}", static_cast<unsigned char>(c)));
    out.end = pos_;
    return ok;
  }

  bool string(PyValue& out) {
    char quote = text_[pos_++];
    out.kind = PyValue::Kind::kString;
    while (pos_ < text_.size() && text_[pos_] != quote) {
      if (text_[pos_] == '\\') return fail("escapes in header strings are not supported");
      out.text += text_[pos_++];
    }
    if (pos_ == text_.size()) return fail("a string in the header is not closed");
    ++pos_;
    return true;
  }

  bool integer(PyValue& out) {
    out.kind = PyValue::Kind::kInt;
    const char* first = text_.data() + pos_;
    auto [ptr, ec] = std::from_chars(first, text_.data() + text_.size(), out.integer);
    if (ec == std::errc::result_out_of_range) return fail("an integer in the header overflows");
    if (ec != std::errc()) return fail("malformed integer");
    pos_ += static_cast<size_t>(ptr - first);
    if (pos_ < text_.size() && text_[pos_] == 'L') ++pos_;  // Python 2 longs: (100L, 28L)
    return true;
  }

  bool sequence(PyValue& out, PyValue::Kind kind, char close, int depth) {
    out.kind = kind;
    ++pos_;
    for (;;) {
      skip_space();
      if (pos_ < text_.size() && text_[pos_] == close) break;
      if (!value(out.items.emplace_back(), depth + 1)) return false;
      skip_space();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == close) break;
      return fail(fmt::format("expected ',' or '{}'", close));
    }
    ++pos_;
    return true;
  }

  bool dict(PyValue& out, int depth) {
    out.kind = PyValue::Kind::kDict;
    ++pos_;
    for (;;) {
      skip_space();
      if (pos_ < text_.size() && text_[pos_] == '}') break;
      if (!value(out.items.emplace_back(), depth + 1)) return false;
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] != ':') return fail("expected ':'");
      ++pos_;
      if (!value(out.items.emplace_back(), depth + 1)) return false;
      skip_space();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == '}') break;
      return fail("expected ',' or '}'");
    }
    ++pos_;
    return true;
  }

  std::string_view text_;
  size_t pos_ = 0;
  std::string error_;
};

uint32_t little_endian(std::string_view bytes) {
  uint32_t value = 0;
  for (size_t i = bytes.size(); i-- > 0;) value = value << 8 | static_cast<unsigned char>(bytes[i]);
  return value;
}

// "<f4" -> float; the kind decides what Keras accepts, the size checks the file's length.
DataType::Kind kind_of(char type) {
  switch (type) {
    case 'b': return DataType::Kind::kBool;
    case 'i':
    case 'u': return DataType::Kind::kInteger;
    case 'f': return DataType::Kind::kFloat;
    case 'c': return DataType::Kind::kComplex;
    case 'U':
    case 'S':
    case 'a': return DataType::Kind::kString;
    case 'O': return DataType::Kind::kObject;
    default: return DataType::Kind::kOther;  // 'V' (raw bytes), 'M'/'m' (dates and times)
  }
}

bool read_descr(const PyValue& descr, NpyHeader& header, std::string_view text,
                std::optional<uint64_t>& item_size, std::string& error) {
  if (descr.kind == PyValue::Kind::kList) {  // a structured dtype: a list of fields
    header.descr = std::string(text.substr(descr.begin, descr.end - descr.begin));
    header.dtype = DataType{DataType::Kind::kOther, header.descr};
    return true;  // its item size depends on nested fields; the length check is skipped
  }
  if (descr.kind != PyValue::Kind::kString || descr.text.empty()) {
    error = "'descr' must be a dtype string such as '<f4'";
    return false;
  }
  header.descr = descr.text;
  std::string_view d = descr.text;
  if (d.front() == '<' || d.front() == '>' || d.front() == '|' || d.front() == '=')
    d.remove_prefix(1);
  if (d.empty()) {
    error = fmt::format("'descr' '{}' names no type", descr.text);
    return false;
  }
  header.dtype = DataType{kind_of(d.front()), descr.text};
  if (header.dtype.kind == DataType::Kind::kObject) return true;  // pickled: no fixed size
  uint64_t size = 0;
  auto [ptr, ec] = std::from_chars(d.data() + 1, d.data() + d.size(), size);
  bool sized = ec == std::errc() && (ptr == d.data() + d.size() || *ptr == '[');
  if (!sized) {
    error = fmt::format("'descr' '{}' is not a dtype NumPy writes", descr.text);
    return false;
  }
  item_size = d.front() == 'U' ? size * 4 : size;  // UCS-4 characters
  return true;
}

bool read_shape(const PyValue& shape, NpyHeader& header, std::string& error) {
  if (shape.kind != PyValue::Kind::kTuple) {
    error = "'shape' must be a tuple of sizes";
    return false;
  }
  for (const PyValue& size : shape.items) {
    if (size.kind != PyValue::Kind::kInt || size.integer < 0) {
      error = "'shape' must hold non-negative integers";
      return false;
    }
    header.shape.push_back(size.integer);
  }
  return true;
}

bool read_dict(const PyValue& dict, std::string_view text, NpyHeader& header, std::string& error) {
  if (dict.kind != PyValue::Kind::kDict) {
    error = "the header is not a dict";
    return false;
  }
  const PyValue *descr = nullptr, *fortran = nullptr, *shape = nullptr;
  for (size_t i = 0; i + 1 < dict.items.size(); i += 2) {
    const PyValue& key = dict.items[i];
    const PyValue* value = &dict.items[i + 1];
    if (key.kind == PyValue::Kind::kString && key.text == "descr")
      descr = value;
    else if (key.kind == PyValue::Kind::kString && key.text == "fortran_order")
      fortran = value;
    else if (key.kind == PyValue::Kind::kString && key.text == "shape")
      shape = value;
    else {
      error = "the header has a key other than 'descr', 'fortran_order' and 'shape'";
      return false;
    }
  }
  if (!descr || !fortran || !shape) {
    error = "the header lacks one of 'descr', 'fortran_order' and 'shape'";
    return false;
  }
  if (fortran->kind != PyValue::Kind::kBool) {
    error = "'fortran_order' must be True or False";
    return false;
  }
  header.fortran_order = fortran->boolean;
  std::optional<uint64_t> item_size;
  if (!read_descr(*descr, header, text, item_size, error) || !read_shape(*shape, header, error))
    return false;
  if (!item_size) return true;
  std::optional<int64_t> bytes = static_cast<int64_t>(*item_size);
  for (int64_t size : header.shape)
    if (bytes) bytes = checked_mul(*bytes, size);
  if (!bytes) {
    error = "the array's size in bytes overflows 64 bits";
    return false;
  }
  header.data_bytes = static_cast<uint64_t>(*bytes);
  return true;
}

std::string describe(const NpyHeader& header) {
  std::string shape = "(";
  for (size_t i = 0; i < header.shape.size(); ++i)
    shape += fmt::format("{}{}", i ? ", " : "", header.shape[i]);
  return shape + (header.shape.size() == 1 ? ",)" : ")") + " " + header.descr;
}

bool check_length(const NpyHeader& header, uint64_t file_size, std::string& error) {
  uint64_t follow = file_size > header.data_offset ? file_size - header.data_offset : 0;
  if (!header.data_bytes || follow >= *header.data_bytes) return true;
  error = fmt::format("truncated: the header promises an array {} of {} bytes, but only {} follow",
                      describe(header), *header.data_bytes, follow);
  return false;
}

}  // namespace

bool npy_header_size(std::string_view preamble, size_t& size, std::string& error) {
  if (preamble.substr(0, kNpyMagic.size()) != kNpyMagic) {
    error = "not a NumPy .npy file (no \\x93NUMPY magic)";
    return false;
  }
  if (preamble.size() < kNpyMagic.size() + 4) {
    error = "truncated .npy header";
    return false;
  }
  int major = static_cast<unsigned char>(preamble[6]);
  size_t length_bytes = major == 1 ? 2 : major == 2 || major == 3 ? 4 : 0;
  if (length_bytes == 0) {
    error = fmt::format(".npy format version {}.{} is not one NumPy writes (1, 2 or 3)", major,
                        static_cast<unsigned char>(preamble[7]));
    return false;
  }
  if (preamble.size() < 8 + length_bytes) {
    error = "truncated .npy header";
    return false;
  }
  uint32_t length = little_endian(preamble.substr(8, length_bytes));
  if (length > kNpyMaxHeaderSize) {
    error = fmt::format(".npy header of {} bytes: too large for a real header", length);
    return false;
  }
  size = 8 + length_bytes + length;
  return true;
}

bool parse_npy_header(std::string_view bytes, NpyHeader& header, std::string& error) {
  header = NpyHeader{};
  size_t size = 0;
  if (!npy_header_size(bytes, size, error)) return false;
  if (bytes.size() < size) {
    error = fmt::format("truncated .npy header: {} bytes of {}", bytes.size(), size);
    return false;
  }
  size_t start = static_cast<unsigned char>(bytes[6]) == 1 ? 10 : 12;
  std::string_view text = bytes.substr(start, size - start);
  PyValue dict;
  std::string why;
  if (!LiteralParser(text).parse(dict, why) || !read_dict(dict, text, header, why)) {
    error = fmt::format("malformed .npy header: {}", why);
    return false;
  }
  header.data_offset = size;
  return true;
}

bool read_npy_file(const std::string& path, NpyHeader& header, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  struct stat info {};
  if (!in || stat(path.c_str(), &info) != 0) {
    error = fmt::format("cannot open: {}", std::strerror(errno));
    return false;
  }
  std::string bytes(kNpyPreambleSize, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<size_t>(in.gcount()));
  size_t size = 0;
  if (!npy_header_size(bytes, size, error)) return false;
  if (size > bytes.size()) {
    size_t have = bytes.size();
    bytes.resize(size);
    in.read(bytes.data() + have, static_cast<std::streamsize>(size - have));
    bytes.resize(have + static_cast<size_t>(in.gcount()));
  }
  return parse_npy_header(bytes, header, error) &&
         check_length(header, static_cast<uint64_t>(info.st_size), error);
}

bool read_npz_file(const std::string& path, std::vector<NpzArray>& arrays, std::string& error) {
  ZipArchive archive;
  if (!archive.open(path, error)) return false;
  for (uint64_t i = 0; i < archive.names().size(); ++i) {
    const std::string& name = archive.names()[i];
    std::string bytes;
    size_t size = 0;
    NpzArray array;
    array.key = name.size() > 4 && name.ends_with(".npy") ? name.substr(0, name.size() - 4) : name;
    if (!archive.read_prefix(i, kNpyPreambleSize, bytes, error)) return false;
    if (!npy_header_size(bytes, size, error) || !archive.read_prefix(i, size, bytes, error) ||
        !parse_npy_header(bytes, array.header, error) ||
        !check_length(array.header, archive.size(i), error)) {
      error = fmt::format("array \"{}\": {}", array.key, error);
      return false;
    }
    arrays.push_back(std::move(array));
  }
  if (arrays.empty()) {
    error = "the .npz archive holds no arrays";
    return false;
  }
  return true;
}

}  // namespace dimsum
