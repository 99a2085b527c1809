// Transposed, depthwise, separable and locally connected convolutions and ConvLSTM. Expected
// shapes are each layer docstring's example (Keras 3, or tf.keras 2 for LocallyConnected) or
// Keras' documented formulas (backend_utils._get_output_shape_given_tf_padding for transposed
// sizes); parameter counts are the weight shapes each layer's build() creates, multiplied out.
#include "layer_table.h"

namespace dimsum {
namespace {

using testing::layer;
using testing::LayerRow;

class ConvVariantTable : public ::testing::TestWithParam<LayerRow> {};

TEST_P(ConvVariantTable, MatchesKeras) { testing::expect_row(GetParam()); }

INSTANTIATE_TEST_SUITE_P(
    Keras, ConvVariantTable,
    ::testing::Values(
        // Conv2DTranspose docstring: (4, 10, 8, 128) -> Conv2DTranspose(32, 2, 2) -> (4, 20, 16,
        // 32). Kernel (2, 2, 32, 128) + bias 32. Every input position meets every kernel weight:
        // 10*8 positions x 2*2*32*128.
        LayerRow{"conv2d_transpose_doc", "[4, 10, 8, 128]",
                 layer("Conv2DTranspose", R"("filters": 32, "kernel_size": 2, "strides": 2)"),
                 "(4, 20, 16, 32)", 2 * 2 * 32 * 128 + 32, "", 10 * 8 * 2 * 2 * 32 * 128},
        // Conv1DTranspose docstring: (4, 10, 128) -> Conv1DTranspose(32, 3, 2) -> (4, 21, 32).
        LayerRow{"conv1d_transpose_doc", "[4, 10, 128]",
                 layer("Conv1DTranspose", R"("filters": 32, "kernel_size": 3, "strides": 2)"),
                 "(4, 21, 32)", 3 * 32 * 128 + 32, ""},
        // Conv3DTranspose docstring: (4, 10, 8, 12, 128) -> (4, 20, 16, 24, 32).
        LayerRow{"conv3d_transpose_doc", "[4, 10, 8, 12, 128]",
                 layer("Conv3DTranspose", R"("filters": 32, "kernel_size": 2, "strides": 2)"),
                 "(4, 20, 16, 24, 32)", 8 * 32 * 128 + 32, ""},
        // Legacy alias, "same": input * stride.
        LayerRow{"convolution2d_transpose_same", "[null, 7, 7, 8]",
                 layer("Convolution2DTranspose",
                       R"("filters": 4, "kernel_size": 3, "strides": 2, "padding": "same")"),
                 "(None, 14, 14, 4)", 3 * 3 * 4 * 8 + 4, ""},
        // output_padding, valid: (7 - 1) * 2 + 3 + 1 = 16.
        LayerRow{"conv2d_transpose_output_padding", "[null, 7, 7, 8]",
                 layer("Conv2DTranspose", R"("filters": 4, "kernel_size": 3, "strides": 2,
                       "output_padding": [1, 1])"),
                 "(None, 16, 16, 4)", 3 * 3 * 4 * 8 + 4, ""},
        // output_padding, same: (7 - 1) * 2 + 3 % 2 + 1 = 14.
        LayerRow{"conv2d_transpose_output_padding_same", "[null, 7, 7, 8]",
                 layer("Conv2DTranspose", R"("filters": 4, "kernel_size": 3, "strides": 2,
                       "padding": "same", "output_padding": 1)"),
                 "(None, 14, 14, 4)", -1, ""},
        // Keras: "`output_padding` must be strictly less than `strides`".
        LayerRow{"conv2d_transpose_output_padding_too_large", "[null, 7, 7, 8]",
                 layer("Conv2DTranspose", R"("filters": 4, "kernel_size": 3, "strides": 2,
                       "output_padding": 2)"),
                 "", -1, "DS0008"},
        LayerRow{"conv2d_transpose_channels_first", "[null, 8, 7, 7]",
                 layer("Conv2DTranspose", R"("filters": 4, "kernel_size": 2, "strides": 2,
                       "data_format": "channels_first")"),
                 "(None, 4, 14, 14)", 2 * 2 * 4 * 8 + 4, ""},
        // DepthwiseConv2D docstring: (4, 10, 10, 12) -> DepthwiseConv2D(3) -> (4, 8, 8, 12).
        // Kernel (3, 3, 12, 1) + bias 12; 8*8 positions x 3*3*12.
        LayerRow{"depthwise_conv2d_doc", "[4, 10, 10, 12]",
                 layer("DepthwiseConv2D", R"("kernel_size": 3)"), "(4, 8, 8, 12)", 3 * 3 * 12 + 12,
                 "", 8 * 8 * 3 * 3 * 12},
        // DepthwiseConv1D docstring: (4, 10, 12) -> (4, 4, 36), the output of kernel_size=3,
        // strides=2, depth_multiplier=3. Kernel (3, 12, 3) + bias 36.
        LayerRow{
            "depthwise_conv1d_doc", "[4, 10, 12]",
            layer("DepthwiseConv1D", R"("kernel_size": 3, "strides": 2, "depth_multiplier": 3)"),
            "(4, 4, 36)", 3 * 12 * 3 + 36, ""},
        LayerRow{"depthwise_conv2d_kernel_too_large", "[null, 2, 2, 3]",
                 layer("DepthwiseConv2D", R"("kernel_size": 3)"), "", -1, "DS0001"},
        // SeparableConv2D docstring: (4, 10, 10, 12) -> (4, 4, 4, 4): filters=4, kernel_size=3,
        // strides=2, depth_multiplier=3. Depthwise (3, 3, 12, 3), pointwise (1, 1, 36, 4), bias 4.
        LayerRow{"separable_conv2d_doc", "[4, 10, 10, 12]",
                 layer("SeparableConv2D", R"("filters": 4, "kernel_size": 3, "strides": 2,
                       "depth_multiplier": 3)"),
                 "(4, 4, 4, 4)", 3 * 3 * 12 * 3 + 36 * 4 + 4, "",
                 4 * 4 * (3 * 3 * 12 * 3 + 36 * 4)},
        // SeparableConv1D docstring: (4, 10, 12) -> (4, 4, 4).
        LayerRow{"separable_conv1d_doc", "[4, 10, 12]",
                 layer("SeparableConvolution1D", R"("filters": 4, "kernel_size": 3, "strides": 2,
                       "depth_multiplier": 3)"),
                 "(4, 4, 4)", 3 * 12 * 3 + 36 * 4 + 4, ""},
        LayerRow{"separable_conv1d_causal", "[null, 10, 2]",
                 layer("SeparableConv1D",
                       R"("filters": 4, "kernel_size": 3, "padding": "causal", "use_bias": false)"),
                 "(None, 10, 4)", 3 * 2 + 2 * 4, ""},
        // tf.keras 2 LocallyConnected2D docstring: (32, 32, 3) -> (None, 30, 30, 64), "this layer
        // will consume (30*30)*(3*3*3*64) + (30*30)*64 parameters".
        LayerRow{"locally_connected2d_doc", "[null, 32, 32, 3]",
                 layer("LocallyConnected2D", R"("filters": 64, "kernel_size": [3, 3])"),
                 "(None, 30, 30, 64)", (30 * 30) * (3 * 3 * 3 * 64) + (30 * 30) * 64, "",
                 (30 * 30) * (3 * 3 * 3 * 64)},
        // tf.keras 2 LocallyConnected1D docstring: (10, 32) -> (None, 8, 64); kernel
        // (8, 3*32, 64) and bias (8, 64).
        LayerRow{"locally_connected1d_doc", "[null, 10, 32]",
                 layer("LocallyConnected1D", R"("filters": 64, "kernel_size": 3)"), "(None, 8, 64)",
                 8 * 3 * 32 * 64 + 8 * 64, ""},
        // implementation=2: kernel (in_rows, in_cols, channels, out_rows, out_cols, filters).
        LayerRow{"locally_connected2d_implementation2", "[null, 4, 4, 2]",
                 layer("LocallyConnected2D",
                       R"("filters": 3, "kernel_size": 3, "implementation": 2, "use_bias": false)"),
                 "(None, 2, 2, 3)", 4 * 4 * 2 * 2 * 2 * 3, ""},
        // padding="same" is refused with implementation=1 (tf.keras 2's __init__).
        LayerRow{
            "locally_connected2d_same_implementation1", "[null, 4, 4, 2]",
            layer("LocallyConnected2D", R"("filters": 3, "kernel_size": 3, "padding": "same")"), "",
            -1, "DS0008"},
        // LocallyConnected needs known spatial sizes (its build() raises otherwise).
        LayerRow{"locally_connected2d_unknown_size", "[null, null, 4, 2]",
                 layer("LocallyConnected2D", R"("filters": 3, "kernel_size": 3)"), "", -1,
                 "DS0006"},
        // ConvLSTM2D: each step is a 3x3 valid convolution, 32x32 -> 30x30; four gates, each with
        // a kernel (3, 3, 3, 16), a recurrent kernel (3, 3, 16, 16) and a bias 16.
        LayerRow{"conv_lstm2d", "[null, 10, 32, 32, 3]",
                 layer("ConvLSTM2D", R"("filters": 16, "kernel_size": 3)"), "(None, 30, 30, 16)",
                 4 * (3 * 3 * 3 * 16 + 3 * 3 * 16 * 16 + 16), ""},
        LayerRow{"conv_lstm2d_sequences", "[null, 10, 32, 32, 3]",
                 layer("ConvLSTM2D", R"("filters": 16, "kernel_size": 3, "padding": "same",
                       "return_sequences": true)"),
                 "(None, 10, 32, 32, 16)", -1, ""},
        LayerRow{"conv_lstm1d", "[null, 5, 20, 4]",
                 layer("ConvLSTM1D", R"("filters": 2, "kernel_size": 3, "strides": 2)"),
                 "(None, 9, 2)", 4 * (3 * 4 * 2 + 3 * 2 * 2 + 2), ""},
        LayerRow{"conv_lstm3d_channels_first", "[null, 5, 1, 8, 8, 8]",
                 layer("ConvLSTM3D", R"("filters": 2, "kernel_size": 3,
                       "data_format": "channels_first")"),
                 "(None, 2, 6, 6, 6)", 4 * (27 * 1 * 2 + 27 * 2 * 2 + 2), ""},
        LayerRow{"conv_lstm2d_missing_time_axis", "[null, 32, 32, 3]",
                 layer("ConvLSTM2D", R"("filters": 16, "kernel_size": 3)"), "", -1, "DS0002"},
        LayerRow{"conv_lstm2d_kernel_too_large", "[null, 4, 2, 2, 3]",
                 layer("ConvLSTM2D", R"("filters": 16, "kernel_size": 3)"), "", -1, "DS0001"}));

}  // namespace
}  // namespace dimsum
