// Joining and splitting: stack, concatenate (np.hstack, np.vstack), split, unstack.
#include <fmt/format.h>

#include "ops/axes.h"

namespace dimsum::ops {

using namespace detail;

namespace {

std::string shapes_text(const std::vector<Dims>& arrays) {
  std::string out;
  for (const Dims& a : arrays) out += (out.empty() ? "" : " and ") + shape_text(a);
  return out;
}

}  // namespace

Result same_shape(const std::vector<Dims>& arrays, Unknown unknown) {
  if (arrays.empty()) return Result::fail(Fault::kArgument, "there are no tensors");
  Dims shape = arrays[0];
  for (const Dims& next : arrays) {
    if (next.size() != shape.size())
      return Result::fail(Fault::kSizes,
                          fmt::format("{} and {} differ in rank ({} and {})", shape_text(arrays[0]),
                                      shape_text(next), arrays[0].size(), next.size()));
    for (size_t i = 0; i < shape.size(); ++i) {
      if (may_differ(shape[i], next[i], unknown)) return Result::unknown();
      auto d = same_size(shape[i], next[i]);
      if (!d)
        return Result::fail(Fault::kSizes, fmt::format("{} and {} differ on axis {} ({} and {})",
                                                       shape_text(arrays[0]), shape_text(next), i,
                                                       to_string(shape[i]), to_string(next[i])));
      shape[i] = *d;
    }
  }
  return Result::of(std::move(shape));
}

Result stack(const std::vector<Dims>& arrays, int64_t axis, Unknown unknown) {
  Result shape = same_shape(arrays, unknown);
  if (!shape.dims) return shape;
  Dims out = *shape.dims;
  auto at = normalize_axis(axis, out.size() + 1);
  if (!at) return Result::fail(Fault::kAxis, axis_out_of_range(axis, out.size() + 1));
  out.insert(out.begin() + static_cast<std::ptrdiff_t>(*at),
             Dim(static_cast<int64_t>(arrays.size())));
  return Result::of(std::move(out));
}

Result concatenate(const std::vector<Dims>& arrays, std::optional<int64_t> axis, Unknown unknown) {
  if (arrays.empty()) return Result::fail(Fault::kArgument, "there are no arrays to concatenate");
  if (!axis) {  // flattened first
    Dim total(0);
    for (const Dims& a : arrays) {
      auto n = element_count(a);
      auto sum = n ? checked_add(total, *n) : std::nullopt;
      if (!sum) return Result::unknown();
      total = *sum;
    }
    return Result::of(Dims{total});
  }
  size_t rank = arrays[0].size();
  if (rank == 0)
    return Result::fail(Fault::kRank, "a scalar (rank 0) has no axis to concatenate along");
  auto at = normalize_axis(*axis, rank);
  if (!at) return Result::fail(Fault::kAxis, axis_out_of_range(*axis, rank));
  Dims out = arrays[0];
  for (size_t k = 1; k < arrays.size(); ++k) {
    const Dims& next = arrays[k];
    if (next.size() != rank)
      return Result::fail(Fault::kRank, fmt::format("cannot concatenate {}: ranks {} and {} differ",
                                                    shapes_text(arrays), rank, next.size()));
    for (size_t i = 0; i < rank; ++i) {
      if (i != *at && may_differ(out[i], next[i], unknown)) return Result::unknown();
      std::optional<Dim> d = i == *at ? checked_add(out[i], next[i]) : same_size(out[i], next[i]);
      if (!d && i == *at)
        return Result::fail(Fault::kArgument, "the concatenated size passes 2^63");
      if (!d)
        return Result::fail(
            Fault::kSizes,
            fmt::format("cannot concatenate {} on axis {}: sizes on axis {} "
                        "differ ({} and {})",
                        shapes_text(arrays), *axis, i, to_string(out[i]), to_string(next[i])));
      out[i] = *d;
    }
  }
  return Result::of(std::move(out));
}

Result hstack(const std::vector<Dims>& arrays, Unknown unknown) {
  std::vector<Dims> at_least_1d;
  for (const Dims& a : arrays) at_least_1d.push_back(a.empty() ? Dims{Dim(1)} : a);
  if (at_least_1d.empty())
    return Result::fail(Fault::kArgument, "there are no arrays to concatenate");
  return concatenate(at_least_1d, at_least_1d[0].size() == 1 ? 0 : 1, unknown);
}

Result vstack(const std::vector<Dims>& arrays, Unknown unknown) {
  std::vector<Dims> at_least_2d;
  for (const Dims& a : arrays) {
    if (a.size() >= 2)
      at_least_2d.push_back(a);
    else
      at_least_2d.push_back(Dims{Dim(1), a.empty() ? Dim(1) : a[0]});
  }
  return concatenate(at_least_2d, 0, unknown);
}

namespace {

// x with the size of `axis` replaced by each of `sizes`.
std::vector<Dims> parts_of(const Dims& x, size_t axis, const std::vector<Dim>& sizes) {
  std::vector<Dims> out;
  for (Dim size : sizes) {
    Dims part = x;
    part[axis] = size;
    out.push_back(std::move(part));
  }
  return out;
}

}  // namespace

Results split(const Dims& x, int64_t parts, int64_t axis) {
  auto at = normalize_axis(axis, x.size());
  if (!at) return Results::fail(Fault::kAxis, axis_out_of_range(axis, x.size()));
  Dim size = x[*at];
  if (parts < 1)
    return Results::fail(
        Fault::kArgument,
        fmt::format("cannot split into {} parts: the count must be 1 or more", parts));
  if (size.known() && size.value() % parts != 0)
    return Results::fail(Fault::kArgument,
                         fmt::format("cannot split axis {} of {} into {} equal parts: {} is not a "
                                     "multiple of {}",
                                     *at, shape_text(x), parts, size.value(), parts));
  if (parts > 4096) return Results::unknown();  // not a list of outputs worth spelling out
  Dim each = size.known() ? Dim(size.value() / parts) : Dim::unknown();
  return Results::of(parts_of(x, *at, std::vector<Dim>(static_cast<size_t>(parts), each)));
}

Results split_sizes(const Dims& x, const std::vector<int64_t>& sizes, int64_t axis) {
  auto at = normalize_axis(axis, x.size());
  if (!at) return Results::fail(Fault::kAxis, axis_out_of_range(axis, x.size()));
  Dim size = x[*at];
  std::optional<size_t> inferred;
  int64_t given = 0;
  std::string listed;
  for (int64_t s : sizes) listed += (listed.empty() ? "" : ", ") + std::to_string(s);
  for (size_t i = 0; i < sizes.size(); ++i) {
    if (sizes[i] == -1 && !inferred) {
      inferred = i;
      continue;
    }
    if (sizes[i] < 0)
      return Results::fail(Fault::kArgument,
                           fmt::format("the sizes [{}] have {}: only one -1 is allowed, and no "
                                       "other negative size",
                                       listed, sizes[i]));
    auto sum = checked_add(given, sizes[i]);
    if (!sum) return Results::fail(Fault::kArgument, "the sizes add up past 2^63");
    given = *sum;
  }
  std::vector<Dim> parts;
  for (int64_t s : sizes) parts.push_back(s < 0 ? Dim::unknown() : Dim(s));
  if (size.known()) {
    bool fits = inferred ? given <= size.value() : given == size.value();
    if (!fits)
      return Results::fail(Fault::kArgument,
                           fmt::format("cannot split axis {} of {} into sizes [{}]: they add up "
                                       "to {}, not {}",
                                       *at, shape_text(x), listed, given, size.value()));
    if (inferred) parts[*inferred] = Dim(size.value() - given);
  }
  return Results::of(parts_of(x, *at, parts));
}

Results unstack(const Dims& x, std::optional<int64_t> num, int64_t axis) {
  auto at = normalize_axis(axis, x.size());
  if (!at) return Results::fail(Fault::kAxis, axis_out_of_range(axis, x.size()));
  Dim size = x[*at];
  if (num && size.known() && *num != size.value())
    return Results::fail(Fault::kArgument,
                         fmt::format("cannot unstack axis {} of {} into num={} tensors: its size "
                                     "is {}",
                                     *at, shape_text(x), *num, size.value()));
  if (!num && !size.specified())
    return Results::fail(Fault::kArgument,
                         fmt::format("cannot unstack axis {} of {}: its size is unknown, and "
                                     "num is not given",
                                     *at, shape_text(x)));
  std::optional<int64_t> count = num            ? num
                                 : size.known() ? std::optional(size.value())
                                                : std::nullopt;
  if (!count || *count < 0 || *count > 4096) return Results::unknown();
  Dims item = x;
  item.erase(item.begin() + static_cast<std::ptrdiff_t>(*at));
  return Results::of(std::vector<Dims>(static_cast<size_t>(*count), item));
}

}  // namespace dimsum::ops
