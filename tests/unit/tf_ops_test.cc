// tf.keras 2's TFOpLambda and SlicingOpLambda: raw TensorFlow ops in functional configs, as
// model.to_json() writes them (the call's first argument keeps its structure, later arguments
// are in the reference's kwargs). Expected shapes follow each op's documented semantics
// (tf.reshape's shape includes the batch axis and takes one -1; NumPy broadcasting; Python
// slicing; tf.einsum, tf.math.top_k, tf.repeat, tf.gather's batch_dims, tf.unstack, tf.split and
// tf.pad as their API documentation describes them), worked out by hand per row.
#include <gtest/gtest.h>

#include "model_text.h"

namespace dimsum {
namespace {

using testing::check_or_fail;
using testing::first_error;

// Inputs x and y of the given shapes, then an op layer "op" whose inbound node is `call`.
std::string op_model(const std::string& x, const std::string& y, const std::string& function,
                     const std::string& call, const std::string& class_name = "TFOpLambda") {
  auto input = [](const std::string& name, const std::string& shape) {
    return R"({"class_name": "InputLayer", "config": {"name": ")" + name +
           R"(", "batch_input_shape": )" + shape + R"(}, "name": ")" + name +
           R"(", "inbound_nodes": []})";
  };
  return R"({"class_name": "Functional", "config": {"name": "m", "layers": [)" + input("x", x) +
         ",\n" + input("y", y) + R"(,
    {"class_name": ")" +
         class_name + R"(", "config": {"name": "op", "trainable": true,
     "dtype": "float32", "function": ")" +
         function + R"("}, "name": "op",
     "inbound_nodes": [)" +
         call + R"(]}],
    "input_layers": [["x", 0, 0], ["y", 0, 0]], "output_layers": [["op", 0, 0]]}})";
}

struct OpRow {
  std::string name, x, y, function, call, output, error;
  std::string class_name = "TFOpLambda";
};

void PrintTo(const OpRow& row, std::ostream* os) { *os << row.name; }

class OpTable : public ::testing::TestWithParam<OpRow> {};

TEST_P(OpTable, MatchesTensorFlow) {
  const OpRow& row = GetParam();
  Result r = check_or_fail(op_model(row.x, row.y, row.function, row.call, row.class_name));
  std::string message = r.diagnostics.empty() ? "" : r.diagnostics[0].message;
  EXPECT_EQ(first_error(r), row.error) << message;
  if (!row.output.empty()) EXPECT_EQ(to_string(r.output_shapes.at(0)), row.output) << message;
  for (const Diagnostic& d : r.diagnostics)
    if (d.severity == Severity::kError) EXPECT_FALSE(d.help.empty()) << d.message;
}

INSTANTIATE_TEST_SUITE_P(
    TensorFlow, OpTable,
    ::testing::Values(
        // tf.reshape(x, [-1, 4, 4]): with the batch unknown, -1 stands for it.
        OpRow{"reshape_batch", "[null, 16]", "[null, 1]", "reshape",
              R"(["x", 0, 0, {"shape": [-1, 4, 4], "name": null}])", "(None, 4, 4)", ""},
        // All known: 2 x 16 = 32 elements into (4, 8).
        OpRow{"reshape_known", "[2, 16]", "[2, 1]", "reshape", R"(["x", 0, 0, {"shape": [4, 8]}])",
              "(4, 8)", ""},
        OpRow{"reshape_infer", "[2, 16]", "[2, 1]", "reshape", R"(["x", 0, 0, {"shape": [-1, 8]}])",
              "(4, 8)", ""},
        // 8 x 16 = 128 elements are not a multiple of 5.
        OpRow{"reshape_indivisible", "[8, 16]", "[8, 1]", "reshape",
              R"(["x", 0, 0, {"shape": [-1, 5]}])", "", "DS0003"},
        // A size computed at run time (tf.shape(x)[0]) is a tensor: unknown.
        OpRow{"reshape_tensor_size", "[null, 16]", "[null, 1]", "reshape",
              R"(["x", 0, 0, {"shape": [["y", 0, 0], 4, 4]}])", "(None, 4, 4)", ""},
        // tf.concat([x, y], axis=1).
        OpRow{"concat", "[null, 3]", "[null, 5]", "concat",
              R"([["x", 0, 0, {"axis": 1}], ["y", 0, 0, {"axis": 1}]])", "(None, 8)", ""},
        OpRow{"concat_mismatch", "[null, 3, 2]", "[null, 5, 4]", "concat",
              R"([["x", 0, 0, {"axis": 1}], ["y", 0, 0, {"axis": 1}]])", "", "DS0005"},
        OpRow{"stack", "[null, 3]", "[null, 3]", "stack",
              R"([["x", 0, 0, {"axis": 1}], ["y", 0, 0, {"axis": 1}]])", "(None, 2, 3)", ""},
        OpRow{"expand_dims", "[null, 10]", "[null, 1]", "expand_dims",
              R"(["x", 0, 0, {"axis": -1}])", "(None, 10, 1)", ""},
        OpRow{"squeeze", "[null, 10, 1]", "[null, 1]", "squeeze", R"(["x", 0, 0, {"axis": [2]}])",
              "(None, 10)", ""},
        OpRow{"squeeze_not_one", "[null, 10, 3]", "[null, 1]", "squeeze",
              R"(["x", 0, 0, {"axis": 2}])", "", "DS0008"},
        OpRow{"compat_v1_squeeze_dims", "[null, 10, 1]", "[null, 1]", "compat.v1.squeeze",
              R"(["x", 0, 0, {"squeeze_dims": [2]}])", "(None, 10)", ""},
        OpRow{"transpose", "[null, 10, 3]", "[null, 1]", "transpose",
              R"(["x", 0, 0, {"perm": [0, 2, 1]}])", "(None, 3, 10)", ""},
        OpRow{"transpose_without_batch", "[null, 10, 3]", "[null, 1]", "transpose",
              R"(["x", 0, 0, {"perm": [2, 1]}])", "", "DS0008"},
        OpRow{"reduce_mean", "[null, 10, 3]", "[null, 1]", "math.reduce_mean",
              R"(["x", 0, 0, {"axis": 1}])", "(None, 3)", ""},
        OpRow{"reduce_mean_keepdims", "[null, 10, 3]", "[null, 1]", "math.reduce_mean",
              R"(["x", 0, 0, {"axis": [1, 2], "keepdims": true}])", "(None, 1, 1)", ""},
        OpRow{"reduce_sum_all", "[null, 10, 3]", "[null, 1]", "math.reduce_sum",
              R"(["x", 0, 0, {}])", "()", ""},
        OpRow{"argmax", "[null, 10, 3]", "[null, 1]", "math.argmax", R"(["x", 0, 0, {"axis": -1}])",
              "(None, 10)", ""},
        OpRow{"relu", "[null, 10, 3]", "[null, 1]", "nn.relu", R"(["x", 0, 0, {}])",
              "(None, 10, 3)", ""},
        // x + y broadcasts, the batch axis included.
        OpRow{"add_broadcast", "[null, 10, 3]", "[null, 1, 3]", "__operators__.add",
              R"(["x", 0, 0, {"y": ["y", 0, 0], "name": null}])", "(None, 10, 3)", ""},
        OpRow{"add_mismatch", "[null, 10, 3]", "[null, 4, 3]", "__operators__.add",
              R"(["x", 0, 0, {"y": ["y", 0, 0], "name": null}])", "", "DS0005"},
        // x * constant: the constant's shape is its nested list's, here (1, 1, 3).
        OpRow{"multiply_constant", "[null, 8, 8, 3]", "[null, 1]", "math.multiply",
              R"(["x", 0, 0, {"y": [[[0.5, 0.5, 0.5]]], "name": null}])", "(None, 8, 8, 3)", ""},
        // 1.0 - x: the first argument is a constant.
        OpRow{"subtract_from_constant", "[null, 10, 3]", "[null, 1]", "math.subtract",
              R"(["_CONSTANT_VALUE", -1, 1.0, {"y": ["x", 0, 0], "name": null}])", "(None, 10, 3)",
              ""},
        OpRow{"matmul", "[null, 10, 3]", "[null, 3, 4]", "linalg.matmul",
              R"(["x", 0, 0, {"b": ["y", 0, 0]}])", "(None, 10, 4)", ""},
        OpRow{"matmul_transpose_b", "[null, 10, 3]", "[null, 4, 3]", "linalg.matmul",
              R"(["x", 0, 0, {"b": ["y", 0, 0], "transpose_b": true}])", "(None, 10, 4)", ""},
        OpRow{"matmul_mismatch", "[null, 10, 3]", "[null, 4, 3]", "linalg.matmul",
              R"(["x", 0, 0, {"b": ["y", 0, 0]}])", "", "DS0005"},
        OpRow{"tile", "[null, 10, 3]", "[null, 1]", "tile",
              R"(["x", 0, 0, {"multiples": [1, 2, 3]}])", "(None, 20, 9)", ""},
        OpRow{"pad", "[null, 10, 3]", "[null, 1]", "pad",
              R"(["x", 0, 0, {"paddings": [[0, 0], [1, 2], [0, 0]]}])", "(None, 13, 3)", ""},
        OpRow{"one_hot", "[null, 10]", "[null, 1]", "one_hot", R"(["x", 0, 0, {"depth": 5}])",
              "(None, 10, 5)", ""},
        OpRow{"image_resize", "[null, 10, 10, 3]", "[null, 1]", "image.resize",
              R"(["x", 0, 0, {"size": [20, 30]}])", "(None, 20, 30, 3)", ""},
        // tf.einsum("bij,bjk->bik", x, y): the operands are the first argument, a list.
        OpRow{
            "einsum", "[null, 2, 3]", "[null, 3, 5]", "einsum",
            R"([["x", 0, 0, {"equation": "bij,bjk->bik"}], ["y", 0, 0, {"equation": "bij,bjk->bik"}]])",
            "(None, 2, 5)", ""},
        OpRow{
            "einsum_mismatch", "[null, 2, 3]", "[null, 4, 5]", "einsum",
            R"([["x", 0, 0, {"equation": "bij,bjk->bik"}], ["y", 0, 0, {"equation": "bij,bjk->bik"}]])",
            "", "DS0005"},
        // tf.math.top_k(x, k=2): values first; k beyond the last axis fails.
        OpRow{"top_k", "[null, 10, 3]", "[null, 1]", "math.top_k", R"(["x", 0, 0, {"k": 2}])",
              "(None, 10, 2)", ""},
        OpRow{"top_k_too_many", "[null, 10, 3]", "[null, 1]", "math.top_k",
              R"(["x", 0, 0, {"k": 4}])", "", "DS0008"},
        // tf.repeat(x, [1, 2], axis=1): 3 items; without an axis, flattened (unknown batch).
        OpRow{"repeat_axis", "[null, 2]", "[null, 1]", "repeat",
              R"(["x", 0, 0, {"repeats": [1, 2], "axis": 1}])", "(None, 3)", ""},
        OpRow{"repeat_flat", "[null, 2]", "[null, 1]", "repeat", R"(["x", 0, 0, {"repeats": 2}])",
              "(None,)", ""},
        // tf.gather(x, indices, axis=1, batch_dims=1): params[:1] + indices[1:] + params[2:].
        OpRow{"gather_batch_dims", "[null, 5, 4]", "[null, 3]", "gather",
              R"(["x", 0, 0, {"indices": ["y", 0, 0], "axis": 1, "batch_dims": 1}])",
              "(None, 3, 4)", ""},
        // tf.unstack on the None batch axis: TensorFlow cannot infer num.
        OpRow{"unstack_unknown", "[null, 3]", "[null, 1]", "unstack", R"(["x", 0, 0, {}])", "",
              "DS0008"},
        OpRow{"split_sizes", "[null, 6]", "[null, 1]", "split",
              R"(["x", 0, 0, {"num_or_size_splits": [1, -1], "axis": 1}])", "(None, 1)", ""},
        OpRow{"pad_short", "[null, 10, 3]", "[null, 1]", "pad",
              R"(["x", 0, 0, {"paddings": [[0, 0], [1, 2]]}])", "", "DS0008"},
        // An op without a rule: a warning (DS0101), and an unknown output, never an error.
        OpRow{"unknown_op", "[null, 10, 3]", "[null, 1]", "math.bincount", R"(["x", 0, 0, {}])",
              "?", ""},
        // x[:, 0], x[:, :2], x[..., 1:], x[:, None], x[:, ::-1].
        OpRow{"getitem_index", "[null, 10, 3]", "[null, 1]", "__operators__.getitem",
              R"(["x", 0, 0, {"slice_spec": [{"start": null, "stop": null, "step": null}, 0]}])",
              "(None, 3)", "", "SlicingOpLambda"},
        OpRow{"getitem_slice", "[null, 10, 3]", "[null, 1]", "__operators__.getitem",
              R"(["x", 0, 0, {"slice_spec": [{"start": null, "stop": null, "step": null},
                   {"start": null, "stop": 2, "step": null}]}])",
              "(None, 2, 3)", "", "SlicingOpLambda"},
        OpRow{"getitem_ellipsis", "[null, 10, 3]", "[null, 1]", "__operators__.getitem",
              R"(["x", 0, 0, {"slice_spec": [{"class_name": "__ellipsis__"},
                   {"start": 1, "stop": null, "step": null}]}])",
              "(None, 10, 2)", "", "SlicingOpLambda"},
        OpRow{"getitem_newaxis", "[null, 10, 3]", "[null, 1]", "__operators__.getitem",
              R"(["x", 0, 0, {"slice_spec": [{"start": null, "stop": null, "step": null}, null]}])",
              "(None, 1, 10, 3)", "", "SlicingOpLambda"},
        OpRow{"getitem_reverse", "[null, 10, 3]", "[null, 1]", "__operators__.getitem",
              R"(["x", 0, 0, {"slice_spec": [{"start": null, "stop": null, "step": null},
                   {"start": null, "stop": null, "step": -1}]}])",
              "(None, 10, 3)", "", "SlicingOpLambda"},
        OpRow{"getitem_step", "[null, 10, 3]", "[null, 1]", "__operators__.getitem",
              R"(["x", 0, 0, {"slice_spec": [{"start": null, "stop": null, "step": null},
                   {"start": 1, "stop": -1, "step": 3}]}])",
              "(None, 3, 3)", "", "SlicingOpLambda"},
        OpRow{"getitem_out_of_range", "[null, 10, 3]", "[null, 1]", "__operators__.getitem",
              R"(["x", 0, 0, {"slice_spec": [{"start": null, "stop": null, "step": null}, 12]}])",
              "", "DS0008", "SlicingOpLambda"}));

TEST(TfOps, SplitGivesSeveralOutputs) {
  // tf.split(x, 2, axis=-1) on (None, 10, 6): two (None, 10, 3).
  std::string model = op_model("[null, 10, 6]", "[null, 1]", "split",
                               R"(["x", 0, 0, {"num_or_size_splits": 2, "axis": -1}])");
  model.replace(model.find(R"([["op", 0, 0]])"), 14, R"([["op", 0, 0], ["op", 0, 1]])");
  Result r = check_or_fail(model);
  EXPECT_EQ(first_error(r), "");
  ASSERT_EQ(r.output_shapes.size(), 2u);
  EXPECT_EQ(to_string(r.output_shapes[1]), "(None, 10, 3)");
}

TEST(TfOps, ReshapeThatMixesSamplesWarnsWithTheArithmetic) {
  // (None, 10, 4) holds 40 values per sample; rows of 45 take whole samples only in batches of
  // a multiple of 9 (lcm(40, 45) = 360 = 9 x 40). TensorFlow's static shape is (None, 3, 15).
  Result r = check_or_fail(
      op_model("[null, 10, 4]", "[null, 1]", "reshape", R"(["x", 0, 0, {"shape": [-1, 3, 15]}])"));
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(to_string(r.output_shapes.at(0)), "(None, 3, 15)");
  ASSERT_FALSE(r.diagnostics.empty());
  EXPECT_EQ(r.diagnostics[0].severity, Severity::kWarning);
  EXPECT_NE(r.diagnostics[0].message.find("40 values per sample"), std::string::npos);
  EXPECT_NE(r.diagnostics[0].message.find("multiple of 9"), std::string::npos);
}

TEST(TfOps, UnknownOpWarnsAndNamesIt) {
  Result r =
      check_or_fail(op_model("[null, 10, 3]", "[null, 1]", "math.bincount", R"(["x", 0, 0, {}])"));
  ASSERT_FALSE(r.diagnostics.empty());
  EXPECT_EQ(r.diagnostics[0].severity, Severity::kWarning);
  EXPECT_EQ(r.diagnostics[0].code, "DS0101");
  EXPECT_NE(r.diagnostics[0].message.find("tf.math.bincount"), std::string::npos);
  EXPECT_TRUE(r.ok());
}

}  // namespace
}  // namespace dimsum
