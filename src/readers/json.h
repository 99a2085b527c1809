// A JSON document tree that remembers where each value sits in the file, so every diagnostic
// and every config error can name a line and column. Parsing is done by RapidJSON's SAX reader
// (iterative, so deep nesting cannot overflow the stack; UTF-8 validated).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/source.h"

namespace dimsum::json {

struct Member;

enum class Kind : uint8_t { kNull, kBool, kNumber, kString, kArray, kObject };

struct Value {
  Kind kind = Kind::kNull;
  bool boolean = false;
  // Numbers keep their text: whether "3" or "3.0" or "1e30" is an acceptable integer is the
  // caller's question, and the text lets the message quote exactly what the file says.
  std::string text;             // the string's contents, or the number's literal text
  uint32_t offset = 0;          // byte offset of the value's first character
  std::vector<Value> items;     // kArray
  std::vector<Member> members;  // kObject, in file order

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
  std::optional<int64_t> as_integer() const;
  std::optional<double> as_double() const;
};

struct Member {
  std::string key;
  Value value;
};

std::string_view kind_name(Kind kind);

// A parsed file: its text (kept to compute positions on demand) and its tree.
class Document : public SourceText {
 public:
  // Parses `text`. On failure returns false and sets `error` to "line:column: what is wrong".
  bool parse(std::string text, std::string& error);

  const Value& root() const { return root_; }

 private:
  Value root_;
};

// Nesting deeper than this is refused: no real model config comes near it.
inline constexpr int kMaxDepth = 512;
// So are more values than this (numbers, strings, lists, ...): a Keras config has some 20 to 50
// per layer, and the tree takes some 130 bytes for each, whatever its size in the file ("0," is
// two), so the cap bounds the tree near 650 MB.
inline constexpr size_t kMaxValues = 5'000'000;

}  // namespace dimsum::json
