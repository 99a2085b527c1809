// --custom-objects: a config's custom layers followed through the Python classes that define them
// (tests/custom_objects/layers.py). Expected sizes are Keras' rules worked out by hand: a Dense of
// `units` on `n` features has n * units + units weights; add_weight(shape) makes prod(shape).
#include <gtest/gtest.h>

#include "dimsum/dimsum.h"
#include "model_text.h"

namespace dimsum {
namespace {

using testing::check_or_fail;
using testing::layer;
using testing::sequential;

const std::string kFolder = std::string(DIMSUM_SOURCE_DIR) + "/tests/custom_objects/";

CheckOptions with_layers(const std::string& file = "layers.py") {
  CheckOptions options;
  std::string error;
  EXPECT_TRUE(read_custom_objects(kFolder + file, options, error)) << error;
  return options;
}

Result check_path(const std::string& file, const CheckOptions& options) {
  auto outcome = check_file(kFolder + file, options);
  if (auto* error = std::get_if<LoadError>(&outcome)) ADD_FAILURE() << error->message;
  return std::get<Result>(std::move(outcome));
}

const LayerReport& report_of(const Result& r, const std::string& name) {
  for (const LayerReport& l : r.layers)
    if (l.name == name) return l;
  ADD_FAILURE() << "no layer " << name;
  return r.layers.front();
}

bool has_code(const Result& r, const std::string& code) {
  for (const Diagnostic& d : r.diagnostics)
    if (d.code == code) return true;
  return false;
}

TEST(CustomObjects, ReadsTheClassesAFileDefines) {
  CheckOptions options = with_layers();
  ASSERT_EQ(options.custom_objects.size(), 1u);
  EXPECT_EQ(options.custom_objects[0].classes,
            (std::vector<std::string>{"Projection", "Bottleneck", "Eager"}));
}

TEST(CustomObjects, AFileThatDoesNotParseIsAnError) {
  CheckOptions options;
  std::string error;
  EXPECT_FALSE(read_custom_objects(kFolder + "broken.py", options, error));
  // The class statement on line 5 lacks its colon.
  EXPECT_NE(error.find("broken.py:5:"), std::string::npos) << error;
  EXPECT_FALSE(read_custom_objects(kFolder + "missing.py", options, error));
  EXPECT_NE(error.find("missing.py: cannot open"), std::string::npos) << error;
}

TEST(CustomObjects, WithoutTheFileTheLayersStayUnknown) {
  Result r = check_path("tfkeras2_custom.json", {});
  EXPECT_TRUE(r.ok());
  EXPECT_TRUE(has_code(r, "DS0101"));
  EXPECT_FALSE(r.output_shapes.at(0).rank_known());
  EXPECT_FALSE(r.total_params.has_value());
}

TEST(CustomObjects, TfKeras2ConfigIsFollowedThroughTheClasses) {
  Result r = check_path("tfkeras2_custom.json", with_layers());
  EXPECT_TRUE(r.ok()) << testing::first_error(r);
  EXPECT_FALSE(has_code(r, "DS0101"));
  EXPECT_TRUE(r.complete());
  // project: Projection(32) on 16 features: kernel 16 * 32 + offset 32 = 544.
  EXPECT_EQ(report_of(r, "project").params, 16 * 32 + 32);
  EXPECT_EQ(to_string(report_of(r, "project").output_shape), "(None, 32)");
  // bottleneck, called twice and counted once: Dense(64) on 32 = 32 * 64 + 64 = 2112, Dense(32)
  // on 64 = 64 * 32 + 32 = 2080, and the frozen scalar factor, 1: 4193, of which 4192 trained.
  EXPECT_EQ(report_of(r, "bottleneck").params, 2112 + 2080 + 1);
  EXPECT_EQ(report_of(r, "bottleneck").trainable_params, 2112 + 2080);
  // logits: Dense(10) on 32 = 330. Total 544 + 4193 + 330 = 5067.
  EXPECT_EQ(to_string(r.output_shapes.at(0)), "(None, 10)");
  EXPECT_EQ(r.total_params, 5067);
  EXPECT_EQ(r.trainable_params, 5066);
}

TEST(CustomObjects, Keras3ConfigIsFollowedThroughTheClasses) {
  Result r = check_path("keras3_custom.json", with_layers());
  EXPECT_TRUE(r.ok()) << testing::first_error(r);
  EXPECT_TRUE(r.complete());
  // projection: 12 * 6 + 6 = 78; bottleneck: 6 * 24 + 24 = 168, 24 * 6 + 6 = 150, factor 1:
  // 319; dense: 6 * 3 + 3 = 21. Total 418, all but the factor trained.
  EXPECT_EQ(report_of(r, "projection").params, 78);
  EXPECT_EQ(report_of(r, "bottleneck").params, 319);
  EXPECT_EQ(to_string(r.output_shapes.at(0)), "(None, 3)");
  EXPECT_EQ(r.total_params, 418);
  EXPECT_EQ(r.trainable_params, 417);
}

TEST(CustomObjects, TheBatchSizeGivenReachesTheClass) {
  CheckOptions options = with_layers();
  InputShape shape;
  std::string error;
  ASSERT_TRUE(parse_input_shape("5,12", shape, error)) << error;
  options.input_shapes.push_back(shape);
  Result r = check_path("keras3_custom.json", options);
  EXPECT_TRUE(r.ok()) << testing::first_error(r);
  EXPECT_EQ(to_string(report_of(r, "bottleneck").output_shape), "(5, 6)");
}

TEST(CustomObjects, AProblemInsideCallIsShownInThePythonFile) {
  Result r = check_path("tfkeras2_custom_wrong_rows.json", with_layers());
  ASSERT_FALSE(r.ok());
  const Diagnostic* error = nullptr;
  for (const Diagnostic& d : r.diagnostics)
    if (d.severity == Severity::kError) error = error ? error : &d;
  ASSERT_NE(error, nullptr);
  // in_features=8 gives a kernel of (8, 32), which tf.matmul cannot take (None, 16) by: the
  // contracted sizes differ, 16 != 8. Keras' matmul raises there, on line 22 of layers.py.
  ASSERT_TRUE(error->location.has_value());
  EXPECT_NE(error->location->file.find("layers.py"), std::string::npos) << error->location->file;
  EXPECT_EQ(error->location->line, 22u);
  ASSERT_FALSE(error->labels.empty());
  EXPECT_NE(error->labels.back().text.find("'project'"), std::string::npos);
  EXPECT_NE(error->labels.back().location.file.find("tfkeras2_custom_wrong_rows.json"),
            std::string::npos);
}

TEST(CustomObjects, ALaterCallIsCheckedAgainstWhatTheFirstBuilt) {
  // 'project' is called on the features (None, 16), which builds a (16, 32) kernel, then on its
  // own output (None, 32): Keras' matmul of (None, 32) by (16, 32) fails, 32 != 16.
  Result r = check_path("tfkeras2_custom_shared.json", with_layers());
  ASSERT_FALSE(r.ok());
  const Diagnostic& d = r.diagnostics.at(0);
  EXPECT_EQ(d.severity, Severity::kError);
  EXPECT_NE(d.message.find("(None, 32) by (16, 32)"), std::string::npos) << d.message;
  ASSERT_TRUE(d.location.has_value());
  EXPECT_EQ(d.location->line, 22u);
}

TEST(CustomObjects, AClassNotDefinedStaysUnknownWithANote) {
  std::string text =
      sequential("[null, 8]", {R"({"class_name": "MyPackage>Gate", "config": {"name": "gate"}})",
                               layer("Dense", R"("units": 2)")});
  Result r = check_or_fail(text, with_layers());
  EXPECT_TRUE(r.ok());
  ASSERT_TRUE(has_code(r, "DS0101"));
  for (const Diagnostic& d : r.diagnostics)
    if (d.code == "DS0101") {
      ASSERT_FALSE(d.notes.empty());
      EXPECT_NE(d.notes[0].find("no class 'Gate'"), std::string::npos) << d.notes[0];
    }
}

TEST(CustomObjects, ACallNotFollowedIsANoteInThePythonFile) {
  // Eager's call() returns what tf.py_function runs eagerly: its shape is unknown to dimsum,
  // which says so where the call is (line 57 of layers.py) rather than guess.
  std::string text = sequential("[null, 8]", {R"({"class_name": "Eager", "config": {"name": "e"}})",
                                              layer("Dense", R"("units": 2)")});
  Result r = check_or_fail(text, with_layers());
  EXPECT_TRUE(r.ok());
  EXPECT_FALSE(r.complete());
  ASSERT_TRUE(has_code(r, "DS0103"));
  for (const Diagnostic& d : r.diagnostics)
    if (d.code == "DS0103") {
      ASSERT_TRUE(d.location.has_value());
      EXPECT_NE(d.location->file.find("layers.py"), std::string::npos);
      EXPECT_EQ(d.location->line, 57u);
    }
}

}  // namespace
}  // namespace dimsum
