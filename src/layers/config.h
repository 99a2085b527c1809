// Typed, located access to one layer's config. Keras normalises a config before it infers a
// shape (standardize_tuple, standardize_padding, ...); these getters do the same, and a value of
// the wrong type throws ConfigError, which the reader turns into "file:line:column: ..." and
// exit status 2.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "readers/json.h"
#include "shape/dim.h"
#include "shape/window.h"

namespace dimsum {

// `message` is kept whole as a std::string: a name from the file may hold a NUL byte, at which
// what()'s C string would end.
struct ConfigError : std::runtime_error {
  ConfigError(uint32_t offset_in, std::string message_in)
      : std::runtime_error(message_in), offset(offset_in), message(std::move(message_in)) {}
  uint32_t offset;
  std::string message;
};

class LayerConfig {
 public:
  // `object` must outlive this; `fallback_offset` locates errors about missing keys.
  LayerConfig(const json::Value* object, uint32_t fallback_offset);

  bool has(std::string_view key) const;
  const json::Value* raw(std::string_view key) const;
  uint32_t offset() const { return offset_; }

  int64_t integer(std::string_view key) const;
  int64_t integer(std::string_view key, int64_t fallback) const;
  std::optional<int64_t> optional_integer(std::string_view key) const;
  double number(std::string_view key, double fallback) const;
  bool boolean(std::string_view key, bool fallback) const;
  std::string string(std::string_view key, std::string_view fallback) const;
  // An integer or a list of `n` integers, as Keras' standardize_tuple accepts.
  std::vector<int64_t> ints(std::string_view key, size_t n, int64_t fallback) const;
  std::vector<int64_t> ints(std::string_view key, size_t n) const;
  // A list of integers of any length (Permute's dims, Reshape's target_shape).
  std::vector<int64_t> int_list(std::string_view key) const;
  // A shape whose entries may be null: [null, 28, 28].
  std::optional<Dims> shape(std::string_view key) const;
  // "valid" | "same" | "causal" (the latter only where `allow_causal`).
  Padding padding(bool allow_causal) const;
  // true for channels_first; Keras' default is channels_last.
  bool channels_first() const;
  // A nested layer: {"class_name": ..., "config": {...}} under `key`.
  const json::Value& nested_layer(std::string_view key) const;

  [[noreturn]] void fail(const json::Value* at, std::string message) const;

 private:
  // The value under `key`, or nullptr when it is missing or null.
  const json::Value* given(std::string_view key) const;
  const json::Value& require(std::string_view key) const;
  std::vector<int64_t> ints_of(std::string_view key, const json::Value& v, size_t n) const;
  int64_t to_integer(std::string_view key, const json::Value& v) const;

  const json::Value* object_;
  uint32_t offset_;
};

}  // namespace dimsum
