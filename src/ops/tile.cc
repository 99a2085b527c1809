// Copies: tf.tile, np.tile, and tf.repeat / np.repeat.
#include <fmt/format.h>

#include "ops/axes.h"

namespace dimsum::ops {

using namespace detail;

namespace {

std::string ints_text(const std::vector<int64_t>& values) {
  std::string out;
  for (int64_t v : values) out += (out.empty() ? "" : ", ") + std::to_string(v);
  return "[" + out + "]";
}

std::optional<Result> negative(const std::vector<int64_t>& values, std::string_view what) {
  for (int64_t v : values)
    if (v < 0)
      return Result::fail(Fault::kArgument, fmt::format("{} {} has the negative count {}", what,
                                                        ints_text(values), v));
  return std::nullopt;
}

Result tiled(const Dims& x, const std::vector<int64_t>& multiples) {
  Dims out;
  for (size_t i = 0; i < x.size(); ++i) {
    auto grown = checked_mul(x[i], Dim(multiples[i]));
    if (!grown) return Result::fail(Fault::kArgument, "a tiled size passes 2^63");
    out.push_back(*grown);
  }
  return Result::of(std::move(out));
}

}  // namespace

Result tile(const Dims& x, const std::vector<int64_t>& multiples) {
  if (multiples.size() != x.size())
    return Result::fail(
        Fault::kArgument,
        fmt::format("multiples {} has {} entries, and {} has rank {}: give one "
                    "per axis",
                    ints_text(multiples), multiples.size(), shape_text(x), x.size()));
  if (auto bad = negative(multiples, "multiples")) return *bad;
  return tiled(x, multiples);
}

Result numpy_tile(const Dims& x, const std::vector<int64_t>& reps) {
  if (auto bad = negative(reps, "reps")) return *bad;
  Dims shape = x;
  std::vector<int64_t> counts = reps;
  while (shape.size() < counts.size()) shape.insert(shape.begin(), Dim(1));
  while (counts.size() < shape.size()) counts.insert(counts.begin(), 1);
  return tiled(shape, counts);
}

Result repeat(const Dims& x, const std::vector<int64_t>& repeats, std::optional<int64_t> axis) {
  if (auto bad = negative(repeats, "repeats")) return *bad;
  if (repeats.empty()) return Result::fail(Fault::kArgument, "repeats is empty");
  Dims shape = x;
  size_t at = 0;
  if (!axis) {
    auto n = element_count(x);
    if (!n) return Result::unknown();
    shape = Dims{*n};
  } else {
    auto resolved = normalize_axis(*axis, x.size());
    if (!resolved) return Result::fail(Fault::kAxis, axis_out_of_range(*axis, x.size()));
    at = *resolved;
  }
  Dim size = shape[at];
  if (repeats.size() == 1) {
    auto grown = checked_mul(size, Dim(repeats[0]));
    if (!grown) return Result::fail(Fault::kArgument, "a repeated size passes 2^63");
    shape[at] = *grown;
    return Result::of(std::move(shape));
  }
  if (!size.known()) return Result::unknown();  // the counts may not be one per item
  if (static_cast<int64_t>(repeats.size()) != size.value())
    return Result::fail(
        Fault::kArgument,
        fmt::format("repeats {} has {} counts for the {} items of axis {} of {}",
                    ints_text(repeats), repeats.size(), size.value(), at, shape_text(shape)));
  int64_t total = 0;
  for (int64_t r : repeats) {
    auto sum = checked_add(total, r);
    if (!sum) return Result::fail(Fault::kArgument, "the repeated size passes 2^63");
    total = *sum;
  }
  shape[at] = Dim(total);
  return Result::of(std::move(shape));
}

}  // namespace dimsum::ops
