// Merge layers with Keras' broadcasting, on functional graphs with two inputs.
#include <gtest/gtest.h>

#include "model_text.h"

namespace dimsum {
namespace {

std::string two_input_merge(const std::string& a, const std::string& b, const std::string& merge) {
  return R"({"class_name": "Functional", "config": {"name": "m", "layers": [
    {"class_name": "InputLayer", "config": {"name": "a", "batch_input_shape": )" +
         a + R"(}, "name": "a", "inbound_nodes": []},
    {"class_name": "InputLayer", "config": {"name": "b", "batch_input_shape": )" +
         b + R"(}, "name": "b", "inbound_nodes": []},
    )" + merge +
         R"(],
    "input_layers": [["a", 0, 0], ["b", 0, 0]], "output_layers": [["merge", 0, 0]]}})";
}

std::string merge_layer(const std::string& class_name, const std::string& config = "") {
  return R"({"class_name": ")" + class_name + R"(", "config": {"name": "merge")" +
         (config.empty() ? "" : ", " + config) +
         R"(}, "name": "merge", "inbound_nodes": [[["a", 0, 0, {}], ["b", 0, 0, {}]]]})";
}

struct Row {
  std::string a, b, merge, output, error;
};

class MergeTable : public ::testing::TestWithParam<Row> {};

TEST_P(MergeTable, MatchesKeras) {
  const Row& row = GetParam();
  Result r = testing::check_or_fail(two_input_merge(row.a, row.b, row.merge));
  EXPECT_EQ(testing::first_error(r), row.error);
  if (!row.output.empty()) EXPECT_EQ(to_string(r.output_shapes.at(0)), row.output);
}

INSTANTIATE_TEST_SUITE_P(
    Keras, MergeTable,
    ::testing::Values(
        Row{"[null, 16]", "[null, 16]", merge_layer("Add"), "(None, 16)", ""},
        Row{"[null, 4, 1]", "[null, 4, 5]", merge_layer("Multiply"), "(None, 4, 5)", ""},
        Row{"[null, 5]", "[null, 3, 5]", merge_layer("Maximum"), "(None, 3, 5)", ""},
        Row{"[null, 32, 32, 32]", "[null, 32, 32, 64]", merge_layer("Add"), "", "DS0005"},
        Row{"[null, 8]", "[null, 8]", merge_layer("Subtract"), "(None, 8)", ""},
        Row{"[null, 8]", "[null, 7]", merge_layer("Average"), "", "DS0005"},
        // tf-keras' InceptionResNetV2: inputs[0] + inputs[1] * scale, TensorFlow's broadcasting
        Row{"[null, 35, 35, 320]", "[null, 35, 35, 320]",
            merge_layer("CustomScaleLayer", R"("scale": 0.17)"), "(None, 35, 35, 320)", ""},
        Row{"[null, 8, 8, 32]", "[null, 8, 8, 64]",
            merge_layer("CustomScaleLayer", R"("scale": 0.1)"), "", "DS0005"},
        Row{"[null, 8]", "[null, null]", merge_layer("Minimum"), "(None, None)", ""},
        // Keras fails at the Add; dimsum reports the cause, the inputs' fixed batch sizes 4 and 5,
        // at the second input (docs/semantics.md, deliberate difference 17).
        Row{"[4, 8]", "[5, 8]", merge_layer("Add"), "", "DS0009"},
        // Concatenate docstring: (2, 2, 5) and (2, 1, 5) on axis 1 -> (2, 3, 5)
        Row{"[2, 2, 5]", "[2, 1, 5]", merge_layer("Concatenate", R"("axis": 1)"), "(2, 3, 5)", ""},
        Row{"[null, 4, 4, 8]", "[null, 4, 4, 16]", merge_layer("Concatenate"), "(None, 4, 4, 24)",
            ""},
        Row{"[null, 5, 5, 8]", "[null, 4, 4, 16]", merge_layer("Concatenate"), "", "DS0005"},
        Row{"[null, 4]", "[null, 4]", merge_layer("Concatenate", R"("axis": 3)"), "", "DS0008"}));

TEST(Merge, ResidualChannelMismatchSuggestsAProjection) {
  Result r = testing::check_or_fail(
      two_input_merge("[null, 32, 32, 32]", "[null, 32, 32, 64]", merge_layer("Add")));
  ASSERT_EQ(testing::first_error(r), "DS0005");
  bool projection = false;
  for (const std::string& h : r.diagnostics[0].help)
    projection = projection || h.find("Conv2D(64, 1)") != std::string::npos;
  EXPECT_TRUE(projection);
}

}  // namespace
}  // namespace dimsum
