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

// A span of 2^63 - 2 fits 64 bits, but its negation is a value Dim reserves for symbolic sizes:
// the subtraction must fail as an overflow, never read as a symbolic size (fuzzing found it).
TEST(Window, SpansNearTwoToThe63AreOverflowsNotSymbols) {
  for (int64_t size : {INT64_MAX, INT64_MAX - 1, INT64_MAX - 1000}) {
    auto out = window_output(Dim(100), Window{size, 1, 1, Padding::kValid}, "width");
    EXPECT_FALSE(out.has_value()) << size;
  }
  EXPECT_FALSE((Window{INT64_MAX / 2, 1, 4, Padding::kValid}.span().has_value()));
  EXPECT_EQ((Window{3, 1, 2, Padding::kValid}.span()), 5);
}

TEST(Dim, ArithmeticNeverLandsOnTheSymbolicEncoding) {
  // The most negative known size is INT64_MIN + 2^32 + 1; below it lie expression ids and None.
  const int64_t lowest = INT64_MIN + (int64_t{1} << 32) + 1;
  ASSERT_TRUE(Dim::representable(lowest));
  EXPECT_FALSE(Dim::representable(lowest - 1));
  EXPECT_FALSE(checked_add(Dim(lowest + 10), Dim(-20)).has_value());
  EXPECT_FALSE(checked_mul(Dim(-(int64_t{1} << 62)), Dim(2)).has_value());  // INT64_MIN is None
  auto fine = checked_add(Dim(-5), Dim(3));
  ASSERT_TRUE(fine.has_value());
  EXPECT_TRUE(fine->known());
  EXPECT_EQ(fine->value(), -2);
  // A number on the encoding never reads as an expression, whoever makes it.
  EXPECT_FALSE(Dim(lowest - 1).symbolic());
  EXPECT_FALSE(Dim(INT64_MIN + 1).specified());
}

}  // namespace
}  // namespace dimsum
