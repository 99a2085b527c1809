// Dim: one size of a tensor shape, either a known non-negative integer or unknown (Keras' None).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace dimsum {

class Dim {
 public:
  constexpr Dim() = default;  // unknown
  constexpr explicit Dim(int64_t value) : value_(value) {}
  static constexpr Dim unknown() { return Dim(); }

  constexpr bool known() const { return value_ != kUnknown; }
  constexpr int64_t value() const { return value_; }

  friend constexpr bool operator==(Dim a, Dim b) = default;

 private:
  // Not -1: a window arithmetic result of -1 is a real (failing) size that must stay known.
  static constexpr int64_t kUnknown = INT64_MIN;
  int64_t value_ = kUnknown;
};

// "None" for an unknown size, as Keras prints it; the number otherwise.
std::string to_string(Dim dim);

// Overflow-checked arithmetic: a model with sizes near 2^63 must be reported, never wrapped.
std::optional<int64_t> checked_mul(int64_t a, int64_t b);
std::optional<int64_t> checked_add(int64_t a, int64_t b);

// Unknown when either side is unknown; nullopt on overflow.
std::optional<Dim> checked_mul(Dim a, Dim b);
std::optional<Dim> checked_add(Dim a, Dim b);

}  // namespace dimsum
