// A JSON document tree that remembers where each value sits in the file, so every diagnostic
// and every config error can name a line and column. Parsing is done by RapidJSON's SAX reader
// (iterative, so deep nesting cannot overflow the stack; UTF-8 validated).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "model/source.h"

namespace dimsum::json {

class Member;

enum class Kind : uint8_t { kNull, kBool, kNumber, kString, kArray, kObject };

// A read-only view of `size` elements stored elsewhere (in an Arena): what a parsed tree's
// containers are. Declared with an incomplete element type, so Value can hold a range of Members.
template <typename T>
class Range {
 public:
  Range() = default;
  Range(const T* data, uint32_t size) : data_(data), size_(size) {}
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }
  std::reverse_iterator<const T*> rbegin() const { return std::reverse_iterator<const T*>(end()); }
  std::reverse_iterator<const T*> rend() const { return std::reverse_iterator<const T*>(begin()); }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const T& operator[](size_t i) const { return data_[i]; }
  const T& front() const { return data_[0]; }
  const T& back() const { return data_[size_ - 1]; }

 private:
  const T* data_ = nullptr;
  uint32_t size_ = 0;
};

// Whether `text` is well-formed UTF-8 (RFC 3629), as RapidJSON's validation accepts it.
bool is_utf8(std::string_view text);
// `text` as well-formed UTF-8: each byte that starts no well-formed sequence replaced by U+FFFD,
// so that what dimsum writes (JSON above all) is valid whatever bytes a source file held.
std::string valid_utf8(std::string_view text);

// Whether a JSON number's text stands for an integer exactly ("3", "3.0", "-1", "3e2"), and
// which; false also when it does not fit in 64 bits.
bool read_integer(std::string_view number, int64_t& out);
// The same as an optional, as Value::as_integer. Inline, as checked_add is (shape/dim.h): every
// integer of a config is read here, and a std::optional returned from a call costs a stall.
inline std::optional<int64_t> integer_of(std::string_view number) {
  int64_t out = 0;
  if (!read_integer(number, out)) return std::nullopt;
  return out;
}

// A value of a parsed tree. It owns nothing: its text and children live in the Arena of the
// Document (or other owner) that made it, so a tree of millions of values is a few large blocks
// instead of millions of small allocations, and copying a Value is copying a view.
struct Value {
  Kind kind = Kind::kNull;
  bool boolean = false;
  uint32_t offset = 0;  // byte offset of the value's first character

  // Numbers keep their text: whether "3" or "3.0" or "1e30" is an acceptable integer is the
  // caller's question, and the text lets the message quote exactly what the file says.
  std::string_view text() const {  // a string's contents, a number's literal text; else empty
    return kind == Kind::kString || kind == Kind::kNumber
               ? std::string_view(static_cast<const char*>(data_), size_)
               : std::string_view();
  }
  Range<Value> items() const {  // an array's; empty for anything else
    return kind == Kind::kArray ? Range<Value>(static_cast<const Value*>(data_), size_)
                                : Range<Value>();
  }
  Range<Member> members() const {  // an object's, in file order; empty for anything else
    return kind == Kind::kObject ? Range<Member>(static_cast<const Member*>(data_), size_)
                                 : Range<Member>();
  }

  static Value scalar(Kind kind, std::string_view text, uint32_t offset);
  static Value of_bool(bool b, uint32_t offset);
  static Value array(Range<Value> items, uint32_t offset);
  static Value object(Range<Member> members, uint32_t offset);

  bool is_null() const { return kind == Kind::kNull; }
  bool is_string() const { return kind == Kind::kString; }
  bool is_number() const { return kind == Kind::kNumber; }
  bool is_array() const { return kind == Kind::kArray; }
  bool is_object() const { return kind == Kind::kObject; }

  // The member's value, or nullptr. Of duplicate keys the last wins, as in Python's json
  // module, which is what Keras reads configs with.
  const Value* find(std::string_view key) const;

  // The number as an integer when it is one exactly ("3", "3.0", "-1"); nullopt otherwise,
  // including when it does not fit in 64 bits.
  std::optional<int64_t> as_integer() const {
    return kind == Kind::kNumber ? integer_of(text()) : std::nullopt;
  }
  std::optional<double> as_double() const;

 private:
  // One pointer and one size for the text, the items or the members, whichever `kind` has: a
  // value is 24 bytes, and a large config has millions of them.
  uint32_t size_ = 0;
  const void* data_ = nullptr;
};

// A member of an object. Its key stays in the file's text, far from the tree in memory, so the
// member also keeps the key's length and first four bytes: a lookup passes over the other keys
// without reading the text, which it reads only to confirm a longer key that matches both.
class Member {
 public:
  Member() = default;
  Member(std::string_view key, Value value);
  std::string_view key() const { return {key_, key_size_}; }
  // Whether the key is `key`, whose head is key_head(key).
  bool has_key(std::string_view key, uint32_t head) const;
  // The first four bytes of `key`, zero-padded.
  static uint32_t key_head(std::string_view key);

  Value value;

 private:
  const char* key_ = nullptr;
  uint32_t key_size_ = 0;
  uint32_t key_head_ = 0;
};

// Starts loading into the cache the memory from `before` bytes ahead of `at` to `after` bytes
// past it, for a reader about to walk a part of a large tree it last touched long ago. The
// parser writes an object's members after everything nested in it, so the bytes before an
// object's members hold most of its subtree. A hint only: nothing is dereferenced, and a
// prefetch never faults.
inline void prefetch_around(const void* at, size_t before, size_t after) {
  auto middle = reinterpret_cast<uintptr_t>(at);
  for (uintptr_t line = middle - std::min<uintptr_t>(before, middle); line < middle + after;
       line += 64)
    __builtin_prefetch(reinterpret_cast<const void*>(line));
}

// The number a JSON number's text stands for, as Value::as_double.
std::optional<double> double_of(std::string_view number);

std::string_view kind_name(Kind kind);

// Blocks of memory that values, their children and their text are placed in, freed together.
class Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  std::string_view copy(std::string_view text);
  ~Arena() { clear(); }
  void clear();
  template <typename T>
  Range<T> copy(const T* first, size_t count) {
    static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);
    if (count == 0) return {};
    auto* out = static_cast<T*>(allocate(sizeof(T) * count, alignof(T)));
    std::copy(first, first + count, out);
    return Range<T>(out, static_cast<uint32_t>(count));
  }

 private:
  void* allocate(size_t bytes, size_t align);

  struct Block {
    std::byte* data;
    size_t size;
    bool mapped;  // from mmap (large blocks), else from new[]
  };
  static constexpr size_t kHugePage = size_t{2} << 20;
  static Block mapped_block(size_t size);
  std::vector<Block> blocks_;
  std::byte* next_ = nullptr;
  size_t left_ = 0;
  size_t block_size_ = size_t{64} << 10;
};

// A tree under construction, for readers that make values rather than parse them (the Python
// reader's layer arguments, a .npy header's dict): owning, growable. freeze() turns it into a
// Value whose storage is `arena`.
struct NodeMember;
struct Node {
  Kind kind = Kind::kNull;
  bool boolean = false;
  std::string text;
  uint32_t offset = 0;
  std::vector<Node> items;
  std::vector<NodeMember> members;

  bool is_string() const { return kind == Kind::kString; }
  bool is_array() const { return kind == Kind::kArray; }
  bool is_object() const { return kind == Kind::kObject; }
  const Node* find(std::string_view key) const;
  std::optional<int64_t> as_integer() const {
    return kind == Kind::kNumber ? integer_of(text) : std::nullopt;
  }
};

struct NodeMember {
  std::string key;
  Node value;
};

Value freeze(const Node& node, Arena& arena);

// Values frozen from Nodes and kept together: a pointer keep() returns stays valid while the
// store lives (a reader's rewritten layer configs).
class NodeStore {
 public:
  const Value* keep(const Node& node) {
    values_.push_back(freeze(node, arena_));
    return &values_.back();
  }

 private:
  Arena arena_;
  std::deque<Value> values_;  // a deque: pointers into it stay valid as it grows
};

// A parsed file: its text (kept to compute positions on demand) and its tree.
class Document : public SourceText {
 public:
  // Parses `text`. On failure returns false and sets `error` to "line:column: what is wrong".
  bool parse(std::string text, std::string& error);

  const Value& root() const { return root_; }

 private:
  Arena arena_;
  Value root_;
};

// Nesting deeper than this is refused: no real model config comes near it.
inline constexpr int kMaxDepth = 512;
// So are more values than this (numbers, strings, lists, ...): a Keras config has some 20 to 50
// per layer, and the tree takes 24 to 40 bytes for each, whatever its size in the file ("0," is
// two), so the cap bounds the tree near 200 MB.
inline constexpr size_t kMaxValues = 5'000'000;

}  // namespace dimsum::json
