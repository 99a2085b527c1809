#include "ops/axes.h"

#include <fmt/format.h>

#include <algorithm>

#include "shape/shape.h"

namespace dimsum::ops::detail {

std::optional<Dim> same_size(Dim a, Dim b) {
  if (a == b) return a;
  if (a.known() && b.known()) return std::nullopt;
  if (a.known()) return a;
  if (b.known()) return b;
  return Dim::unknown();  // two different expressions, or None and one
}

std::string axis_out_of_range(int64_t axis, size_t rank) {
  int64_t r = static_cast<int64_t>(rank);
  if (r == 0) return fmt::format("axis {} is out of range for rank 0 (which has no axes)", axis);
  return fmt::format("axis {} is out of range for rank {} (from {} to {})", axis, r, -r, r - 1);
}

Axes resolve_axes(const std::vector<int64_t>& axes, size_t rank, bool repeats_taken) {
  Axes out;
  for (int64_t axis : axes) {
    auto at = normalize_axis(axis, rank);
    if (!at) {
      out.failure = Result::fail(Fault::kAxis, axis_out_of_range(axis, rank));
      return out;
    }
    if (std::find(out.axes.begin(), out.axes.end(), *at) == out.axes.end()) {
      out.axes.push_back(*at);
    } else if (repeats_taken) {
      out.repeated = true;
    } else {
      out.failure = Result::fail(Fault::kAxis, fmt::format("axis {} is named twice", *at));
      return out;
    }
  }
  return out;
}

std::optional<Dim> element_count(const Dims& dims) {
  for (Dim d : dims)
    if (d.known() && d.value() == 0) return Dim(0);
  Dim n(1);
  for (Dim d : dims) {
    auto next = checked_mul(n, d);
    if (!next) return std::nullopt;
    n = *next;
  }
  return n;
}

std::string shape_text(const Dims& dims) { return tuple_string(dims); }

}  // namespace dimsum::ops::detail
