// The shape rules of tensor operations, written once for every front end: NumPy's array
// functions (src/python/libraries/numpy.cc), TensorFlow's ops in model configs
// (src/layers/tf_ops.cc, tf.keras 2's TFOpLambda), and any other. Pure functions over shapes and
// parameters: no JSON, no Python values. Each gives the output's shape, or that the operation
// fails (a reason stating the arithmetic, which the caller turns into a diagnostic), or that the
// shape depends on what the caller does not know. One .cc file per family of operations.
//
// Where TensorFlow and NumPy differ, a function takes a parameter (Unknown, Dialect) or there are
// two functions, and the comment says how they differ. The facts are NumPy's (python3-numpy
// 1.24, checked by tests/numpy/), TensorFlow's op documentation and shape functions
// (tensorflow/core/ops/*.cc), and TensorFlow.js 4.22 where it has the op
// (tests/oracle/ops_test.js).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shape/dims.h"

// The namespace keeps the name the NumPy rules had before TensorFlow's joined them (the Python
// front end names its element kinds ops::DType).
namespace dimsum::ops {

// What kind of mistake a failure is, for the caller's diagnostic code.
enum class Fault : uint8_t {
  kNone,
  kAxis,      // an axis or an index outside the tensor, or named twice
  kRank,      // an operand of a rank the operation does not take
  kSizes,     // sizes of two operands that must agree differ (broadcasting, joining, multiplying)
  kCount,     // element counts differ (a reshape)
  kArgument,  // a parameter wrong in itself or for its one tensor (a negative size, a slice step
              // of 0, k beyond the last axis, a split that does not divide, multiples per axis)
};

// One output's verdict. An unknown size in an input makes the matching output size unknown
// unless the rule fixes it (broadcasting a tensor's None against 5 gives 5).
struct Result {
  std::optional<Dims> dims;  // the shape, when it is known
  std::string error;         // not empty: the operation fails, for this reason
  Fault fault = Fault::kNone;
  // Not empty with a shape: the shape holds only for some run-time sizes (a tf.reshape whose -1
  // takes the unknown batch and mixes samples); why, for a warning.
  std::string doubt;

  bool raises() const { return !error.empty(); }  // the operation fails
  static Result of(Dims dims) { return Result{std::move(dims), {}, Fault::kNone, {}}; }
  static Result fail(Fault fault, std::string why) {
    return Result{std::nullopt, std::move(why), fault, {}};
  }
  static Result unknown() { return Result{}; }
};

// The verdict of an operation with several outputs (tf.split, tf.unstack, tf.math.top_k).
struct Results {
  std::optional<std::vector<Dims>> outputs;  // every output's shape, when known
  std::string error;
  Fault fault = Fault::kNone;

  bool raises() const { return !error.empty(); }  // the operation fails
  static Results of(std::vector<Dims> outputs) { return Results{std::move(outputs), {}, {}}; }
  static Results fail(Fault fault, std::string why) {
    return Results{std::nullopt, std::move(why), fault};
  }
  static Results unknown() { return Results{}; }
};

// What an unknown size in an input is taken to be where it meets a known one.
enum class Unknown : uint8_t {
  kFits,    // a tensor's None, which fits whatever it meets (TensorFlow's static shapes)
  kMayNot,  // a size dimsum cannot tell (an array's data): against 5 it may be 5, 1 or neither
};

// Whose rules, where NumPy's and TensorFlow's differ beyond unknown sizes.
enum class Dialect : uint8_t { kNumPy, kTensorFlow };

// ---- elementwise (elementwise.cc) ----

// The kind of an array's elements, as far as shapes and errors depend on it: a boolean array
// indexes as a mask, an integer one picks items, a float one cannot index at all.
enum class DType : uint8_t { kUnknown, kBool, kInt, kFloat };

// The kind of a op b (+, -, *, /, //, %, **, &, |, ^, <<, >>, @) for NumPy operands of kinds a
// and b, Python numbers included; nullopt when NumPy raises (bool - bool, float & int, ...).
std::optional<DType> binary_dtype(std::string_view op, DType a, DType b);
// The kind of -x, +x, ~x; nullopt when NumPy raises (-bool, ~float).
std::optional<DType> unary_dtype(std::string_view op, DType x);

// a + b, np.where(c, a, b), tf.math.add, ...: shapes aligned from the last axis; each pair of
// sizes equal, or one of them 1 (NumPy and TensorFlow alike). With Unknown::kMayNot, an unknown
// size against a known one other than 1 makes the whole result unknown: NumPy may give that
// size, or raise.
Result broadcast(const Dims& a, const Dims& b, Unknown unknown = Unknown::kFits);

// ---- reshape.cc ----

// x.reshape(target), np.reshape, tf.reshape (the same rule): at most one size -1, inferred from
// the element count; a target size of nullopt is one the caller does not know (a tensor, a
// value computed at run time). With Unknown::kFits and an unknown batch (axis 0 of x) taken by
// the target's -1 (or unknown first size), the shape is TensorFlow's static one, with a doubt
// when the per-sample count does not fit the target's other sizes.
Result reshape(const Dims& x, const std::vector<std::optional<int64_t>>& target, Unknown unknown);

// ---- squeeze.cc ----

// np.expand_dims(x, axis) (an int or a tuple), tf.expand_dims(input, axis) (one int): a size 1 at
// each of `axes`, counted in the result's rank.
Result expand_dims(const Dims& x, const std::vector<int64_t>& axes);
// np.squeeze(x, axis), tf.squeeze(input, axis): every size 1 (nullopt), or those of `axes`, which
// must be 1 (both raise for a known size other than 1). An unknown size named in `axes`: NumPy's
// data may not be 1 (kMayNot: unknown); TensorFlow's shape function drops a None it is told to
// squeeze (kFits). NumPy takes axis 0 or -1 of a 0-d array, TensorFlow does not.
Result squeeze(const Dims& x, const std::optional<std::vector<int64_t>>& axes, Unknown unknown);

// ---- transpose.cc ----

// np.transpose(x, axes), tf.transpose(a, perm): the axes reversed (nullopt), or permuted by
// `perm`, which names every axis once. NumPy takes negative axes in perm; TensorFlow's Transpose
// kernel requires 0 <= perm[i] < rank.
Result transpose(const Dims& x, const std::optional<std::vector<int64_t>>& perm, Dialect dialect);

// ---- reduce.cc ----

// sum, mean, max, argmax, tf.math.reduce_*, ... over `axes` (nullopt: all of them), kept as size
// 1 when `keepdims`. `needs_elements`: NumPy's max, min, argmax and argmin raise on an empty
// reduction (TensorFlow's give -inf, +inf, 0). NumPy raises on an axis named twice, TensorFlow
// may not (unknown); NumPy takes axis 0 or -1 of a 0-d array in some reductions, TensorFlow in
// none.
Result reduce(const Dims& x, const std::optional<std::vector<int64_t>>& axes, bool keepdims,
              bool needs_elements, Dialect dialect);

// ---- join.cc ----

// The one shape of arrays that must all have it (tf.math.add_n, and tf.stack before its new
// axis): unknown sizes take the others' known ones (kFits), or make it unknown (kMayNot).
Result same_shape(const std::vector<Dims>& arrays, Unknown unknown);
// np.stack(arrays, axis), tf.stack(values, axis): equal shapes, joined along a new axis.
Result stack(const std::vector<Dims>& arrays, int64_t axis, Unknown unknown);
// np.concatenate(arrays, axis), tf.concat(values, axis) (the same rule): equal ranks and sizes
// but on `axis`; nullopt (NumPy's axis=None): the arrays flattened.
Result concatenate(const std::vector<Dims>& arrays, std::optional<int64_t> axis, Unknown unknown);
// np.hstack: along axis 1, or 0 for 1-D arrays; scalars count as 1-D.
Result hstack(const std::vector<Dims>& arrays, Unknown unknown);
// np.vstack: along axis 0, 1-D arrays and scalars made rows.
Result vstack(const std::vector<Dims>& arrays, Unknown unknown);
// tf.split(value, n, axis) and np.split(ary, n, axis): n equal parts, n dividing the size.
Results split(const Dims& x, int64_t parts, int64_t axis);
// tf.split(value, [sizes], axis): parts of the given sizes, one of which may be -1 (the rest);
// they must add up to the size. (np.split's list is of split points, not sizes.)
Results split_sizes(const Dims& x, const std::vector<int64_t>& sizes, int64_t axis);
// tf.unstack(value, num=None, axis=0): one output per item of `axis`, which goes; its size must
// be known, or equal `num` when given.
Results unstack(const Dims& x, std::optional<int64_t> num, int64_t axis);

// ---- matmul.cc ----

// a @ b, np.matmul: 1-D operands promoted (and their axis removed again), leading axes broadcast.
Result matmul(const Dims& a, const Dims& b, Unknown unknown);
// tf.linalg.matmul(a, b, transpose_a, transpose_b) (adjoint_* transpose too): both of rank 2 or
// more, no promotion of vectors; the leading axes broadcast (BatchMatMulV2).
Result linalg_matmul(const Dims& a, const Dims& b, bool transpose_a, bool transpose_b);
// tf.einsum(equation, *inputs), keras.ops.einsum, np.einsum: each input's subscripts (letters,
// and "..." for axes that broadcast), "->" and the output's; without "->" the output is "..."
// then the letters used once, in alphabetical order. A letter's sizes must be equal.
Result einsum(std::string_view equation, const std::vector<Dims>& inputs);

// ---- indexing.cc ----

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
// A tf.Tensor's __getitem__ (tf.strided_slice) takes the basic items with the same shapes. An
// int on an unknown size: NumPy's data may be too short (kMayNot: unknown); a tensor's None
// axis is indexed as TensorFlow's static shape does (kFits: the axis goes).
Result index(const Dims& x, const std::vector<Index>& keys, Unknown unknown);

// tf.gather(params, indices, axis, batch_dims): params[:axis] + indices[batch_dims:] +
// params[axis + 1:]; batch_dims <= axis, and the first batch_dims sizes of both agree. A negative
// batch_dims counts from indices' rank. np.take(a, indices, axis) is batch_dims 0.
Result gather(const Dims& params, const Dims& indices, int64_t axis, int64_t batch_dims);

// ---- tile.cc ----

// tf.tile(input, multiples): one multiple per axis.
Result tile(const Dims& x, const std::vector<int64_t>& multiples);
// np.tile(A, reps): reps shorter than the rank are padded with 1s in front, and a rank lower
// than len(reps) gets leading axes of 1 (TensorFlow requires one multiple per axis).
Result numpy_tile(const Dims& x, const std::vector<int64_t>& reps);
// tf.repeat(input, repeats, axis), np.repeat(a, repeats, axis): each item repeated; `repeats`
// one count for all, or one per item of `axis`. Without an axis the input is flattened first.
Result repeat(const Dims& x, const std::vector<int64_t>& repeats, std::optional<int64_t> axis);

// ---- pad.cc ----

// tf.pad(tensor, paddings): one (before, after) pair per axis, none negative (TensorFlow's
// default CONSTANT mode; REFLECT and SYMMETRIC need pads smaller than the size, not checked).
Result pad(const Dims& x, const std::vector<std::pair<int64_t, int64_t>>& paddings);

// ---- encode.cc ----

// tf.one_hot(indices, depth, axis=-1): a new axis of `depth` at `axis`, which is -1 or from 0 to
// rank (TensorFlow's OneHot op rejects other negative axes).
Result one_hot(const Dims& indices, int64_t depth, int64_t axis);
// tf.math.top_k(input, k): values and indices, both input[:-1] + (k,); k at most the last size.
Results top_k(const Dims& x, int64_t k);
// tf.shape(input): a vector of one entry per axis.
Result shape_of(const Dims& x);

// ---- image.cc ----

// tf.image.resize(images, size): images of rank 3 (height, width, channels) or 4 (batch first)
// to size (height, width), each positive.
Result resize(const Dims& images, int64_t height, int64_t width);

}  // namespace dimsum::ops
