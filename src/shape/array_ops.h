// NumPy's shape rules for array operations, as pure functions over shapes and parameters: the
// Python reader follows NumPy and TensorFlow code with them, and any other front end may. Each
// rule gives the result's shape, or that NumPy raises (and why), or that the shape depends on
// what the caller does not know. The facts are NumPy's (python3-numpy 1.24, checked by the
// differential test in tests/numpy/).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shape/dims.h"

namespace dimsum::array_ops {

// The kind of an array's elements, as far as shapes and errors depend on it: a boolean array
// indexes as a mask, an integer one picks items, a float one cannot index at all.
enum class DType : uint8_t { kUnknown, kBool, kInt, kFloat };

// The kind of a op b (+, -, *, /, //, %, **, &, |, ^, <<, >>, @) for operands of kinds a and b,
// Python numbers included; nullopt when NumPy raises (bool - bool, float & int, ...).
std::optional<DType> binary_dtype(std::string_view op, DType a, DType b);
// The kind of -x, +x, ~x; nullopt when NumPy raises (-bool, ~float).
std::optional<DType> unary_dtype(std::string_view op, DType x);

// A rule's outcome. An unknown size in an input makes the matching output size unknown unless
// the rule fixes it (broadcasting a tensor's None against 5 gives 5).
struct Result {
  std::optional<Dims> dims;  // the shape, when it is known
  std::string error;         // not empty: NumPy raises, for this reason

  bool raises() const { return !error.empty(); }
  static Result of(Dims dims) { return Result{std::move(dims), {}}; }
  static Result raise(std::string why) { return Result{std::nullopt, std::move(why)}; }
  static Result unknown() { return Result{}; }
};

// What an unknown size is taken to be where it meets a known one in a broadcast.
enum class Unknown {
  kFits,    // a tensor's None, which fits whatever it meets (TensorFlow's static shapes)
  kMayNot,  // a size dimsum cannot tell (an array's data): against 5 it may be 5, 1 or neither
};

// a + b, np.where(c, a, b), ...: shapes aligned from the last axis; each pair of sizes equal, or
// one of them 1. With Unknown::kMayNot, an unknown size against a known one other than 1 makes
// the whole result unknown: NumPy may give that size, or raise.
Result broadcast(const Dims& a, const Dims& b, Unknown unknown = Unknown::kFits);

// np.expand_dims(x, axis): a size 1 at each of `axes`, counted in the result's rank.
Result expand_dims(const Dims& x, const std::vector<int64_t>& axes);
// np.squeeze(x, axis): every size 1 (nullopt), or those of `axes`, which must be 1.
Result squeeze(const Dims& x, const std::optional<std::vector<int64_t>>& axes);
// np.transpose(x, axes): the axes reversed (nullopt), or permuted by `perm`.
Result transpose(const Dims& x, const std::optional<std::vector<int64_t>>& perm);

// sum, mean, max, argmax, ... over `axes` (nullopt: all of them), kept as size 1 when `keepdims`.
// `needs_elements`: max, min, argmax and argmin raise on an empty reduction.
Result reduce(const Dims& x, const std::optional<std::vector<int64_t>>& axes, bool keepdims,
              bool needs_elements);

// x.reshape(target): at most one size -1, inferred from the element count. A target size of
// nullopt is one the caller does not know (computed at run time).
Result reshape(const Dims& x, const std::vector<std::optional<int64_t>>& target);

// np.stack(arrays, axis): equal shapes, joined along a new axis.
Result stack(const std::vector<Dims>& arrays, int64_t axis);
// np.concatenate(arrays, axis): equal ranks and sizes but on `axis`; nullopt: the arrays flattened.
Result concatenate(const std::vector<Dims>& arrays, std::optional<int64_t> axis);
// np.hstack: along axis 1, or 0 for 1-D arrays; scalars count as 1-D.
Result hstack(const std::vector<Dims>& arrays);
// np.vstack: along axis 0, 1-D arrays and scalars made rows.
Result vstack(const std::vector<Dims>& arrays);

// a @ b, np.matmul: 1-D operands promoted, leading axes broadcast.
Result matmul(const Dims& a, const Dims& b);

// A slice start:stop:step; a part that is nullopt was left out (None).
struct Slice {
  std::optional<int64_t> start, stop, step;
  bool bounds_unknown = false;  // a part is a value the caller does not know
};

// The number of items a slice takes from `n`, as Python's slice.indices does; nullopt when the
// step is 0 (which raises) or a part is unknown.
std::optional<int64_t> slice_length(const Slice& slice, int64_t n);

// One item of an index x[i, 1:3, None, ..., [0, 2], mask].
struct Index {
  enum class Kind { kInt, kSlice, kNewAxis, kEllipsis, kIntArray, kBoolArray };
  Kind kind = Kind::kInt;
  std::optional<int64_t> integer;  // kInt: its value, nullopt when unknown
  Slice slice;                     // kSlice
  Dims shape;                      // kIntArray, kBoolArray: the index array's shape
  // kIntArray: the least and greatest value, when known (a list of ints written out).
  std::optional<int64_t> least, greatest;
  // kBoolArray: how many items are true, when known (a Python bool: 1 or 0).
  std::optional<int64_t> true_count;
};

// x[keys]: NumPy's basic indexing (ints, slices, None, ...) and advanced indexing (integer and
// boolean arrays, broadcast together; their axes first when they are not next to each other).
Result index(const Dims& x, const std::vector<Index>& keys);

}  // namespace dimsum::array_ops
