// Helpers the operation families share (src/ops/ops.h): axes, sizes that must agree, element
// counts, and the text of a shape in a reason.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ops/ops.h"
#include "shape/shape.h"

namespace dimsum::ops::detail {

inline bool is_one(Dim d) { return d.known() && d.value() == 1; }

// Sizes that must be equal where exactly one is None: NumPy's data decides, so the result is
// unknown under Unknown::kMayNot rather than assumed to fit.
inline bool may_differ(Dim a, Dim b, Unknown unknown) {
  return unknown == Unknown::kMayNot && !a.specified() != !b.specified();
}

// Two sizes that must be equal: the known one when one is unknown, since the operation either
// finds them equal or fails; nullopt when they differ.
std::optional<Dim> same_size(Dim a, Dim b);

// The axes of a rank-`rank` array that `axes` name (negative from the end), each listed once.
// Fails when one is out of range or, unless the caller takes repeats (then `repeated` says so),
// when one is named twice.
struct Axes {
  std::vector<size_t> axes;
  std::optional<Result> failure;
  bool repeated = false;
};
Axes resolve_axes(const std::vector<int64_t>& axes, size_t rank, bool repeats_taken = false);

// "axis 3 is out of range for rank 2 (from -2 to 1)".
std::string axis_out_of_range(int64_t axis, size_t rank);

// The number of elements; zero whatever the unknown sizes are when one size is 0; nullopt on
// overflow.
std::optional<Dim> element_count(const Dims& dims);

// "(None, 10, 4)".
std::string shape_text(const Dims& dims);

}  // namespace dimsum::ops::detail
