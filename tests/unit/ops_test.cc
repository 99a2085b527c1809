// The operations library (src/ops/ops.h) on its own. Expected shapes come from TensorFlow's op
// documentation (the examples of tf.tile, tf.repeat, tf.einsum, tf.gather, tf.split, tf.one_hot,
// tf.math.top_k, tf.pad) and from NumPy's, worked out by hand; the difference rows say which
// source differs.
#include <gtest/gtest.h>

#include "ops/ops.h"
#include "shape/shape.h"

namespace dimsum::ops {
namespace {

const Dim N = Dim::unknown();

Dims d(std::initializer_list<int64_t> sizes) {
  Dims out;
  for (int64_t s : sizes) out.push_back(s < 0 ? N : Dim(s));
  return out;
}

std::string text(const Result& r) {
  if (r.raises()) return "error";
  return r.dims ? tuple_string(*r.dims) : "unknown";
}

std::string text(const Results& r) {
  if (r.raises()) return "error";
  if (!r.outputs) return "unknown";
  std::string out;
  for (const Dims& dims : *r.outputs) out += (out.empty() ? "" : " ") + tuple_string(dims);
  return out;
}

TEST(Ops, ReshapeStatesTheArithmetic) {
  Result r = reshape(d({2, 10, 4}), {3, 15}, Unknown::kFits);
  ASSERT_TRUE(r.raises());
  EXPECT_EQ(r.fault, Fault::kCount);
  EXPECT_EQ(r.error, "cannot reshape (2, 10, 4) with 80 values into (3, 15) with 45");
  EXPECT_EQ(text(reshape(d({2, 10, 4}), {-1, 8}, Unknown::kFits)), "(10, 8)");
  EXPECT_EQ(text(reshape(d({2, 10, 4}), {-1, -1}, Unknown::kFits)), "error");
  EXPECT_EQ(text(reshape(d({2, 10, 4}), {-2, 40}, Unknown::kFits)), "error");
}

TEST(Ops, ReshapeOfAnUnknownBatch) {
  // TensorFlow's static shape: -1 takes the batch.
  Result kept = reshape(d({-1, 16}), {-1, 4, 4}, Unknown::kFits);
  EXPECT_EQ(text(kept), "(None, 4, 4)");
  EXPECT_TRUE(kept.doubt.empty());
  // 40 values per sample into rows of 45: only batches of a multiple of 9 fit (lcm 360 / 40).
  Result mixed = reshape(d({-1, 10, 4}), {-1, 3, 15}, Unknown::kFits);
  EXPECT_EQ(text(mixed), "(None, 3, 15)");
  EXPECT_NE(mixed.doubt.find("40 values per sample"), std::string::npos) << mixed.doubt;
  EXPECT_NE(mixed.doubt.find("multiple of 9"), std::string::npos) << mixed.doubt;
  // Rows of 8 from samples of 40: every batch fits (each sample makes 5 rows).
  EXPECT_TRUE(reshape(d({-1, 10, 4}), {-1, 8}, Unknown::kFits).doubt.empty());
  // An array's unknown size: NumPy may raise for rows of 45 (unknown), never for rows of 8.
  EXPECT_EQ(text(reshape(d({-1, 10, 4}), {-1, 3, 15}, Unknown::kMayNot)), "unknown");
  EXPECT_EQ(text(reshape(d({-1, 10, 4}), {-1, 8}, Unknown::kMayNot)), "(None, 8)");
}

TEST(Ops, SqueezeDiffers) {
  // tf.squeeze: a None it is told to squeeze goes; NumPy's data may not be 1.
  EXPECT_EQ(text(squeeze(d({2, -1, 3}), std::vector<int64_t>{1}, Unknown::kFits)), "(2, 3)");
  EXPECT_EQ(text(squeeze(d({2, -1, 3}), std::vector<int64_t>{1}, Unknown::kMayNot)), "unknown");
  Result r = squeeze(d({2, 4, 3}), std::vector<int64_t>{1}, Unknown::kFits);
  EXPECT_EQ(r.error, "cannot squeeze axis 1 of (2, 4, 3): its size is 4, not 1");
  // NumPy takes axis 0 of a 0-d array; TensorFlow's range check does not.
  EXPECT_EQ(text(squeeze(d({}), std::vector<int64_t>{0}, Unknown::kFits)), "error");
}

TEST(Ops, TransposeAndReduceDiffer) {
  EXPECT_EQ(text(transpose(d({2, 3, 4}), std::vector<int64_t>{0, -1, 1}, Dialect::kNumPy)),
            "(2, 4, 3)");
  EXPECT_EQ(text(transpose(d({2, 3, 4}), std::vector<int64_t>{0, -1, 1}, Dialect::kTensorFlow)),
            "error");
  // NumPy: duplicate value in 'axis'; TensorFlow: not told apart.
  EXPECT_EQ(text(reduce(d({2, 3}), std::vector<int64_t>{1, 1}, false, false, Dialect::kNumPy)),
            "error");
  EXPECT_EQ(text(reduce(d({2, 3}), std::vector<int64_t>{1, 1}, false, false, Dialect::kTensorFlow)),
            "unknown");
  EXPECT_EQ(text(reduce(d({-1, 3, 4}), std::vector<int64_t>{1}, true, false, Dialect::kTensorFlow)),
            "(None, 1, 4)");
}

TEST(Ops, ConcatStatesWhichAxis) {
  Result r = concatenate({d({-1, 3, 2}), d({-1, 5, 4})}, 1, Unknown::kFits);
  EXPECT_EQ(r.error,
            "cannot concatenate (None, 3, 2) and (None, 5, 4) on axis 1: sizes on axis 2 differ "
            "(2 and 4)");
  EXPECT_EQ(text(concatenate({d({-1, 3}), d({4, 5})}, 1, Unknown::kFits)), "(4, 8)");
  EXPECT_EQ(text(concatenate({d({-1, 3}), d({4, 5})}, 1, Unknown::kMayNot)), "unknown");
}

TEST(Ops, TileAndRepeat) {
  // tf.tile([[1, 2, 3], [4, 5, 6]], [1, 2]) is 2 x 6; multiples must cover every axis.
  EXPECT_EQ(text(tile(d({2, 3}), {1, 2})), "(2, 6)");
  EXPECT_EQ(text(tile(d({2, 3}), {2})), "error");
  // np.tile: reps (2,) on (2, 3) tiles the last axis; (2, 1, 1) adds a leading axis.
  EXPECT_EQ(text(numpy_tile(d({2, 3}), {2})), "(2, 6)");
  EXPECT_EQ(text(numpy_tile(d({2, 3}), {2, 1, 1})), "(2, 2, 3)");
  // tf.repeat(['a', 'b', 'c'], repeats=[3, 0, 2], axis=0) has 5 items;
  // tf.repeat([[1, 2], [3, 4]], repeats=[1, 2], axis=0) is 3 x 2, axis=1 2 x 3;
  // tf.repeat(3, repeats=4) has 4; tf.repeat([[1, 2], [3, 4]], repeats=2) flattens: 8.
  EXPECT_EQ(text(repeat(d({3}), {3, 0, 2}, 0)), "(5,)");
  EXPECT_EQ(text(repeat(d({2, 2}), {1, 2}, 0)), "(3, 2)");
  EXPECT_EQ(text(repeat(d({2, 2}), {1, 2}, 1)), "(2, 3)");
  EXPECT_EQ(text(repeat(d({}), {4}, std::nullopt)), "(4,)");
  EXPECT_EQ(text(repeat(d({2, 2}), {2}, std::nullopt)), "(8,)");
  EXPECT_EQ(text(repeat(d({2, 2}), {1, 2, 3}, 0)), "error");
}

TEST(Ops, Einsum) {
  EXPECT_EQ(text(einsum("ij,jk->ik", {d({2, 3}), d({3, 5})})), "(2, 5)");
  EXPECT_EQ(text(einsum("bij,bjk->bik", {d({-1, 2, 3}), d({-1, 3, 5})})), "(None, 2, 5)");
  EXPECT_EQ(text(einsum("ij->ji", {d({2, 3})})), "(3, 2)");
  EXPECT_EQ(text(einsum("ii", {d({3, 3})})), "()");                    // the trace
  EXPECT_EQ(text(einsum("ii->i", {d({3, 3})})), "(3,)");               // the diagonal
  EXPECT_EQ(text(einsum("ij,jk", {d({2, 3}), d({3, 5})})), "(2, 5)");  // implicit: "ik"
  EXPECT_EQ(text(einsum("ba,ac", {d({2, 3}), d({3, 5})})), "(2, 5)");  // implicit: "bc"
  // "...": the broadcast of the operands' other axes.
  EXPECT_EQ(text(einsum("...ij,...jk->...ik", {d({2, 1, 3, 4}), d({5, 4, 6})})), "(2, 5, 3, 6)");
  EXPECT_EQ(text(einsum("ij,jk->ik", {d({2, 3}), d({4, 5})})), "error");
  EXPECT_EQ(text(einsum("ij,jk->ik", {d({2, 3})})), "error");
  EXPECT_EQ(text(einsum("ij->iz", {d({2, 3})})), "error");
}

TEST(Ops, MatmulDiffers) {
  // np.matmul promotes vectors; tf.linalg.matmul needs rank 2.
  EXPECT_EQ(text(matmul(d({3}), d({3, 4}), Unknown::kFits)), "(4,)");
  EXPECT_EQ(text(linalg_matmul(d({3}), d({3, 4}), false, false)), "error");
  EXPECT_EQ(text(linalg_matmul(d({-1, 1, 3, 4}), d({5, 4, 6}), false, false)), "(None, 5, 3, 6)");
  EXPECT_EQ(text(linalg_matmul(d({2, 4, 3}), d({2, 5, 4}), true, true)), "(2, 3, 5)");
}

TEST(Ops, GatherSplitUnstack) {
  // tf.gather(params of (7, 5), indices of (3,), axis=1) is (7, 3); with batch_dims=1, params
  // (2, 3, 5) and indices (2, 4) on axis 1 give (2, 4, 5).
  EXPECT_EQ(text(gather(d({7, 5}), d({3}), 1, 0)), "(7, 3)");
  EXPECT_EQ(text(gather(d({2, 3, 5}), d({2, 4}), 1, 1)), "(2, 4, 5)");
  EXPECT_EQ(text(gather(d({2, 3, 5}), d({2, 4}), 0, 1)), "error");  // batch_dims > axis
  EXPECT_EQ(text(gather(d({2, 3, 5}), d({3, 4}), 1, 1)), "error");  // batch sizes differ
  // tf.split of (5, 30) into [4, 15, 11] on axis 1, and into 3 equal parts.
  EXPECT_EQ(text(split_sizes(d({5, 30}), {4, 15, 11}, 1)), "(5, 4) (5, 15) (5, 11)");
  EXPECT_EQ(text(split_sizes(d({5, 30}), {4, -1}, 1)), "(5, 4) (5, 26)");
  EXPECT_EQ(text(split(d({5, 30}), 3, 1)), "(5, 10) (5, 10) (5, 10)");
  EXPECT_EQ(text(split(d({5, 30}), 4, 1)), "error");
  EXPECT_EQ(text(unstack(d({-1, 3}), std::nullopt, 1)), "(None,) (None,) (None,)");
  EXPECT_EQ(text(unstack(d({-1, 3}), std::nullopt, 0)), "error");  // cannot infer num
  EXPECT_EQ(text(unstack(d({-1, 3}), 4, 1)), "error");
}

TEST(Ops, OneHotTopKPadResize) {
  // tf.one_hot of 3 indices, depth 3: (3, 3) on axis -1; of (4,) on axis 0: depth x features.
  EXPECT_EQ(text(one_hot(d({4}), 3, -1)), "(4, 3)");
  EXPECT_EQ(text(one_hot(d({4}), 3, 0)), "(3, 4)");
  EXPECT_EQ(text(one_hot(d({4}), 3, -2)), "error");
  EXPECT_EQ(text(top_k(d({-1, 5}), 3)), "(None, 3) (None, 3)");
  EXPECT_EQ(text(top_k(d({-1, 5}), 6)), "error");
  // tf.pad's paddings is [rank, 2]: tf.pad(t of (2, 3), [[1, 1], [2, 2]]) is (4, 7).
  EXPECT_EQ(text(pad(d({2, 3}), {{1, 1}, {2, 2}})), "(4, 7)");
  EXPECT_EQ(text(pad(d({2, 3}), {{1, 1}})), "error");
  EXPECT_EQ(text(resize(d({-1, 8, 8, 3}), 5, 7)), "(None, 5, 7, 3)");
  EXPECT_EQ(text(resize(d({8, 8}), 5, 7)), "error");
}

}  // namespace
}  // namespace dimsum::ops
