#include <gtest/gtest.h>

#include "shape/window.h"

namespace dimsum {
namespace {

// Rows from Keras' documented formula (keras/src/ops/operation_utils.py,
// compute_conv_output_shape) and the Conv2D / MaxPooling2D docs' own examples.
struct Row {
  int64_t input, size, stride, dilation;
  Padding padding;
  int64_t expected;
};

class WindowTest : public ::testing::TestWithParam<Row> {};

TEST_P(WindowTest, MatchesKerasFormula) {
  const Row& r = GetParam();
  auto out = window_output(Dim(r.input), Window{r.size, r.stride, r.dilation, r.padding}, "height");
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(out->size, Dim(r.expected));
}

INSTANTIATE_TEST_SUITE_P(
    Keras, WindowTest,
    ::testing::Values(Row{28, 3, 1, 1, Padding::kValid, 26},   // Conv2D(3) on 28x28
                      Row{20, 30, 1, 1, Padding::kValid, -9},  // the article's Example 3
                      Row{20, 20, 1, 1, Padding::kValid, 1}, Row{20, 21, 1, 1, Padding::kValid, 0},
                      Row{224, 7, 2, 1, Padding::kSame, 112},  // ResNet50 conv1 with padding
                      Row{230, 7, 2, 1, Padding::kValid,
                          112},                             // ResNet50 conv1 after ZeroPadding 3
                      Row{5, 2, 2, 1, Padding::kValid, 2},  // MaxPooling2D docs: 5 -> 2
                      Row{5, 2, 2, 1, Padding::kSame, 3},
                      Row{10, 3, 1, 2, Padding::kValid, 6},  // span 5
                      Row{10, 3, 1, 2, Padding::kCausal, 10}, Row{7, 3, 3, 1, Padding::kValid, 2},
                      Row{1, 1, 1, 1, Padding::kValid, 1}));

TEST(Window, ArithmeticNoteShowsTheFailingSubtraction) {
  auto out = window_output(Dim(20), Window{30, 1, 1, Padding::kValid}, "height");
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(out->arithmetic, "output height = (20 - 30) / 1 + 1 = -9");
}

TEST(Window, UnknownInputGivesUnknownOutput) {
  auto out = window_output(Dim::unknown(), Window{3, 1, 1, Padding::kValid}, "width");
  ASSERT_TRUE(out.has_value());
  EXPECT_FALSE(out->size.known());
}

TEST(Window, OverflowIsReportedNotWrapped) {
  auto out = window_output(Dim(10), Window{INT64_MAX, 1, 4, Padding::kValid}, "width");
  EXPECT_FALSE(out.has_value());
}

}  // namespace
}  // namespace dimsum
