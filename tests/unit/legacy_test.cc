// Keras 1 argument names and layers, one per case, each in a one-layer model after an InputLayer:
// the shape and parameter count Keras gives the layer once Keras 2's legacy interfaces
// (keras/legacy/interfaces.py) have mapped it, worked out beside each case.
#include <gtest/gtest.h>

#include "model_text.h"

namespace dimsum {
namespace {

using testing::check_or_fail;
using testing::layer;
using testing::sequential;

struct LegacyCase {
  const char* what;
  const char* input;
  const char* class_name;
  const char* config;
  const char* output;
  int64_t params;
};

std::string shape_text(const Shape& s) {
  std::string out = "(";
  for (size_t i = 0; i < s.rank(); ++i)
    out += (i ? ", " : "") + (s[i].known() ? std::to_string(s[i].value()) : std::string("None"));
  return out + ")";
}

class Legacy : public ::testing::TestWithParam<LegacyCase> {};

TEST_P(Legacy, ShapeAndParams) {
  const LegacyCase& c = GetParam();
  Result r = check_or_fail(sequential(c.input, {layer(c.class_name, c.config)}));
  ASSERT_TRUE(r.ok()) << c.what << ": " << (r.diagnostics.empty() ? "" : r.diagnostics[0].message);
  ASSERT_EQ(r.output_shapes.size(), 1u);
  EXPECT_EQ(shape_text(r.output_shapes[0]), c.output) << c.what;
  EXPECT_EQ(r.total_params, c.params) << c.what;
}

const LegacyCase kCases[] = {
    // (10 - 3) // 2 + 1 = 4, (12 - 5) // 1 + 1 = 8; 3*5*2*6 + 6 = 186
    {"nb_row/nb_col, subsample, tf", "[null, 10, 12, 2]", "Convolution2D",
     R"("nb_filter": 6, "nb_row": 3, "nb_col": 5, "subsample": [2, 1], "dim_ordering": "tf")",
     "(None, 4, 8, 6)", 186},
    // th: channels first; same: 10, 12; bias false: 3*3*2*4 = 72
    {"border_mode same, th, bias", "[null, 2, 10, 12]", "Convolution2D",
     R"("nb_filter": 4, "nb_row": 3, "nb_col": 3, "border_mode": "same", "dim_ordering": "th", "bias": false)",
     "(None, 4, 10, 12)", 72},
    // "default" is keras.json's, channels_last
    {"dim_ordering default", "[null, 8, 8, 3]", "MaxPooling2D",
     R"("pool_size": [2, 2], "dim_ordering": "default")", "(None, 4, 4, 3)", 0},
    // atrous_rate 2: effective kernel 2*(3-1)+1 = 5, 9 - 5 + 1 = 5; 3*3*1*2 + 2 = 20
    {"AtrousConvolution2D", "[null, 9, 9, 1]", "AtrousConvolution2D",
     R"("nb_filter": 2, "nb_row": 3, "nb_col": 3, "atrous_rate": [2, 2])", "(None, 5, 5, 2)", 20},
    // output_shape dropped; transpose valid, stride 2: 4*2 + max(3-2, 0) = 9; 3*3*5*1 + 5 = 50
    {"Deconvolution2D", "[null, 4, 4, 1]", "Deconvolution2D",
     R"("nb_filter": 5, "nb_row": 3, "nb_col": 3, "subsample": [2, 2], "output_shape": [null, 9, 9, 5])",
     "(None, 9, 9, 5)", 50},
    // kernel_dim1..3 = (2, 3, 4): 6-2+1, 6-3+1, 6-4+1; 2*3*4*1*3 + 3 = 75
    {"Convolution3D", "[null, 6, 6, 6, 1]", "Convolution3D",
     R"("nb_filter": 3, "kernel_dim1": 2, "kernel_dim2": 3, "kernel_dim3": 4)",
     "(None, 5, 4, 3, 3)", 75},
    // filter_length 4, subsample_length 3: (12 - 4) // 3 + 1 = 3; 4*2*7 + 7 = 63
    {"Convolution1D", "[null, 12, 2]", "Convolution1D",
     R"("nb_filter": 7, "filter_length": 4, "subsample_length": 3, "border_mode": "valid")",
     "(None, 3, 7)", 63},
    // pool_length 3, stride 2: (11 - 3) // 2 + 1 = 5
    {"pool_length, stride", "[null, 11, 4]", "MaxPooling1D",
     R"("pool_length": 3, "stride": 2, "border_mode": "valid")", "(None, 5, 4)", 0},
    {"UpSampling1D length", "[null, 5, 2]", "UpSampling1D", R"("length": 3)", "(None, 15, 2)", 0},
    // ((1, 2), (3, 4)): 5 + 1 + 2 = 8, 5 + 3 + 4 = 12
    {"ZeroPadding2D dict", "[null, 5, 5, 1]", "ZeroPadding2D",
     R"("padding": {"top_pad": 1, "bottom_pad": 2, "left_pad": 3, "right_pad": 4})",
     "(None, 8, 12, 1)", 0},
    // output_dim 5, init, W_regularizer ignored: 7*5 + 5 = 40
    {"Dense output_dim", "[null, 7]", "Dense",
     R"("output_dim": 5, "init": "uniform", "W_regularizer": {"l2": 0.01}, "bias": true)",
     "(None, 5)", 40},
    {"Dropout p", "[null, 7]", "Dropout", R"("p": 0.3)", "(None, 7)", 0},
    {"GaussianNoise sigma", "[null, 7]", "GaussianNoise", R"("sigma": 0.1)", "(None, 7)", 0},
    // SimpleRNN output_dim 4 on 3 features: 3*4 + 4*4 + 4 = 32
    {"SimpleRNN output_dim", "[null, 6, 3]", "SimpleRNN",
     R"("output_dim": 4, "inner_init": "orthogonal", "dropout_W": 0.1, "dropout_U": 0.1)",
     "(None, 4)", 32},
    // TimeDistributed(Dense(2)) on (6, 3): 3*2 + 2 = 8
    {"TimeDistributedDense", "[null, 6, 3]", "TimeDistributedDense",
     R"("output_dim": 2, "input_dim": 3, "input_length": 6)", "(None, 6, 2)", 8},
    // BatchNormalization mode 0 (dropped): gamma, beta, mean, variance = 4*3
    {"BatchNormalization mode", "[null, 5, 3]", "BatchNormalization",
     R"("mode": 0, "axis": -1, "beta_init": "zero", "gamma_init": "one")", "(None, 5, 3)", 12},
    // Embedding init/W_regularizer/dropout: 50*4 = 200
    {"Embedding", "[null, 9]", "Embedding",
     R"("input_dim": 50, "output_dim": 4, "init": "uniform", "W_regularizer": null, "dropout": 0.2)",
     "(None, 9, 4)", 200},
};

INSTANTIATE_TEST_SUITE_P(Keras1, Legacy, ::testing::ValuesIn(kCases));

// A one-input Merge is not a Keras model; these merge two inputs of the same shape.
std::string merged(const std::string& mode_config) {
  return R"({"class_name": "Model", "keras_version": "1.2.2", "config": {"name": "m", "layers": [
    {"class_name": "InputLayer", "name": "a", "config": {"name": "a", "batch_input_shape": [null, 3, 4]}, "inbound_nodes": []},
    {"class_name": "InputLayer", "name": "b", "config": {"name": "b", "batch_input_shape": [null, 3, 4]}, "inbound_nodes": []},
    {"class_name": "Merge", "name": "merge_1", "config": {"name": "merge_1", )" +
         mode_config + R"(}, "inbound_nodes": [[["a", 0, 0], ["b", 0, 0]]]}],
    "input_layers": [["a", 0, 0], ["b", 0, 0]], "output_layers": [["merge_1", 0, 0]]}})";
}

TEST(LegacyMerge, EachModeHasKeras1Shape) {
  // sum, mul, ave, max keep (3, 4); concat on axis 1: 3 + 3 = 6; dot on dot_axes [2, 2]:
  // (3,) + (3,) = (3, 3); cos likewise (Keras 1.2.2's get_output_shape_for treats both alike).
  const std::pair<const char*, const char*> cases[] = {
      {R"("mode": "sum")", "(None, 3, 4)"},
      {R"("mode": "mul")", "(None, 3, 4)"},
      {R"("mode": "ave")", "(None, 3, 4)"},
      {R"("mode": "max")", "(None, 3, 4)"},
      {R"("mode": "concat", "concat_axis": 1)", "(None, 6, 4)"},
      {R"("mode": "dot", "dot_axes": [2, 2])", "(None, 3, 3)"},
      {R"("mode": "cos", "dot_axes": [2, 2])", "(None, 3, 3)"},
  };
  for (const auto& [config, want] : cases) {
    Result r = check_or_fail(merged(config));
    ASSERT_TRUE(r.ok()) << config;
    EXPECT_EQ(shape_text(r.output_shapes[0]), want) << config;
    EXPECT_EQ(r.dialect, "Keras 1");
  }
}

TEST(LegacyMerge, FunctionModeIsUnknownNotAnError) {
  Result r = check_or_fail(merged(R"("mode": "lambda x: x[0]", "mode_type": "lambda")"));
  EXPECT_TRUE(r.ok());
  bool unknown = false;
  for (const Diagnostic& d : r.diagnostics) unknown = unknown || d.code == "DS0101";
  EXPECT_TRUE(unknown);
}

}  // namespace
}  // namespace dimsum
