// LayerScale, the layer keras.applications.convnext defines (tf-keras applications/convnext.py):
// build() adds one trainable weight gamma of shape (projection_dim,) and call() returns
// x * gamma, so the output is TensorFlow's broadcast of the input with (projection_dim,).
// Expected values are that definition worked out by hand.
#include "layer_table.h"

namespace dimsum {
namespace {

using testing::layer;
using testing::LayerRow;

std::string layer_scale(int64_t projection_dim) {
  return layer("LayerScale",
               R"("init_values": 1e-06, "projection_dim": )" + std::to_string(projection_dim));
}

class LayerScaleTable : public ::testing::TestWithParam<LayerRow> {};

TEST_P(LayerScaleTable, MatchesKeras) { testing::expect_row(GetParam()); }

INSTANTIATE_TEST_SUITE_P(
    ConvNeXt, LayerScaleTable,
    ::testing::Values(
        // ConvNeXtTiny's first and last stage: the block's width, one gamma per channel.
        LayerRow{"stage_0", "[null, 56, 56, 96]", layer_scale(96), "(None, 56, 56, 96)", 96, ""},
        LayerRow{"stage_3", "[null, 7, 7, 768]", layer_scale(768), "(None, 7, 7, 768)", 768, ""},
        // A last axis that is neither projection_dim nor 1: x * gamma cannot broadcast.
        LayerRow{"mismatch", "[null, 8, 8, 64]", layer_scale(96), "", -1, "DS0005"},
        // Broadcasting: a last axis of 1 takes projection_dim; a gamma of 1 keeps the input.
        LayerRow{"one_channel", "[null, 4, 4, 1]", layer_scale(8), "(None, 4, 4, 8)", 8, ""},
        LayerRow{"one_gamma", "[null, 4, 4, 8]", layer_scale(1), "(None, 4, 4, 8)", 1, ""},
        // An unknown last axis is taken as fitting (TensorFlow's static broadcast gives 32).
        LayerRow{"unknown_axis", "[null, 4, null]", layer_scale(32), "(None, 4, 32)", 32, ""}));

// A LayerScale of another library (no projection_dim): not followed, said so, no error.
TEST(LayerScale, OtherLibrarysClassIsUnknown) {
  Result r = testing::check_or_fail(
      testing::sequential("[null, 8, 8, 64]", {layer("LayerScale", R"("scale": 0.5)")}));
  EXPECT_EQ(testing::first_error(r), "");
  bool unknown = false;
  for (const Diagnostic& d : r.diagnostics) unknown = unknown || d.code == "DS0101";
  EXPECT_TRUE(unknown);
  EXPECT_FALSE(r.total_params.has_value());
}

}  // namespace
}  // namespace dimsum
