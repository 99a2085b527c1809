// Reductions: sum, mean, max, argmax, ... and tf.math.reduce_*, tf.math.argmax.
#include <fmt/format.h>

#include <algorithm>

#include "ops/axes.h"

namespace dimsum::ops {

using namespace detail;

Result reduce(const Dims& x, const std::optional<std::vector<int64_t>>& axes, bool keepdims,
              bool needs_elements, Dialect dialect) {
  std::vector<size_t> reduced;
  // NumPy's ufunc reductions take axis 0 or -1 on an array of rank 0, its mean and std do not:
  // left unknown rather than told apart. TensorFlow's range check rejects every axis there.
  if (axes && x.empty() && !axes->empty() && dialect == Dialect::kNumPy) return Result::unknown();
  if (axes) {
    // NumPy raises on an axis named twice ("duplicate value in 'axis'"). TensorFlow's shape
    // function (ReductionShape, common_shape_fns.cc) collects the axes in a set, but its XLA
    // kernel rejects a repeat ("Axes contains duplicate dimension"): unknown.
    Axes at = resolve_axes(*axes, x.size(), dialect == Dialect::kTensorFlow);
    if (at.failure) return *at.failure;
    if (at.repeated) return Result::unknown();
    reduced = at.axes;
  } else {
    for (size_t i = 0; i < x.size(); ++i) reduced.push_back(i);
  }
  Dims out;
  for (size_t i = 0; i < x.size(); ++i) {
    bool gone = std::find(reduced.begin(), reduced.end(), i) != reduced.end();
    if (gone && needs_elements && x[i].known() && x[i].value() == 0)
      return Result::fail(Fault::kSizes,
                          fmt::format("axis {} of {} is empty, and this reduction needs an element",
                                      i, shape_text(x)));
    if (gone && needs_elements && !x[i].specified()) return Result::unknown();  // may be empty
    if (!gone)
      out.push_back(x[i]);
    else if (keepdims)
      out.push_back(Dim(1));
  }
  return Result::of(std::move(out));
}

}  // namespace dimsum::ops
