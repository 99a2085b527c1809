#include "shape/shape.h"

#include <fmt/format.h>

namespace dimsum {

bool Shape::fully_known() const {
  if (!rank_known_) return false;
  for (Dim d : dims_)
    if (!d.known()) return false;
  return true;
}

std::optional<Dim> Shape::elements_from(size_t first) const {
  Dim product(1);
  for (size_t axis = first; axis < dims_.size(); ++axis) {
    auto next = checked_mul(product, dims_[axis]);
    if (!next) return std::nullopt;
    product = *next;
  }
  return product;
}

std::string tuple_string(const Dims& dims) {
  std::string out = "(";
  for (size_t i = 0; i < dims.size(); ++i) {
    if (i) out += ", ";
    out += to_string(dims[i]);
  }
  if (dims.size() == 1) out += ",";
  return out + ")";
}

std::string to_string(const Shape& shape) {
  if (!shape.rank_known()) return "?";
  return tuple_string(shape.dims());
}

std::optional<size_t> normalize_axis(int64_t axis, size_t rank) {
  int64_t r = static_cast<int64_t>(rank);
  if (axis < -r || axis >= r) return std::nullopt;
  return static_cast<size_t>(axis < 0 ? axis + r : axis);
}

}  // namespace dimsum
