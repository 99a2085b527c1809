// Taking items: x[...] (NumPy's indexing and a tf.Tensor's basic slicing) and tf.gather.
#include <fmt/format.h>

#include <algorithm>

#include "ops/axes.h"

namespace dimsum::ops {

using namespace detail;

std::optional<int64_t> slice_length(const Slice& slice, int64_t n) {
  if (slice.bounds_unknown) return std::nullopt;
  int64_t step = slice.step.value_or(1);
  if (step == 0 || step == INT64_MIN) return std::nullopt;
  int64_t lower = step > 0 ? 0 : -1, upper = step > 0 ? n : n - 1;
  auto clamp = [&](std::optional<int64_t> v, int64_t fallback) {
    if (!v) return fallback;
    if (*v < 0) return std::max(*v < -n ? lower : *v + n, lower);
    return std::min(*v, upper);
  };
  int64_t first = clamp(slice.start, step > 0 ? lower : upper);
  int64_t last = clamp(slice.stop, step > 0 ? upper : lower);
  if (step > 0) return last > first ? (last - first - 1) / step + 1 : 0;
  return first > last ? (first - last - 1) / (-step) + 1 : 0;
}

namespace {

// The size a slice takes from a size that may be unknown.
std::optional<Dim> sliced(const Slice& slice, Dim n) {
  if (slice.step && *slice.step == 0) return std::nullopt;
  if (n.known()) {
    auto length = slice_length(slice, n.value());
    return length ? Dim(*length) : Dim::unknown();
  }
  bool whole = !slice.bounds_unknown && !slice.start && !slice.stop &&
               (!slice.step || *slice.step == 1 || *slice.step == -1);
  return whole ? n : Dim::unknown();
}

// How many axes of the array an index item takes.
size_t axes_taken(const Index& key) {
  switch (key.kind) {
    case Index::Kind::kInt:
    case Index::Kind::kSlice:
    case Index::Kind::kIntArray: return 1;
    case Index::Kind::kBoolArray: return key.shape.size();
    default: return 0;
  }
}

bool is_advanced(const Index& key) {
  return key.kind == Index::Kind::kIntArray || key.kind == Index::Kind::kBoolArray;
}

std::string out_of_bounds(int64_t i, size_t axis, Dim n) {
  return fmt::format("index {} is out of range for axis {} of size {} (from {} to {})", i, axis,
                     to_string(n), -n.value(), n.value() - 1);
}

bool outside(int64_t i, Dim n) { return n.known() && (i >= n.value() || i < -n.value()); }

}  // namespace

Result index(const Dims& x, const std::vector<Index>& keys, Unknown unknown) {
  size_t taken = 0, ellipses = 0;
  bool advanced = false;
  for (const Index& key : keys) {
    taken += axes_taken(key);
    ellipses += key.kind == Index::Kind::kEllipsis;
    advanced = advanced || is_advanced(key);
  }
  if (ellipses > 1)
    return Result::fail(Fault::kArgument, "an index can have only one ellipsis ('...')");
  if (taken > x.size())
    return Result::fail(Fault::kRank, fmt::format("the index takes {} axes of {}, which has {}",
                                                  taken, shape_text(x), x.size()));
  // With an index array, ints are index arrays too (of no axes): all of them broadcast together
  // into one block of axes, in place when they are next to each other, else first.
  std::string out_of_range;        // an index array's item out of bounds
  Dims basic_before, basic_after;  // sizes before and after the advanced block
  Dims block;
  bool in_block = false, block_done = false, adjacent = true;
  size_t axis = 0;
  auto emit = [&](Dim d) { (in_block || block_done ? basic_after : basic_before).push_back(d); };
  for (const Index& key : keys) {
    bool joins = advanced && (is_advanced(key) || key.kind == Index::Kind::kInt);
    if (joins && block_done) adjacent = false;
    if (!joins && in_block) in_block = false, block_done = true;
    switch (key.kind) {
      case Index::Kind::kNewAxis: emit(Dim(1)); break;
      case Index::Kind::kEllipsis:
        for (size_t i = 0; i < x.size() - taken; ++i) emit(x[axis++]);
        break;
      case Index::Kind::kSlice: {
        auto d = sliced(key.slice, x[axis++]);
        if (!d) return Result::fail(Fault::kArgument, "a slice step cannot be 0");
        emit(*d);
        break;
      }
      case Index::Kind::kInt:
        // NumPy's data may be too short; a tensor's None axis is taken as TensorFlow's static
        // shape takes it.
        if (!x[axis].specified() && unknown == Unknown::kMayNot) return Result::unknown();
        if (key.integer && outside(*key.integer, x[axis]))
          return Result::fail(Fault::kAxis, out_of_bounds(*key.integer, axis, x[axis]));
        ++axis;
        break;
      case Index::Kind::kIntArray:
        if (!x[axis].specified()) return Result::unknown();  // may be out of bounds
        if (key.greatest && outside(*key.greatest, x[axis]))
          out_of_range = out_of_bounds(*key.greatest, axis, x[axis]);
        else if (key.least && outside(*key.least, x[axis]))
          out_of_range = out_of_bounds(*key.least, axis, x[axis]);
        ++axis;
        break;
      case Index::Kind::kBoolArray:
        for (size_t i = 0; i < key.shape.size(); ++i, ++axis) {
          if (may_differ(key.shape[i], x[axis], Unknown::kMayNot)) return Result::unknown();
          if (!same_size(key.shape[i], x[axis]))
            return Result::fail(Fault::kSizes,
                                fmt::format("a boolean index of size {} on axis {} of size {}",
                                            to_string(key.shape[i]), axis, to_string(x[axis])));
        }
        break;
    }
    if (!joins) continue;
    in_block = true;
    Dims shape = key.kind == Index::Kind::kBoolArray
                     ? Dims{key.true_count ? Dim(*key.true_count) : Dim::unknown()}
                 : key.kind == Index::Kind::kIntArray ? key.shape
                                                      : Dims{};
    Result joined = broadcast(block, shape, Unknown::kMayNot);
    if (!joined.dims) {
      if (!joined.raises()) return joined;
      return Result::fail(
          Fault::kSizes,
          fmt::format("the index arrays do not broadcast together: {}", joined.error));
    }
    block = *joined.dims;
  }
  while (axis < x.size()) basic_after.push_back(x[axis++]);
  Dims out;
  if (!advanced) {
    out = basic_before;
  } else if (adjacent) {
    out = basic_before;
    out.insert(out.end(), block.begin(), block.end());
  } else {
    out = block;
    out.insert(out.end(), basic_before.begin(), basic_before.end());
  }
  out.insert(out.end(), basic_after.begin(), basic_after.end());
  if (!out_of_range.empty()) {
    // NumPy 1.24 only warns when the array or the result holds no items (later versions raise).
    auto empty = [](const Dims& dims) {
      return std::any_of(dims.begin(), dims.end(),
                         [](Dim d) { return !d.known() || d.value() == 0; });
    };
    return empty(x) || empty(out) ? Result::unknown() : Result::fail(Fault::kAxis, out_of_range);
  }
  return Result::of(std::move(out));
}

Result gather(const Dims& params, const Dims& indices, int64_t axis, int64_t batch_dims) {
  int64_t index_rank = static_cast<int64_t>(indices.size());
  int64_t batch = batch_dims < 0 ? batch_dims + index_rank : batch_dims;
  if (batch < 0 || batch > index_rank)
    return Result::fail(Fault::kArgument,
                        fmt::format("batch_dims {} is out of range for indices {} of rank {}",
                                    batch_dims, shape_text(indices), index_rank));
  auto at = normalize_axis(axis, params.size());
  if (!at) return Result::fail(Fault::kAxis, axis_out_of_range(axis, params.size()));
  if (static_cast<int64_t>(*at) < batch)
    return Result::fail(Fault::kArgument,
                        fmt::format("batch_dims {} is more than the axis {}", batch, *at));
  for (size_t i = 0; i < static_cast<size_t>(batch); ++i)
    if (!same_size(params[i], indices[i]))
      return Result::fail(Fault::kSizes,
                          fmt::format("params {} and indices {} differ on batch axis {} ({} and "
                                      "{})",
                                      shape_text(params), shape_text(indices), i,
                                      to_string(params[i]), to_string(indices[i])));
  Dims out(params.begin(), params.begin() + static_cast<std::ptrdiff_t>(*at));
  out.insert(out.end(), indices.begin() + batch, indices.end());
  out.insert(out.end(), params.begin() + static_cast<std::ptrdiff_t>(*at) + 1, params.end());
  return Result::of(std::move(out));
}

}  // namespace dimsum::ops
