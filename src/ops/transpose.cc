// Axes permuted: np.transpose, x.T, tf.transpose.
#include <fmt/format.h>

#include "ops/axes.h"

namespace dimsum::ops {

using namespace detail;

Result transpose(const Dims& x, const std::optional<std::vector<int64_t>>& perm, Dialect dialect) {
  if (!perm) return Result::of(Dims(x.rbegin(), x.rend()));
  std::string listed;
  for (int64_t axis : *perm) listed += (listed.empty() ? "" : ", ") + std::to_string(axis);
  if (perm->size() != x.size())
    return Result::fail(Fault::kAxis, fmt::format("the permutation ({}) names {} axes, and {} has "
                                                  "{}",
                                                  listed, perm->size(), shape_text(x), x.size()));
  for (int64_t axis : *perm)
    if (dialect == Dialect::kTensorFlow && axis < 0)
      return Result::fail(Fault::kAxis,
                          fmt::format("the permutation ({}) has the negative axis {}: "
                                      "TensorFlow takes axes from 0 to {}",
                                      listed, axis, static_cast<int64_t>(x.size()) - 1));
  Axes at = resolve_axes(*perm, x.size());
  if (at.failure) return *at.failure;
  Dims out;
  for (size_t axis : at.axes) out.push_back(x[axis]);
  return Result::of(std::move(out));
}

}  // namespace dimsum::ops
