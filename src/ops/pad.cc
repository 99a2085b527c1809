// Padding: tf.pad.
#include <fmt/format.h>

#include "ops/axes.h"

namespace dimsum::ops {

using namespace detail;

Result pad(const Dims& x, const std::vector<std::pair<int64_t, int64_t>>& paddings) {
  if (paddings.size() != x.size())
    return Result::fail(Fault::kArgument,
                        fmt::format("paddings has {} pairs, and {} has rank {}: give one "
                                    "[before, after] pair per axis",
                                    paddings.size(), shape_text(x), x.size()));
  Dims out;
  for (size_t i = 0; i < x.size(); ++i) {
    auto [before, after] = paddings[i];
    if (before < 0 || after < 0)
      return Result::fail(Fault::kArgument, fmt::format("the padding [{}, {}] of axis {} is "
                                                        "negative",
                                                        before, after, i));
    auto both = checked_add(before, after);
    auto grown = both ? checked_add(x[i], Dim(*both)) : std::nullopt;
    if (!grown) return Result::fail(Fault::kArgument, "a padded size passes 2^63");
    out.push_back(*grown);
  }
  return Result::of(std::move(out));
}

}  // namespace dimsum::ops
