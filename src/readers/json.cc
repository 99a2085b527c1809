#include "readers/json.h"

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>
#include <sys/mman.h>

#include <mutex>
#include <new>
#include <utility>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <iterator>

#include <fmt/format.h>

namespace dimsum::json {

// RapidJSON's StringStream reads until a NUL, and its UTF-8 validation takes a multi-byte
// sequence's continuation bytes without looking for one: a file ending in a lead byte (0xF4)
// made it read past the string's end (found by fuzzing). This stream gives NULs past the end.
class BoundedStream {
 public:
  using Ch = char;
  BoundedStream(const char* begin, size_t size)
      : begin_(begin), current_(begin), end_(begin + size) {}
  Ch Peek() const { return current_ < end_ ? *current_ : '\0'; }
  Ch Take() { return current_ < end_ ? *current_++ : '\0'; }
  size_t Tell() const { return static_cast<size_t>(current_ - begin_); }
  // Write-side members the stream concept names; the reader never calls them on input.
  Ch* PutBegin() { return nullptr; }
  void Put(Ch) {}
  void Flush() {}
  size_t PutEnd(Ch*) { return 0; }

 private:
  const char* begin_;
  const char* current_;
  const char* end_;
};

}  // namespace dimsum::json

// Strings and numbers are read on a local copy of the stream, as for RapidJSON's own StringStream
// (the TreeBuilder relies on it for positions).
template <>
struct rapidjson::StreamTraits<dimsum::json::BoundedStream> {
  enum { copyOptimization = 1 };
};

namespace dimsum::json {

namespace {

// Builds the tree from SAX events, recording where each value starts. Values go to the arena;
// a string or number whose decoded text is the file's own bytes (no escapes) is a view into the
// file's text, so only escaped strings are copied.
template <typename Stream>
class TreeBuilder {
 public:
  // `in_place`: the text's first byte, writable, when RapidJSON parses it in place.
  TreeBuilder(Stream& stream, std::string_view source, char* in_place, Arena& arena)
      : stream_(stream), source_(source), in_place_(in_place), arena_(arena) {}

  bool Null() { return add_scalar(Kind::kNull, {}, here() - 4); }
  // Strings and numbers are parsed on a copy of the stream that is written back only after the
  // handler returns, so here() is still the token's first character; the keywords are not.
  bool Bool(bool b) { return add(Value::of_bool(b, here() - (b ? 4 : 5))); }
  bool RawNumber(const char*, rapidjson::SizeType length, bool) {
    // A number token holds no escape: its text is the file's own bytes.
    return add_scalar(Kind::kNumber, source_.substr(here(), length), here());
  }
  bool String(const char* str, rapidjson::SizeType length, bool) {
    std::string_view text;
    return decode({str, length}, here() + 1, text) && add_scalar(Kind::kString, text, here());
  }
  bool Key(const char* str, rapidjson::SizeType length, bool) {
    return decode({str, length}, here() + 1, pending_key_);
  }
  bool StartObject() { return open(Kind::kObject); }
  bool EndObject(rapidjson::SizeType) { return close(); }
  bool StartArray() { return open(Kind::kArray); }
  bool EndArray(rapidjson::SizeType) { return close(); }
  // Unused with kParseNumbersAsStringsFlag, but the handler concept requires them.
  bool Int(int) { return false; }
  bool Uint(unsigned) { return false; }
  bool Int64(int64_t) { return false; }
  bool Uint64(uint64_t) { return false; }
  bool Double(double) { return false; }

  // Why the builder stopped the parse (too deep, too many values); empty if it did not.
  const std::string& refused() const { return refused_; }
  Value root() const { return root_; }

 private:
  // RapidJSON validates the file's UTF-8 but decodes an escaped lone low surrogate ("\udc00")
  // into the bytes ED B0 80, which are no UTF-8: every report that printed the name would be
  // malformed (found by fuzzing). Encoded surrogates are the only bytes an escape can make wrong:
  // the file's own bytes are checked by RapidJSON's validation.
  bool is_unicode(std::string_view text) {
    for (size_t i = 0; i + 1 < text.size(); ++i)
      if (static_cast<unsigned char>(text[i]) == 0xED &&
          static_cast<unsigned char>(text[i + 1]) >= 0xA0) {
        refused_ =
            "malformed JSON: a string holds an escaped lone surrogate (such as \\udc00), "
            "which is not Unicode text";
        return false;
      }
    return true;
  }

  // Whether the decoded text differs from the file's bytes from `raw`: when the file has no
  // backslash in the decoded length from there, the token had no escape (an escape comes after
  // the text before it, so it would sit inside that length).
  bool escaped(std::string_view decoded, size_t raw) const {
    return raw + decoded.size() > source_.size() ||
           std::memchr(source_.data() + raw, '\\', decoded.size()) != nullptr;
  }

  // The decoded text of a string or a key: a view into the file where the file holds exactly it,
  // else a copy; false when an escape decoded to a lone surrogate.
  bool decode(std::string_view decoded, size_t raw, std::string_view& out) {
    if (in_place_) {
      // Parsed in place, from a file without a backslash: the text is the file's own bytes. The
      // parse ended it with a NUL over the closing quote; diagnostics quote the file's lines, so
      // the quote is put back.
      in_place_[raw + decoded.size()] = '"';
      out = decoded;
      return true;
    }
    if (!escaped(decoded, raw)) {
      out = source_.substr(raw, decoded.size());
      return true;
    }
    if (!is_unicode(decoded)) return false;
    out = arena_.copy(decoded);
    return true;
  }

  struct Frame {
    Kind kind;
    uint32_t offset;
    std::string_view key;  // the key under which this container sits in its parent object
    size_t first = 0;      // where its children start on pending_items_ or pending_members_
  };

  uint32_t here() const { return static_cast<uint32_t>(stream_.Tell()); }

  bool add_scalar(Kind kind, std::string_view text, uint32_t offset) {
    return add(Value::scalar(kind, text, offset));
  }

  bool open(Kind kind) {
    if (stack_.size() >= static_cast<size_t>(kMaxDepth)) {
      refused_ = fmt::format("JSON nested deeper than {} levels, which no model config comes near",
                             kMaxDepth);
      return false;
    }
    if (!count_value()) return false;
    Frame frame;
    frame.kind = kind;
    frame.offset = here();  // the iterative reader calls before taking the bracket
    frame.key = pending_key_;
    frame.first = kind == Kind::kArray ? pending_items_.size() : pending_members_.size();
    stack_.push_back(frame);
    return true;
  }

  // A container's children wait on one shared stack until it closes, then are copied into the
  // arena in one block of exactly their number.
  bool close() {
    Frame frame = stack_.back();
    stack_.pop_back();
    pending_key_ = frame.key;
    if (frame.kind == Kind::kArray)
      return add(Value::array(take_children(pending_items_, frame.first), frame.offset));
    return add(Value::object(take_children(pending_members_, frame.first), frame.offset));
  }

  template <typename T>
  Range<T> take_children(std::vector<T>& pending, size_t first) {
    Range<T> out = arena_.copy(pending.data() + first, pending.size() - first);
    pending.resize(first);
    return out;
  }

  // Every value costs 24 to 40 bytes in the tree, whatever its size in the file: "0," is two.
  // The cap keeps a file of millions of tiny values from taking gigabytes.
  bool count_value() {
    if (++values_ <= kMaxValues) return true;
    refused_ = fmt::format(
        "more than {} JSON values, which no model config comes near (is this "
        "data saved as JSON?)",
        kMaxValues);
    return false;
  }

  bool add(const Value& v) {
    if (v.kind != Kind::kArray && v.kind != Kind::kObject && !count_value()) return false;
    if (stack_.empty()) {
      root_ = v;
      return true;
    }
    if (stack_.back().kind == Kind::kArray)
      pending_items_.push_back(v);
    else
      pending_members_.emplace_back(pending_key_, v);
    pending_key_ = {};
    return true;
  }

  Stream& stream_;
  std::string_view source_;
  char* in_place_;
  Arena& arena_;
  std::vector<Frame> stack_;
  std::vector<Value> pending_items_;
  std::vector<Member> pending_members_;
  std::string_view pending_key_;
  Value root_;
  size_t values_ = 0;
  std::string refused_;
};

constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseNumbersAsStringsFlag |
                            rapidjson::kParseNanAndInfFlag;

// The length of the well-formed UTF-8 sequence (RFC 3629: no overlong forms, no encoded
// surrogates, nothing past U+10FFFF) that starts at `p`; 0 when none does.
ptrdiff_t utf8_length(const unsigned char* p, const unsigned char* end) {
  if (*p < 0x80) return 1;
  // The lead byte gives the length and the range of the first continuation byte.
  unsigned char lead = *p, low = 0x80, high = 0xBF;
  ptrdiff_t length = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // overlong below U+0800
    if (lead == 0xED) high = 0x9F;  // surrogates U+D800..U+DFFF
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;   // overlong below U+10000
    if (lead == 0xF4) high = 0x8F;  // past U+10FFFF
  } else {
    return 0;
  }
  if (end - p < length || p[1] < low || p[1] > high) return 0;
  for (ptrdiff_t i = 2; i < length; ++i)
    if (p[i] < 0x80 || p[i] > 0xBF) return 0;
  return length;
}

}  // namespace

// Whether `text` is well-formed UTF-8: exactly what RapidJSON's validation accepts. Eight ASCII
// bytes are passed at a time.
bool is_utf8(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    uint64_t word = 0;
    if (end - p >= 8 && (std::memcpy(&word, p, 8), (word & 0x8080808080808080u) == 0)) {
      p += 8;
      continue;
    }
    ptrdiff_t length = utf8_length(p, end);
    if (length == 0) return false;
    p += length;
  }
  return true;
}

std::string valid_utf8(std::string_view text) {
  if (is_utf8(text)) return std::string(text);
  std::string out;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    ptrdiff_t length = utf8_length(p, end);
    if (length == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER, for each ill-formed byte
      ++p;
      continue;
    }
    out.append(reinterpret_cast<const char*>(p), static_cast<size_t>(length));
    p += length;
  }
  return out;
}

namespace {

// Parses the text from `stream` into a tree in `arena`; `refused`: why the builder stopped it.
template <unsigned kParseFlags, typename Stream>
rapidjson::ParseResult parse_tree(Stream stream, std::string_view content, char* in_place,
                                  Arena& arena, Value& root, std::string& refused) {
  TreeBuilder<Stream> builder(stream, content, in_place, arena);
  rapidjson::Reader reader;
  rapidjson::ParseResult ok = reader.Parse<kParseFlags>(stream, builder);
  root = builder.root();
  refused = builder.refused();
  return ok;
}

std::string lowercase_message(std::string message) {
  if (!message.empty()) message[0] = static_cast<char>(std::tolower(message[0]));
  while (!message.empty() && message.back() == '.') message.pop_back();
  return message;
}

}  // namespace

// Of duplicate keys the last wins, so the search runs from the end.
const Value* Value::find(std::string_view key) const {
  uint32_t head = Member::key_head(key);
  for (auto it = members().rbegin(); it != members().rend(); ++it)
    if (it->has_key(key, head)) return &it->value;
  return nullptr;
}

Member::Member(std::string_view key, Value member_value)
    : value(member_value),
      key_(key.data()),
      key_size_(static_cast<uint32_t>(key.size())),
      key_head_(key_head(key)) {}

// A key of four bytes or more is read in one load, a shorter one assembled in a register. Copied
// with a length that varies (up to four), the bytes were stored one at a time and the word then
// loaded whole, which the processor cannot forward from the stores: a stall on every member
// parsed and every key looked up.
uint32_t Member::key_head(std::string_view key) {
  uint32_t head = 0;
  if (key.size() >= sizeof head) {
    std::memcpy(&head, key.data(), sizeof head);
    return head;
  }
  for (size_t i = 0; i < key.size(); ++i)
    head |= uint32_t{static_cast<unsigned char>(key[i])} << (8 * i);
  return head;
}

bool Member::has_key(std::string_view key, uint32_t head) const {
  return key_size_ == key.size() && key_head_ == head &&
         (key.size() <= sizeof head ||
          std::memcmp(key_ + sizeof head, key.data() + sizeof head, key.size() - sizeof head) == 0);
}

Value Value::scalar(Kind kind, std::string_view text, uint32_t offset) {
  Value v;
  v.kind = kind;
  v.offset = offset;
  v.data_ = text.data();
  v.size_ = static_cast<uint32_t>(text.size());
  return v;
}

Value Value::of_bool(bool b, uint32_t offset) {
  Value v;
  v.kind = Kind::kBool;
  v.boolean = b;
  v.offset = offset;
  return v;
}

Value Value::array(Range<Value> items, uint32_t offset) {
  Value v;
  v.kind = Kind::kArray;
  v.offset = offset;
  v.data_ = items.begin();
  v.size_ = static_cast<uint32_t>(items.size());
  return v;
}

Value Value::object(Range<Member> members, uint32_t offset) {
  Value v;
  v.kind = Kind::kObject;
  v.offset = offset;
  v.data_ = members.begin();
  v.size_ = static_cast<uint32_t>(members.size());
  return v;
}

const Node* Node::find(std::string_view key) const {
  for (auto it = members.rbegin(); it != members.rend(); ++it)
    if (it->key == key) return &it->value;
  return nullptr;
}

std::optional<double> double_of(std::string_view number) {
  double d = 0;
  auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), d);
  if (ec != std::errc() || ptr != number.data() + number.size()) return std::nullopt;
  return d;
}

bool read_integer(std::string_view number, int64_t& out) {
  auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), out);
  if (ec == std::errc() && ptr == number.data() + number.size()) return true;
  if (ec == std::errc::result_out_of_range) return false;
  // "3.0" or "3e2": accept when the value is an exact integer within range, as Keras does.
  auto d = double_of(number);
  if (!d || !std::isfinite(*d) || std::floor(*d) != *d) return false;
  if (*d < -9.2e18 || *d > 9.2e18) return false;
  out = static_cast<int64_t>(*d);
  return true;
}

std::optional<double> Value::as_double() const {
  return kind == Kind::kNumber ? double_of(text()) : std::nullopt;
}

// Blocks grow with the tree (64 KiB to 32 MiB), so a small config costs one small block. A large
// tree's cost was mostly page faults, one per 4 KiB first touched (expensive on a virtual
// machine); blocks of 2 MiB and more are mapped on their own and marked for transparent huge
// pages, one fault per 2 MiB where the kernel allows them (harmless where it does not).
void* Arena::allocate(size_t bytes, size_t align) {
  size_t skip = (align - reinterpret_cast<uintptr_t>(next_) % align) % align;
  if (next_ == nullptr || skip + bytes > left_) {
    size_t size = std::max(bytes + align, block_size_);
    block_size_ = std::min(block_size_ * 2, size_t{32} << 20);
    Block block = size >= kHugePage ? mapped_block(size) : Block{new std::byte[size], size, false};
    blocks_.push_back(block);
    next_ = block.data;
    left_ = size;
    skip = (align - reinterpret_cast<uintptr_t>(next_) % align) % align;
  }
  void* out = next_ + skip;
  next_ += skip + bytes;
  left_ -= skip + bytes;
  return out;
}

namespace {

// Mapped blocks that arenas released, for the next arena to take instead of mapping new ones:
// on this project's virtual machine the first touch of fresh memory, huge pages or not, cost
// more than parsing what goes into it (a third of the parse of a 100k-layer config). Bounded,
// so that a process which once read a large config keeps at most kMaxBytes of it; shared by
// the threads that check files in parallel.
class BlockCache {
 public:
  static BlockCache& instance() {
    static BlockCache cache;
    return cache;
  }

  // A released block of at least `size` bytes, or nullptr with `size` unchanged.
  std::byte* take(size_t& size) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (size_t i = 0; i < blocks_.size(); ++i) {
      if (blocks_[i].second < size) continue;
      auto [data, actual] = blocks_[i];
      blocks_.erase(blocks_.begin() + static_cast<std::ptrdiff_t>(i));
      bytes_ -= actual;
      size = actual;
      return data;
    }
    return nullptr;
  }

  // Keeps the block for a later arena; false when the cache is full (the caller unmaps it).
  bool keep(std::byte* data, size_t size) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (bytes_ + size > kMaxBytes) return false;
    blocks_.emplace_back(data, size);
    bytes_ += size;
    return true;
  }

 private:
  static constexpr size_t kMaxBytes = size_t{256} << 20;
  std::mutex mutex_;
  std::vector<std::pair<std::byte*, size_t>> blocks_;
  size_t bytes_ = 0;
};

}  // namespace

Arena::Block Arena::mapped_block(size_t size) {
  if (std::byte* reused = BlockCache::instance().take(size)) return Block{reused, size, true};
  void* p = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) throw std::bad_alloc();
  madvise(p, size, MADV_HUGEPAGE);
  return Block{static_cast<std::byte*>(p), size, true};
}

void Arena::clear() {
  for (const Block& block : blocks_) {
    if (!block.mapped)
      delete[] block.data;
    else if (!BlockCache::instance().keep(block.data, block.size))
      munmap(block.data, block.size);
  }
  blocks_.clear();
  next_ = nullptr;
  left_ = 0;
  block_size_ = size_t{64} << 10;
}

std::string_view Arena::copy(std::string_view text) {
  if (text.empty()) return {};
  auto* out = static_cast<char*>(allocate(text.size(), 1));
  std::copy(text.begin(), text.end(), out);
  return {out, text.size()};
}

Value freeze(const Node& node, Arena& arena) {
  switch (node.kind) {
    case Kind::kBool: return Value::of_bool(node.boolean, node.offset);
    case Kind::kArray: {
      std::vector<Value> items;
      items.reserve(node.items.size());
      for (const Node& item : node.items) items.push_back(freeze(item, arena));
      return Value::array(arena.copy(items.data(), items.size()), node.offset);
    }
    case Kind::kObject: {
      std::vector<Member> members;
      members.reserve(node.members.size());
      for (const NodeMember& m : node.members)
        members.emplace_back(arena.copy(m.key), freeze(m.value, arena));
      return Value::object(arena.copy(members.data(), members.size()), node.offset);
    }
    default: return Value::scalar(node.kind, arena.copy(node.text), node.offset);
  }
}

std::string_view kind_name(Kind kind) {
  switch (kind) {
    case Kind::kNull: return "null";
    case Kind::kBool: return "a boolean";
    case Kind::kNumber: return "a number";
    case Kind::kString: return "a string";
    case Kind::kArray: return "a list";
    case Kind::kObject: return "an object";
  }
  return "a value";
}

bool Document::parse(std::string text, std::string& error) {
  reset(std::move(text));
  arena_.clear();
  root_ = {};
  std::string& content = mutable_text();
  if (auto nul = content.find('\0'); nul != std::string::npos) {
    auto pos = position(static_cast<uint32_t>(nul));
    error = fmt::format("{}:{}: a NUL byte: this is not a JSON text file", pos.line, pos.column);
    return false;
  }
  if (content.size() >= UINT32_MAX) {
    error = "the file is larger than 4 GiB";
    return false;
  }
  if (content.starts_with("\xEF\xBB\xBF")) {
    error =
        "1:1: malformed JSON: the file starts with a UTF-8 byte order mark, which JSON does "
        "not allow (Python's json module refuses it too); to check it, save the file as "
        "UTF-8 without a byte order mark";
    return false;
  }
  // A file of valid UTF-8 without a backslash (nearly every config) is parsed in place: no escape
  // to decode, so every string is the file's own bytes and none is copied; RapidJSON scans them
  // and whitespace 16 bytes at a time where the build allows (RAPIDJSON_SSE2, CMakeLists.txt).
  // Any other file takes the validating reader, whose errors say which string is malformed.
  std::string refused;
  Value root;
  rapidjson::ParseResult ok = is_utf8(content) && content.find('\\') == std::string::npos
                                  ? parse_tree<kFlags | rapidjson::kParseInsituFlag>(
                                        rapidjson::InsituStringStream(content.data()), content,
                                        content.data(), arena_, root, refused)
                                  : parse_tree<kFlags | rapidjson::kParseValidateEncodingFlag>(
                                        BoundedStream(content.data(), content.size()), content,
                                        nullptr, arena_, root, refused);
  if (!ok) {
    auto pos = position(static_cast<uint32_t>(ok.Offset()));
    if (!refused.empty()) {
      error = fmt::format("{}:{}: {}", pos.line, pos.column, refused);
      return false;
    }
    std::string what = lowercase_message(rapidjson::GetParseError_En(ok.Code()));
    size_t last = content.find_last_not_of(" \t\r\n");
    if (last == std::string::npos)
      what = "the file is empty";
    else if (ok.Offset() > last)
      what = "the file ends before the JSON value is complete (truncated?)";
    error = fmt::format("{}:{}: malformed JSON: {}", pos.line, pos.column, what);
    return false;
  }
  root_ = root;
  return true;
}
}  // namespace dimsum::json
