// Axes of size 1 added and removed: expand_dims and squeeze.
#include <fmt/format.h>

#include <algorithm>

#include "ops/axes.h"

namespace dimsum::ops {

using namespace detail;

Result expand_dims(const Dims& x, const std::vector<int64_t>& axes) {
  size_t rank = x.size() + axes.size();
  Axes at = resolve_axes(axes, rank);
  if (at.failure) return *at.failure;
  Dims out;
  for (size_t i = 0, next = 0; i < rank; ++i)
    out.push_back(std::find(at.axes.begin(), at.axes.end(), i) != at.axes.end() ? Dim(1)
                                                                                : x[next++]);
  return Result::of(std::move(out));
}

Result squeeze(const Dims& x, const std::optional<std::vector<int64_t>>& axes, Unknown unknown) {
  Dims out;
  if (!axes) {
    for (Dim d : x) {
      if (!d.known()) return Result::unknown();  // it may be 1 (TensorFlow: rank unknown)
      if (d.value() != 1) out.push_back(d);
    }
    return Result::of(std::move(out));
  }
  // NumPy takes axis 0 and -1 of a 0-d array (and gives it back); TensorFlow's range check
  // rejects them.
  if (x.empty() && !axes->empty() && unknown == Unknown::kMayNot) return Result::unknown();
  Axes at = resolve_axes(*axes, x.size());
  if (at.failure) return *at.failure;
  for (size_t i = 0; i < x.size(); ++i) {
    bool dropped = std::find(at.axes.begin(), at.axes.end(), i) != at.axes.end();
    if (dropped && x[i].known() && x[i].value() != 1)
      return Result::fail(Fault::kAxis, fmt::format("cannot squeeze axis {} of {}: its size is "
                                                    "{}, not 1",
                                                    i, shape_text(x), x[i].value()));
    if (dropped && !x[i].specified() && unknown == Unknown::kMayNot)
      return Result::unknown();  // the data's size may not be 1
    if (!dropped) out.push_back(x[i]);
  }
  return Result::of(std::move(out));
}

}  // namespace dimsum::ops
