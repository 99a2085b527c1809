#include "shape/array_ops.h"

#include <fmt/format.h>

#include <algorithm>

#include "shape/shape.h"

namespace dimsum::array_ops {

namespace {

bool is_one(Dim d) { return d.known() && d.value() == 1; }

// Sizes that must be equal where one is unknown (an array's data decides it): NumPy may take
// them or raise, so the result is unknown rather than assumed to fit.
bool may_differ(Dim a, Dim b) { return !a.specified() != !b.specified(); }

// Two sizes that must be equal (stacked or concatenated arrays): the known one when one is
// unknown, since NumPy either finds them equal or raises; nullopt when they differ.
std::optional<Dim> same_size(Dim a, Dim b) {
  if (a == b) return a;
  if (a.known() && b.known()) return std::nullopt;
  if (a.known()) return a;
  if (b.known()) return b;
  return Dim::unknown();  // two different expressions, or None and one
}

// The axes of a rank-`rank` array that `axes` name (negative from the end); an error when one
// is out of range or named twice.
std::optional<std::vector<size_t>> resolve_axes(const std::vector<int64_t>& axes, size_t rank,
                                                std::string& error) {
  std::vector<size_t> out;
  for (int64_t axis : axes) {
    auto at = normalize_axis(axis, rank);
    if (!at) {
      error = fmt::format("axis {} is out of bounds for array of dimension {}", axis, rank);
      return std::nullopt;
    }
    if (std::find(out.begin(), out.end(), *at) != out.end()) {
      error = "repeated axis";
      return std::nullopt;
    }
    out.push_back(*at);
  }
  return out;
}

std::optional<Dim> elements(const Dims& dims) {
  Dim n(1);
  for (Dim d : dims) {
    if (d.known() && d.value() == 0) return Dim(0);  // zero whatever the unknown sizes are
  }
  for (Dim d : dims) {
    auto next = checked_mul(n, d);
    if (!next) return std::nullopt;
    n = *next;
  }
  return n;
}

std::string shape_text(const Dims& dims) { return tuple_string(dims); }

}  // namespace

std::optional<DType> binary_dtype(std::string_view op, DType a, DType b) {
  if (a == DType::kUnknown || b == DType::kUnknown) return DType::kUnknown;
  DType wider = std::max(a, b);
  bool both_bool = a == DType::kBool && b == DType::kBool;
  if (op == "+" || op == "*" || op == "@") return wider;
  if (op == "-") return both_bool ? std::nullopt : std::optional<DType>(wider);
  if (op == "/") return DType::kFloat;
  if (op == "//" || op == "%" || op == "**") return both_bool ? DType::kInt : wider;
  if (op == "&" || op == "|" || op == "^")
    return wider == DType::kFloat ? std::nullopt : std::optional<DType>(wider);
  if (op == "<<" || op == ">>")
    return wider == DType::kFloat ? std::nullopt : std::optional<DType>(DType::kInt);
  return DType::kUnknown;
}

std::optional<DType> unary_dtype(std::string_view op, DType x) {
  if (op == "-" && x == DType::kBool) return std::nullopt;
  if (op == "~" && x == DType::kFloat) return std::nullopt;
  return x;
}

Result broadcast(const Dims& a, const Dims& b, Unknown unknown) {
  const Dims& longer = a.size() >= b.size() ? a : b;
  const Dims& shorter = a.size() >= b.size() ? b : a;
  size_t lead = longer.size() - shorter.size();
  Dims out(longer.begin(), longer.begin() + static_cast<std::ptrdiff_t>(lead));
  for (size_t i = 0; i < shorter.size(); ++i) {
    Dim x = longer[lead + i], y = shorter[i];
    if (unknown == Unknown::kMayNot && may_differ(x, y) && !is_one(x) && !is_one(y))
      return Result::unknown();
    if (is_one(x)) {
      out.push_back(y);
    } else if (is_one(y)) {
      out.push_back(x);
    } else if (auto d = same_size(x, y)) {
      out.push_back(*d);
    } else {
      return Result::raise(fmt::format("operands could not be broadcast together with shapes {} {}",
                                       shape_text(a), shape_text(b)));
    }
  }
  return Result::of(std::move(out));
}

Result expand_dims(const Dims& x, const std::vector<int64_t>& axes) {
  size_t rank = x.size() + axes.size();
  std::string error;
  auto at = resolve_axes(axes, rank, error);
  if (!at) return Result::raise(error);
  Dims out;
  for (size_t i = 0, next = 0; i < rank; ++i)
    out.push_back(std::find(at->begin(), at->end(), i) != at->end() ? Dim(1) : x[next++]);
  return Result::of(std::move(out));
}

Result squeeze(const Dims& x, const std::optional<std::vector<int64_t>>& axes) {
  Dims out;
  if (!axes) {
    for (Dim d : x) {
      if (!d.known()) return Result::unknown();  // it may be 1
      if (d.value() != 1) out.push_back(d);
    }
    return Result::of(std::move(out));
  }
  if (x.empty() && !axes->empty()) return Result::unknown();  // NumPy takes axis 0 and -1 here
  std::string error;
  auto at = resolve_axes(*axes, x.size(), error);
  if (!at) return Result::raise(error);
  for (size_t i = 0; i < x.size(); ++i) {
    bool dropped = std::find(at->begin(), at->end(), i) != at->end();
    if (dropped && x[i].known() && x[i].value() != 1)
      return Result::raise("cannot select an axis to squeeze out which has size not equal to one");
    if (dropped && !x[i].specified()) return Result::unknown();  // it may not be 1
    if (!dropped) out.push_back(x[i]);
  }
  return Result::of(std::move(out));
}

Result transpose(const Dims& x, const std::optional<std::vector<int64_t>>& perm) {
  if (!perm) return Result::of(Dims(x.rbegin(), x.rend()));
  if (perm->size() != x.size()) return Result::raise("axes don't match array");
  std::string error;
  auto at = resolve_axes(*perm, x.size(), error);
  if (!at) return Result::raise(error);
  Dims out;
  for (size_t axis : *at) out.push_back(x[axis]);
  return Result::of(std::move(out));
}

Result reduce(const Dims& x, const std::optional<std::vector<int64_t>>& axes, bool keepdims,
              bool needs_elements) {
  std::vector<size_t> reduced;
  // NumPy's ufunc reductions take axis 0 or -1 on an array of rank 0, its mean and std do not:
  // left unknown rather than told apart.
  if (axes && x.empty() && !axes->empty()) return Result::unknown();
  if (axes) {
    std::string error;
    auto at = resolve_axes(*axes, x.size(), error);
    if (!at) return Result::raise(error == "repeated axis" ? "duplicate value in 'axis'" : error);
    reduced = *at;
  } else {
    for (size_t i = 0; i < x.size(); ++i) reduced.push_back(i);
  }
  Dims out;
  for (size_t i = 0; i < x.size(); ++i) {
    bool gone = std::find(reduced.begin(), reduced.end(), i) != reduced.end();
    if (gone && needs_elements && x[i].known() && x[i].value() == 0)
      return Result::raise("zero-size array to reduction operation which has no identity");
    if (gone && needs_elements && !x[i].specified()) return Result::unknown();  // may be empty
    if (!gone)
      out.push_back(x[i]);
    else if (keepdims)
      out.push_back(Dim(1));
  }
  return Result::of(std::move(out));
}

Result reshape(const Dims& x, const std::vector<std::optional<int64_t>>& target) {
  auto total = elements(x);
  if (!total) return Result::unknown();
  Dims out;
  std::optional<size_t> free_axis;
  Dim rest(1);  // the product of the target's other sizes
  for (size_t i = 0; i < target.size(); ++i) {
    const auto& size = target[i];
    if (size && *size == -1) {
      if (free_axis) return Result::raise("can only specify one unknown dimension");
      free_axis = i;
      out.push_back(Dim::unknown());
      continue;
    }
    if (size && *size < 0) return Result::raise("negative dimensions not allowed");
    Dim d = size ? Dim(*size) : Dim::unknown();
    out.push_back(d);
    auto next = checked_mul(rest, d);
    if (!next) return Result::raise("maximum supported dimension for an ndarray exceeded");
    rest = *next;
  }
  std::string mismatch =
      fmt::format("cannot reshape array of shape {} into the target shape", shape_text(x));
  if (!total->known() && rest.known()) {
    // The element count depends on the data: the reshape fits every count only where the sizes
    // dimsum knows already hold a multiple of the target's (x.reshape(-1, 28, 28, 1) of rows of
    // 784); any other may raise.
    std::optional<int64_t> known_part = 1;
    for (Dim d : x)
      if (d.known() && known_part) known_part = checked_mul(*known_part, d.value());
    if (!free_axis || !known_part || rest.value() == 0 || *known_part % rest.value() != 0)
      return Result::unknown();
    return Result::of(std::move(out));
  }
  if (free_axis) {
    if (!rest.known() || !total->known()) return Result::of(std::move(out));
    if (rest.value() == 0 || total->value() % rest.value() != 0) return Result::raise(mismatch);
    out[*free_axis] = Dim(total->value() / rest.value());
    return Result::of(std::move(out));
  }
  if (rest.known() && total->known() && rest != *total) return Result::raise(mismatch);
  return Result::of(std::move(out));
}

Result stack(const std::vector<Dims>& arrays, int64_t axis) {
  if (arrays.empty()) return Result::raise("need at least one array to stack");
  Dims shape = arrays[0];
  for (const Dims& next : arrays) {
    if (next.size() != shape.size())
      return Result::raise("all input arrays must have the same shape");
    for (size_t i = 0; i < shape.size(); ++i) {
      if (may_differ(shape[i], next[i])) return Result::unknown();
      auto d = same_size(shape[i], next[i]);
      if (!d) return Result::raise("all input arrays must have the same shape");
      shape[i] = *d;
    }
  }
  auto at = normalize_axis(axis, shape.size() + 1);
  if (!at)
    return Result::raise(
        fmt::format("axis {} is out of bounds for array of dimension {}", axis, shape.size() + 1));
  shape.insert(shape.begin() + static_cast<std::ptrdiff_t>(*at),
               Dim(static_cast<int64_t>(arrays.size())));
  return Result::of(std::move(shape));
}

Result concatenate(const std::vector<Dims>& arrays, std::optional<int64_t> axis) {
  if (arrays.empty()) return Result::raise("need at least one array to concatenate");
  if (!axis) {  // flattened first
    Dim total(0);
    for (const Dims& a : arrays) {
      auto n = elements(a);
      auto sum = n ? checked_add(total, *n) : std::nullopt;
      if (!sum) return Result::unknown();
      total = *sum;
    }
    return Result::of(Dims{total});
  }
  if (arrays[0].empty()) return Result::raise("zero-dimensional arrays cannot be concatenated");
  size_t rank = arrays[0].size();
  auto at = normalize_axis(*axis, rank);
  if (!at)
    return Result::raise(
        fmt::format("axis {} is out of bounds for array of dimension {}", *axis, rank));
  Dims out = arrays[0];
  for (size_t k = 1; k < arrays.size(); ++k) {
    const Dims& next = arrays[k];
    if (next.size() != rank)
      return Result::raise(
          "all the input array dimensions must match exactly, except along the "
          "concatenation axis, and the arrays must have the same number of "
          "dimensions");
    for (size_t i = 0; i < rank; ++i) {
      if (i != *at && may_differ(out[i], next[i])) return Result::unknown();
      std::optional<Dim> d = i == *at ? checked_add(out[i], next[i]) : same_size(out[i], next[i]);
      if (!d)
        return Result::raise(
            "all the input array dimensions except for the concatenation axis must match exactly");
      out[i] = *d;
    }
  }
  return Result::of(std::move(out));
}

Result hstack(const std::vector<Dims>& arrays) {
  std::vector<Dims> at_least_1d;
  for (const Dims& a : arrays) at_least_1d.push_back(a.empty() ? Dims{Dim(1)} : a);
  if (at_least_1d.empty()) return Result::raise("need at least one array to concatenate");
  return concatenate(at_least_1d, at_least_1d[0].size() == 1 ? 0 : 1);
}

Result vstack(const std::vector<Dims>& arrays) {
  std::vector<Dims> at_least_2d;
  for (const Dims& a : arrays) {
    if (a.size() >= 2)
      at_least_2d.push_back(a);
    else
      at_least_2d.push_back(Dims{Dim(1), a.empty() ? Dim(1) : a[0]});
  }
  return concatenate(at_least_2d, 0);
}

Result matmul(const Dims& a, const Dims& b) {
  if (a.empty() || b.empty())
    return Result::raise("matmul: an input operand does not have enough dimensions");
  Dims x = a.size() == 1 ? Dims{Dim(1), a[0]} : a;
  Dims y = b.size() == 1 ? Dims{b[0], Dim(1)} : b;
  if (may_differ(x.back(), y[y.size() - 2])) return Result::unknown();
  if (!same_size(x.back(), y[y.size() - 2]))
    return Result::raise(fmt::format("matmul: mismatch in its core dimension ({} and {})",
                                     shape_text(a), shape_text(b)));
  Result batch =
      broadcast(Dims(x.begin(), x.end() - 2), Dims(y.begin(), y.end() - 2), Unknown::kMayNot);
  if (!batch.dims) return batch;
  Dims out = *batch.dims;
  if (a.size() > 1) out.push_back(x[x.size() - 2]);
  if (b.size() > 1) out.push_back(y.back());
  return Result::of(std::move(out));
}

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
  return fmt::format("index {} is out of bounds for axis {} with size {}", i, axis, to_string(n));
}

bool outside(int64_t i, Dim n) { return n.known() && (i >= n.value() || i < -n.value()); }

}  // namespace

Result index(const Dims& x, const std::vector<Index>& keys) {
  size_t taken = 0, ellipses = 0;
  bool advanced = false;
  for (const Index& key : keys) {
    taken += axes_taken(key);
    ellipses += key.kind == Index::Kind::kEllipsis;
    advanced = advanced || is_advanced(key);
  }
  if (ellipses > 1) return Result::raise("an index can only have a single ellipsis ('...')");
  if (taken > x.size())
    return Result::raise(
        fmt::format("too many indices for array: array is {}-dimensional, but {} "
                    "were indexed",
                    x.size(), taken));
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
        if (!d) return Result::raise("slice step cannot be zero");
        emit(*d);
        break;
      }
      case Index::Kind::kInt:
        if (!x[axis].specified()) return Result::unknown();  // may be out of bounds
        if (key.integer && outside(*key.integer, x[axis]))
          return Result::raise(out_of_bounds(*key.integer, axis, x[axis]));
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
          if (may_differ(key.shape[i], x[axis])) return Result::unknown();
          if (!same_size(key.shape[i], x[axis]))
            return Result::raise(fmt::format(
                "boolean index did not match indexed array along dimension {}; dimension is {} "
                "but corresponding boolean dimension is {}",
                axis, to_string(x[axis]), to_string(key.shape[i])));
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
    if (!joined.dims)
      return Result::raise("shape mismatch: indexing arrays could not be broadcast together");
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
    return empty(x) || empty(out) ? Result::unknown() : Result::raise(out_of_range);
  }
  return Result::of(std::move(out));
}

}  // namespace dimsum::array_ops
