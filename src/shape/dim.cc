#include "shape/dim.h"

#include "shape/symbolic.h"

namespace dimsum {

std::string to_string(Dim dim) {
  if (dim.symbolic()) return symbolic_text(dim);
  return dim.known() ? std::to_string(dim.value()) : "None";
}

int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

std::optional<Dim> checked_mul(Dim a, Dim b) {
  if (a.symbolic() || b.symbolic()) return symbolic_mul(a, b);
  if (!a.known() || !b.known()) return Dim::unknown();
  auto product = checked_mul(a.value(), b.value());
  if (!product || !Dim::representable(*product)) return std::nullopt;
  return Dim(*product);
}

std::optional<Dim> checked_add(Dim a, Dim b) {
  if (a.symbolic() || b.symbolic()) return symbolic_add(a, b);
  if (!a.known() || !b.known()) return Dim::unknown();
  auto sum = checked_add(a.value(), b.value());
  if (!sum || !Dim::representable(*sum)) return std::nullopt;
  return Dim(*sum);
}

}  // namespace dimsum
