// Custom layers: a warning naming the class, checking goes on around the layer, and --assume
// LAYER=SHAPE gives it an output shape so that the layers after it are checked with real sizes.
#include <gtest/gtest.h>

#include "model_text.h"

namespace dimsum {
namespace {

using testing::check_or_fail;
using testing::first_error;
using testing::layer;
using testing::sequential;

std::string custom(const std::string& name) {
  return R"({"class_name": "MyPackage>MyLayer", "config": {"name": ")" + name + R"("}})";
}

std::string model_with_custom_layer() {
  return sequential("[null, 32, 32, 3]",
                    {layer("Conv2D", R"("filters": 8, "kernel_size": 3)"), custom("mine"),
                     R"({"class_name": "Flatten", "config": {"name": "flatten"}})",
                     R"({"class_name": "Dense", "config": {"name": "dense", "units": 10}})"});
}

CheckOptions assume(const std::string& spec) {
  CheckOptions options;
  AssumedShape a;
  std::string error;
  EXPECT_TRUE(parse_assumed_shape(spec, a, error)) << error;
  options.assumed_shapes.push_back(a);
  return options;
}

TEST(CustomLayer, WarnsAndChecksWhatItDoesNotTouch) {
  Result r = check_or_fail(model_with_custom_layer());
  EXPECT_TRUE(r.ok());
  ASSERT_FALSE(r.diagnostics.empty());
  const Diagnostic& d = r.diagnostics[0];
  EXPECT_EQ(d.severity, Severity::kWarning);
  EXPECT_EQ(d.code, "DS0101");
  EXPECT_NE(d.message.find("'MyPackage>MyLayer'"), std::string::npos);
  EXPECT_NE(d.help.at(0).find("--assume mine="), std::string::npos);
  // The convolution before it is checked: 30x30x8, 3*3*3*8 + 8 weights.
  EXPECT_EQ(to_string(r.layers[1].output_shape), "(None, 30, 30, 8)");
  EXPECT_EQ(r.layers[1].params, 224);
  EXPECT_FALSE(r.output_shapes.at(0).rank_known());
  EXPECT_FALSE(r.total_params.has_value());
}

TEST(CustomLayer, AssumedShapeChecksTheLayersAfterIt) {
  Result r = check_or_fail(model_with_custom_layer(), assume("mine=?,30,30,16"));
  EXPECT_TRUE(r.ok());
  for (const Diagnostic& d : r.diagnostics) EXPECT_NE(d.code, "DS0101");
  EXPECT_EQ(to_string(r.output_shapes.at(0)), "(None, 10)");
  // Dense on 30*30*16 features; the custom layer's own weights stay unknown.
  EXPECT_EQ(r.layers[4].params, 30 * 30 * 16 * 10 + 10);
  EXPECT_FALSE(r.total_params.has_value());
}

TEST(CustomLayer, AssumedShapeFindsErrorsAfterIt) {
  std::string model = sequential(
      "[null, 32, 32, 3]", {custom("mine"), layer("Conv2D", R"("filters": 8, "kernel_size": 3)")});
  Result r = check_or_fail(model, assume("mine=?,10"));
  EXPECT_EQ(first_error(r), "DS0002");  // Conv2D needs rank 4
}

TEST(CustomLayer, ErrorsOnOtherBranchesAreStillFound) {
  // The custom layer sits on one branch; a kernel larger than its input on the other.
  std::string model = R"({"class_name": "Functional", "config": {"name": "m", "layers": [
    {"class_name": "InputLayer", "config": {"name": "x", "batch_input_shape": [null, 8, 8, 3]},
     "name": "x", "inbound_nodes": []},
    {"class_name": "MyLayer", "config": {"name": "mine"}, "name": "mine",
     "inbound_nodes": [[["x", 0, 0, {}]]]},
    {"class_name": "Conv2D", "config": {"name": "big", "filters": 2, "kernel_size": 9},
     "name": "big", "inbound_nodes": [[["x", 0, 0, {}]]]}],
    "input_layers": [["x", 0, 0]], "output_layers": [["mine", 0, 0], ["big", 0, 0]]}})";
  Result r = check_or_fail(model);
  EXPECT_EQ(first_error(r), "DS0001");
  bool warned = false;
  for (const Diagnostic& d : r.diagnostics) warned = warned || d.code == "DS0101";
  EXPECT_TRUE(warned);
}

TEST(CustomLayer, AssumingAMissingLayerIsALoadError) {
  auto outcome = check_text(model_with_custom_layer(), "m.json", assume("nothere=?,4"));
  auto* error = std::get_if<LoadError>(&outcome);
  ASSERT_NE(error, nullptr);
  EXPECT_NE(error->message.find("--assume names \"nothere\""), std::string::npos);
}

TEST(AssumedShape, Parses) {
  AssumedShape a;
  std::string error;
  ASSERT_TRUE(parse_assumed_shape("mine=(None, 30, 30, 16)", a, error)) << error;
  EXPECT_EQ(a.layer, "mine");
  EXPECT_EQ(tuple_string(a.dims), "(None, 30, 30, 16)");
  EXPECT_FALSE(parse_assumed_shape("mine", a, error));
  EXPECT_FALSE(parse_assumed_shape("=1,2", a, error));
  EXPECT_FALSE(parse_assumed_shape("mine=4x", a, error));
  EXPECT_NE(error.find("--assume"), std::string::npos);
}

}  // namespace
}  // namespace dimsum
