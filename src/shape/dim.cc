#include "shape/dim.h"

namespace dimsum {

std::string to_string(Dim dim) { return dim.known() ? std::to_string(dim.value()) : "None"; }

std::optional<int64_t> checked_mul(int64_t a, int64_t b) {
  int64_t out = 0;
  if (__builtin_mul_overflow(a, b, &out)) return std::nullopt;
  return out;
}

std::optional<int64_t> checked_add(int64_t a, int64_t b) {
  int64_t out = 0;
  if (__builtin_add_overflow(a, b, &out)) return std::nullopt;
  return out;
}

std::optional<Dim> checked_mul(Dim a, Dim b) {
  if (!a.known() || !b.known()) return Dim::unknown();
  auto product = checked_mul(a.value(), b.value());
  if (!product) return std::nullopt;
  return Dim(*product);
}

std::optional<Dim> checked_add(Dim a, Dim b) {
  if (!a.known() || !b.known()) return Dim::unknown();
  auto sum = checked_add(a.value(), b.value());
  if (!sum) return std::nullopt;
  return Dim(*sum);
}

}  // namespace dimsum
