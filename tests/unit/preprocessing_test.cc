// Preprocessing layers, by output_mode. Expected shapes are each layer docstring's example
// (CategoryEncoding, StringLookup, TextVectorization, ...) or compute_output_shape's documented
// rule; Normalization's statistics are its adapted mean and variance (one per kept index) and
// a count, as its build() creates them.
#include "layer_table.h"

namespace dimsum {
namespace {

using testing::layer;
using testing::LayerRow;

class PreprocessingTable : public ::testing::TestWithParam<LayerRow> {};

TEST_P(PreprocessingTable, MatchesKeras) { testing::expect_row(GetParam()); }

INSTANTIATE_TEST_SUITE_P(
    Numbers, PreprocessingTable,
    ::testing::Values(
        LayerRow{"rescaling", "[null, 8, 8, 3]", layer("Rescaling", R"("scale": 0.0039)"),
                 "(None, 8, 8, 3)", 0, ""},
        // Mean and variance of (3,), and the count.
        LayerRow{"normalization_adapted", "[null, 224, 224, 3]",
                 layer("Normalization", R"("axis": [3], "mean": null, "variance": null)"),
                 "(None, 224, 224, 3)", 3 + 3 + 1, ""},
        LayerRow{"normalization_axis_none", "[null, 5]", layer("Normalization", R"("axis": null)"),
                 "(None, 5)", 1 + 1 + 1, ""},
        // Given statistics are constants, not weights.
        LayerRow{"normalization_given", "[null, 5]",
                 layer("Normalization", R"("axis": -1, "mean": 0.5, "variance": 2.0)"), "(None, 5)",
                 0, ""},
        LayerRow{"normalization_unknown_axis", "[null, null]", layer("Normalization", ""), "", -1,
                 "DS0006"},
        // Discretization docstring: bin_boundaries=[0., 1., 2.] on a (2, 4) input: (2, 4) ids.
        LayerRow{"discretization_doc", "[2, 4]",
                 layer("Discretization", R"("bin_boundaries": [0.0, 1.0, 2.0])"), "(2, 4)", 0, ""},
        LayerRow{"discretization_one_hot", "[null, 1]",
                 layer("Discretization",
                       R"("bin_boundaries": [0.0, 1.0, 2.0], "output_mode": "one_hot")"),
                 "(None, 4)", 0, ""}));

INSTANTIATE_TEST_SUITE_P(
    Categories, PreprocessingTable,
    ::testing::Values(
        // CategoryEncoding docstring: num_tokens=4, one_hot on [3, 2, 0, 1]: a (4, 4) array.
        LayerRow{"category_encoding_one_hot_doc", "[4]",
                 layer("CategoryEncoding", R"("num_tokens": 4, "output_mode": "one_hot")"),
                 "(4, 4)", 0, ""},
        // multi_hot on [[0, 1], [0, 0], [1, 2], [3, 1]]: a (4, 4) array.
        LayerRow{"category_encoding_multi_hot_doc", "[4, 2]",
                 layer("CategoryEncoding", R"("num_tokens": 4, "output_mode": "multi_hot")"),
                 "(4, 4)", 0, ""},
        LayerRow{"category_encoding_one_hot_last_one", "[null, 1]",
                 layer("CategoryEncoding", R"("num_tokens": 6, "output_mode": "one_hot")"),
                 "(None, 6)", 0, ""},
        // Hashing docstring: num_bins=3 on [['A'], ['B'], ...] (5, 1): (5, 1) bin ids.
        LayerRow{"hashing_doc", "[5, 1]", layer("Hashing", R"("num_bins": 3)"), "(5, 1)", 0, ""},
        LayerRow{"hashing_one_hot", "[5, 1]",
                 layer("Hashing", R"("num_bins": 3, "output_mode": "one_hot")"), "(5, 3)", 0, ""},
        // StringLookup docstring: vocabulary ["a", "b", "c", "d"] on a (2, 3) batch: (2, 3) ids;
        // multi_hot: (2, 5) -- the four tokens and one OOV index.
        LayerRow{"string_lookup_doc", "[2, 3]",
                 layer("StringLookup", R"("vocabulary": ["a", "b", "c", "d"])"), "(2, 3)", 0, ""},
        LayerRow{"string_lookup_multi_hot_doc", "[2, 4]",
                 layer("StringLookup",
                       R"("vocabulary": ["a", "b", "c", "d"], "output_mode": "multi_hot")"),
                 "(2, 5)", 0, ""},
        // Adapted vocabulary (not in the config): its size is unknown.
        LayerRow{"integer_lookup_adapted", "[null, 3]",
                 layer("IntegerLookup", R"("output_mode": "count")"), "(None, None)", 0, ""},
        LayerRow{"integer_lookup_padded", "[null, 3]",
                 layer("IntegerLookup", R"("output_mode": "multi_hot", "max_tokens": 10,
                       "pad_to_max_tokens": true)"),
                 "(None, 10)", 0, ""},
        // TextVectorization docstring: output_sequence_length=4, int: (2, 4) for two strings.
        LayerRow{"text_vectorization_doc", "[2, 1]",
                 layer("TextVectorization", R"("max_tokens": 5000, "output_mode": "int",
                       "output_sequence_length": 4)"),
                 "(2, 4)", 0, ""},
        LayerRow{"text_vectorization_ragged", "[null]",
                 layer("TextVectorization", R"("output_mode": "int")"), "(None, None)", 0, ""},
        LayerRow{"text_vectorization_multi_hot", "[null, 1]",
                 layer("TextVectorization", R"("max_tokens": 5000, "output_mode": "multi_hot",
                       "pad_to_max_tokens": true)"),
                 "(None, 5000)", 0, ""},
        LayerRow{"text_vectorization_rank3", "[null, 2, 3]",
                 layer("TextVectorization", R"("output_mode": "int")"), "", -1, "DS0002"}));

INSTANTIATE_TEST_SUITE_P(
    Images, PreprocessingTable,
    ::testing::Values(
        LayerRow{"resizing", "[null, 10, 10, 3]", layer("Resizing", R"("height": 20, "width": 30)"),
                 "(None, 20, 30, 3)", 0, ""},
        LayerRow{"resizing_unbatched", "[10, 10, 3]",
                 layer("Resizing", R"("height": 20, "width": 30)"), "(20, 30, 3)", 0, ""},
        LayerRow{"center_crop_channels_first", "[null, 3, 10, 10]",
                 layer("CenterCrop", R"("height": 4, "width": 5, "data_format": "channels_first")"),
                 "(None, 3, 4, 5)", 0, ""},
        LayerRow{"random_crop", "[null, 10, 10, 3]",
                 layer("RandomCrop", R"("height": 8, "width": 8)"), "(None, 8, 8, 3)", 0, ""},
        LayerRow{"random_flip", "[null, 10, 10, 3]", layer("RandomFlip", R"("mode": "horizontal")"),
                 "(None, 10, 10, 3)", 0, ""},
        LayerRow{"random_zoom", "[null, 10, 10, 3]", layer("RandomZoom", R"("height_factor": 0.2)"),
                 "(None, 10, 10, 3)", 0, ""},
        LayerRow{"random_height", "[null, 10, 10, 3]", layer("RandomHeight", R"("factor": 0.2)"),
                 "(None, None, 10, 3)", 0, ""},
        LayerRow{"random_width", "[null, 10, 10, 3]", layer("RandomWidth", R"("factor": 0.2)"),
                 "(None, 10, None, 3)", 0, ""},
        LayerRow{"resizing_rank2", "[null, 10]", layer("Resizing", R"("height": 20, "width": 30)"),
                 "", -1, "DS0002"},
        LayerRow{"pipeline", "[null, 10, 10, 3]", layer("Pipeline", R"("layers": [
                       {"class_name": "RandomFlip", "config": {"name": "f"}},
                       {"class_name": "Resizing", "config": {"name": "r", "height": 4, "width": 4}}])"),
                 "(None, 4, 4, 3)", 0, ""}));

INSTANTIATE_TEST_SUITE_P(
    Audio, PreprocessingTable,
    ::testing::Values(
        // MelSpectrogram: (batch, samples) -> (batch, num_mel_bins, (samples + stride + 1) //
        // stride): 16000 samples, stride 512, 128 bins -> 32 frames.
        LayerRow{"mel_spectrogram", "[null, 16000]", layer("MelSpectrogram", ""), "(None, 128, 32)",
                 0, ""},
        // STFTSpectrogram defaults: frames of 256 every 128 ("valid"): (16000 - 256) // 128 + 1 =
        // 124; fft_length 256 gives 129 frequencies; real and imaginary kernels of 256 x 129.
        LayerRow{"stft_spectrogram", "[null, 16000, 1]", layer("STFTSpectrogram", ""),
                 "(None, 124, 129)", 2 * 256 * 129, ""}));

}  // namespace
}  // namespace dimsum
