// Operations that make new axes from values: tf.one_hot, tf.math.top_k, tf.shape.
#include <fmt/format.h>

#include "ops/axes.h"

namespace dimsum::ops {

using namespace detail;

Result one_hot(const Dims& indices, int64_t depth, int64_t axis) {
  if (depth < 0) return Result::fail(Fault::kArgument, fmt::format("depth {} is negative", depth));
  int64_t rank = static_cast<int64_t>(indices.size());
  if (axis != -1 && (axis < 0 || axis > rank))
    return Result::fail(Fault::kAxis, fmt::format("axis {} is neither -1 nor from 0 to {} (the "
                                                  "rank of indices {})",
                                                  axis, rank, shape_text(indices)));
  Dims out = indices;
  size_t at = axis == -1 ? indices.size() : static_cast<size_t>(axis);
  out.insert(out.begin() + static_cast<std::ptrdiff_t>(at), Dim(depth));
  return Result::of(std::move(out));
}

Results top_k(const Dims& x, int64_t k) {
  if (x.empty())
    return Results::fail(Fault::kRank,
                         "the input is a scalar (rank 0): it has no "
                         "last axis to take the k largest of");
  if (k < 0) return Results::fail(Fault::kArgument, fmt::format("k = {} is negative", k));
  Dim last = x.back();
  if (last.known() && k > last.value())
    return Results::fail(Fault::kArgument,
                         fmt::format("k = {} is more than the last axis of {} holds ({})", k,
                                     shape_text(x), last.value()));
  Dims out = x;
  out.back() = Dim(k);
  return Results::of({out, out});
}

Result shape_of(const Dims& x) { return Result::of(Dims{Dim(static_cast<int64_t>(x.size()))}); }

}  // namespace dimsum::ops
