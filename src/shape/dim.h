// Dim: one size of a tensor shape: a known integer, unknown (Keras' None), or symbolic (an
// expression over named sizes such as H and W, src/shape/symbolic.h). Layer rules that need a
// number treat a symbolic size as unknown; the arithmetic below keeps its expression.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace dimsum {

class Dim {
 public:
  constexpr Dim() = default;  // unknown
  // A known size. A `value` that is not representable() (only arithmetic on absurd sizes comes
  // near, and it reports them) becomes unknown rather than being read as an expression.
  constexpr explicit Dim(int64_t value) : value_(representable(value) ? value : kUnknown) {}
  static constexpr Dim unknown() { return Dim(); }
  // Whether `value` can be a known size: the values the encoding below reserves cannot. Only
  // arithmetic on absurd sizes reaches them, and it reports them as out of range.
  static constexpr bool representable(int64_t value) { return value > kLastSymbolic; }
  // The interned expression `id` (symbolic.cc makes them).
  static constexpr Dim from_expression(uint32_t id) {
    Dim dim;
    dim.value_ = kFirstSymbolic + int64_t{id};
    return dim;
  }

  constexpr bool known() const { return value_ > kLastSymbolic; }
  constexpr bool symbolic() const { return value_ >= kFirstSymbolic && value_ <= kLastSymbolic; }
  // Known or symbolic: a size that is something rather than None.
  constexpr bool specified() const { return value_ != kUnknown; }
  constexpr int64_t value() const { return value_; }
  constexpr uint32_t expression() const { return static_cast<uint32_t>(value_ - kFirstSymbolic); }

  friend constexpr bool operator==(Dim a, Dim b) = default;

 private:
  // Not -1: a window arithmetic result of -1 is a real (failing) size that must stay known. The
  // 2^32 values above INT64_MIN are expression ids; no real size (or failing size) comes near.
  static constexpr int64_t kUnknown = INT64_MIN;
  static constexpr int64_t kFirstSymbolic = INT64_MIN + 1;
  static constexpr int64_t kLastSymbolic = kFirstSymbolic + int64_t{UINT32_MAX};
  int64_t value_ = kUnknown;
};

// "None" for an unknown size, as Keras prints it; the number otherwise.
std::string to_string(Dim dim);

// Sizes that may be the same: equal, or either not a known number.
inline bool compatible(Dim a, Dim b) { return !a.known() || !b.known() || a == b; }

// Overflow-checked arithmetic: a model with sizes near 2^63 must be reported, never wrapped.
// Inline: a std::optional returned from a call is built in memory by g++ 12 and read back in a
// wider load than the stores that built it, which the processor cannot forward (a stall per call).
inline std::optional<int64_t> checked_mul(int64_t a, int64_t b) {
  int64_t out = 0;
  if (__builtin_mul_overflow(a, b, &out)) return std::nullopt;
  return out;
}
inline std::optional<int64_t> checked_add(int64_t a, int64_t b) {
  int64_t out = 0;
  if (__builtin_add_overflow(a, b, &out)) return std::nullopt;
  return out;
}

// Python's floor division (b > 0), which Keras' window formula relies on for negative numerators.
int64_t floor_div(int64_t a, int64_t b);

// Unknown when either side is unknown; symbolic when either is symbolic; nullopt on overflow
// (including a known result too negative to be represented).
std::optional<Dim> checked_mul(Dim a, Dim b);
std::optional<Dim> checked_add(Dim a, Dim b);

}  // namespace dimsum
