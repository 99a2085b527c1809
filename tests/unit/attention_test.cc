// Attention layers in functional models, where the value and key arrive as later arguments of
// the call: tf.keras 2 keeps them in the node's kwargs, Keras 3 in "args" as
// __keras_tensor__ objects. Expected shapes are MultiHeadAttention's docstring examples; the
// parameter counts are its four EinsumDense projections (query, key, value: features x heads x
// key_dim plus a bias per head and dimension; output: heads x value_dim x features plus a bias).
#include <gtest/gtest.h>

#include "model_text.h"

namespace dimsum {
namespace {

using testing::check_or_fail;
using testing::first_error;

std::string input(const std::string& name, const std::string& shape) {
  return R"({"class_name": "InputLayer", "config": {"name": ")" + name +
         R"(", "batch_input_shape": )" + shape + R"(}, "name": ")" + name +
         R"(", "inbound_nodes": []})";
}

// A tf.keras 2 functional model: inputs `target` and `source`, then `layer`; outputs `outputs`.
std::string functional(const std::string& target, const std::string& source,
                       const std::string& layer, const std::string& outputs) {
  return R"({"class_name": "Functional", "config": {"name": "m", "layers": [)" +
         input("target", target) + ",\n" + input("source", source) + ",\n" + layer +
         R"(], "input_layers": [["target", 0, 0], ["source", 0, 0]], "output_layers": )" + outputs +
         "}}";
}

constexpr const char* kMhaConfig =
    R"("name": "mha", "num_heads": 2, "key_dim": 2, "value_dim": 2, "dropout": 0.0,
       "use_bias": true, "output_shape": null, "attention_axes": [1])";

// 16 features, 2 heads, key_dim 2: three projections of 16*2*2 + 2*2, and 2*2*16 + 16 out.
constexpr int64_t kMhaParams = 3 * (16 * 2 * 2 + 2 * 2) + (2 * 2 * 16 + 16);

TEST(MultiHeadAttention, TfKeras2ValueFromKwargs) {
  // Docstring: target (None, 8, 16), source (None, 4, 16), return_attention_scores=True:
  // output (None, 8, 16), scores (None, 2, 8, 4).
  std::string layer = std::string(R"({"class_name": "MultiHeadAttention", "config": {)") +
                      kMhaConfig + R"(}, "name": "mha", "inbound_nodes": [[["target", 0, 0,
      {"value": ["source", 0, 0], "return_attention_scores": true}]]]})";
  Result r = check_or_fail(
      functional("[null, 8, 16]", "[null, 4, 16]", layer, R"([["mha", 0, 0], ["mha", 0, 1]])"));
  EXPECT_EQ(first_error(r), "");
  ASSERT_EQ(r.output_shapes.size(), 2u);
  EXPECT_EQ(to_string(r.output_shapes[0]), "(None, 8, 16)");
  EXPECT_EQ(to_string(r.output_shapes[1]), "(None, 2, 8, 4)");
  ASSERT_TRUE(r.total_params);
  EXPECT_EQ(*r.total_params, kMhaParams);
  // The layer's inputs in the summary: the query, then the value.
  ASSERT_EQ(r.layers[2].input_shapes.size(), 2u);
  EXPECT_EQ(to_string(r.layers[2].input_shapes[1]), "(None, 4, 16)");
}

TEST(MultiHeadAttention, Keras3ValueFromArgs) {
  auto tensor = [](const std::string& name, const std::string& shape) {
    return R"({"class_name": "__keras_tensor__", "config": {"shape": )" + shape +
           R"(, "dtype": "float32", "keras_history": [")" + name + R"(", 0, 0]}})";
  };
  std::string layer = std::string(R"({"module": "keras.layers", "class_name": "MultiHeadAttention",
      "config": {)") + kMhaConfig +
                      R"(}, "registered_name": null, "name": "mha",
      "inbound_nodes": [{"args": [)" +
                      tensor("target", "[null, 8, 16]") + ", " + tensor("source", "[null, 4, 16]") +
                      R"(], "kwargs": {}}]})";
  std::string model = R"({"module": "keras", "class_name": "Functional", "config": {"name": "m",
      "layers": [)" + input("target", "[null, 8, 16]") +
                      ",\n" + input("source", "[null, 4, 16]") + ",\n" + layer +
                      R"(], "input_layers": [["target", 0, 0], ["source", 0, 0]],
      "output_layers": [["mha", 0, 0]]}, "registered_name": "Functional"})";
  Result r = check_or_fail(model);
  EXPECT_EQ(first_error(r), "");
  ASSERT_EQ(r.output_shapes.size(), 1u);
  EXPECT_EQ(to_string(r.output_shapes[0]), "(None, 8, 16)");
  ASSERT_TRUE(r.total_params);
  EXPECT_EQ(*r.total_params, kMhaParams);
}

TEST(MultiHeadAttention, AttentionAxesDocstring) {
  // Docstring: 2D self-attention over axes 2 and 3 of (None, 5, 3, 4, 16): output (None, 5, 3,
  // 4, 16).
  std::string layer = R"({"class_name": "MultiHeadAttention", "config": {"name": "mha",
      "num_heads": 2, "key_dim": 2, "attention_axes": [2, 3]}, "name": "mha",
      "inbound_nodes": [[["target", 0, 0, {"value": ["target", 0, 0]}]]]})";
  Result r =
      check_or_fail(functional("[null, 5, 3, 4, 16]", "[null, 1]", layer, R"([["mha", 0, 0]])"));
  EXPECT_EQ(first_error(r), "");
  EXPECT_EQ(to_string(r.output_shapes.at(0)), "(None, 5, 3, 4, 16)");
  ASSERT_TRUE(r.total_params);
  EXPECT_EQ(*r.total_params, kMhaParams);
}

TEST(MultiHeadAttention, OutputShapeAndValueDim) {
  // output_shape=8 and value_dim=4: the value projection is 16 x 2 x 4 (+ 2*4), the output
  // 2 x 4 x 8 (+ 8).
  std::string layer = R"({"class_name": "MultiHeadAttention", "config": {"name": "mha",
      "num_heads": 2, "key_dim": 2, "value_dim": 4, "output_shape": 8}, "name": "mha",
      "inbound_nodes": [[["target", 0, 0, {"value": ["source", 0, 0]}]]]})";
  Result r =
      check_or_fail(functional("[null, 8, 16]", "[null, 4, 16]", layer, R"([["mha", 0, 0]])"));
  EXPECT_EQ(to_string(r.output_shapes.at(0)), "(None, 8, 8)");
  ASSERT_TRUE(r.total_params);
  EXPECT_EQ(*r.total_params, 2 * (16 * 2 * 2 + 2 * 2) + (16 * 2 * 4 + 2 * 4) + (2 * 4 * 8 + 8));
}

TEST(MultiHeadAttention, KeyAndValueStepsMustAgree) {
  // Keras: "All dimensions of `value` and `key`, except the last one, must be equal".
  std::string layer = R"({"class_name": "MultiHeadAttention", "config": {"name": "mha",
      "num_heads": 2, "key_dim": 2}, "name": "mha",
      "inbound_nodes": [[["target", 0, 0, {"value": ["source", 0, 0],
                                           "key": ["target", 0, 0]}]]]})";
  Result r =
      check_or_fail(functional("[null, 8, 16]", "[null, 4, 16]", layer, R"([["mha", 0, 0]])"));
  EXPECT_EQ(first_error(r), "DS0005");
}

std::string attention_layer(const std::string& class_name, const std::string& config) {
  return R"({"class_name": ")" + class_name + R"(", "config": {"name": "att")" + config +
         R"(}, "name": "att", "inbound_nodes": [[["target", 0, 0, {}], ["source", 0, 0, {}]]]})";
}

TEST(Attention, OutputHasTheQueryStepsAndTheValueFeatures) {
  // compute_output_shape: (*query_shape[:-1], value_shape[-1]).
  Result r = check_or_fail(functional("[null, 8, 16]", "[null, 4, 16]",
                                      attention_layer("Attention", R"(, "use_scale": true)"),
                                      R"([["att", 0, 0]])"));
  EXPECT_EQ(first_error(r), "");
  EXPECT_EQ(to_string(r.output_shapes.at(0)), "(None, 8, 16)");
  EXPECT_EQ(r.total_params, 1);  // the scalar scale
}

TEST(Attention, QueryAndKeyFeaturesMustAgree) {
  Result r = check_or_fail(functional("[null, 8, 16]", "[null, 4, 12]",
                                      attention_layer("Attention", ""), R"([["att", 0, 0]])"));
  EXPECT_EQ(first_error(r), "DS0005");
}

TEST(Attention, AdditiveAttentionScalesEachFeature) {
  // AdditiveAttention.build: scale of shape [dim] when use_scale (the default).
  Result r =
      check_or_fail(functional("[null, 8, 16]", "[null, 4, 16]",
                               attention_layer("AdditiveAttention", ""), R"([["att", 0, 0]])"));
  EXPECT_EQ(to_string(r.output_shapes.at(0)), "(None, 8, 16)");
  EXPECT_EQ(r.total_params, 16);
}

TEST(GroupedQueryAttention, ProjectionsAndOutput) {
  // 4 query heads and 2 key/value heads of head_dim 4 over 16 features: query 16 x 4 x 4 + 16,
  // key and value 16 x 2 x 4 + 8 each, output 4 x 4 x 16 + 16; the output is the query's shape.
  std::string layer = R"({"class_name": "GroupedQueryAttention", "config": {"name": "gqa",
      "head_dim": 4, "num_query_heads": 4, "num_key_value_heads": 2}, "name": "gqa",
      "inbound_nodes": [[["target", 0, 0, {"value": ["source", 0, 0]}]]]})";
  Result r =
      check_or_fail(functional("[null, 8, 16]", "[null, 4, 16]", layer, R"([["gqa", 0, 0]])"));
  EXPECT_EQ(first_error(r), "");
  EXPECT_EQ(to_string(r.output_shapes.at(0)), "(None, 8, 16)");
  EXPECT_EQ(r.total_params, (16 * 16 + 16) + 2 * (16 * 8 + 8) + (16 * 16 + 16));
}

}  // namespace
}  // namespace dimsum
