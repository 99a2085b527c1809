// Symbolic sizes: the expressions the window formula builds agree with the formula at every size,
// read as a person writes them, and the domain of a symbol is the exact set of sizes that meet
// its conditions (checked here against plain enumeration; tests/domain checks whole models
// against TensorFlow.js).
#include <gtest/gtest.h>

#include "dimsum/dimsum.h"
#include "shape/symbolic.h"
#include "shape/window.h"

namespace dimsum {
namespace {

Dim H() { return symbol_dim("H"); }

int64_t at(Dim dim, int64_t h) { return evaluate(dim, {{"H", h}}).value(); }

// Every window Keras' layers use, chained twice, against the window formula on numbers.
TEST(Symbolic, WindowChainsAgreeWithTheFormulaAtEverySize) {
  for (Padding padding : {Padding::kValid, Padding::kSame})
    for (int64_t size = 1; size <= 5; ++size)
      for (int64_t stride = 1; stride <= 4; ++stride)
        for (int64_t dilation = 1; dilation <= 2; ++dilation) {
          Window w{size, stride, dilation, padding};
          Dim once = window_output(H(), w, "height")->size;
          Dim twice = window_output(once, w, "height")->size;
          ASSERT_TRUE(twice.symbolic() || twice.known());
          for (int64_t h = 1; h <= 120; ++h) {
            Dim concrete_once = window_output(Dim(h), w, "height")->size;
            Dim concrete_twice = window_output(concrete_once, w, "height")->size;
            ASSERT_EQ(at(once, h), concrete_once.value()) << symbolic_text(once) << " at " << h;
            ASSERT_EQ(at(twice, h), concrete_twice.value()) << symbolic_text(twice) << " at " << h;
          }
        }
}

TEST(Symbolic, ReadsAsAPersonWritesIt) {
  // Five 2x2 poolings of stride 2 (VGG16): floor(floor(H / 2) / 2) ... is floor(H / 32).
  Dim h = H();
  for (int i = 0; i < 5; ++i)
    h = window_output(h, Window{2, 2, 1, Padding::kValid}, "height")->size;
  EXPECT_EQ(symbolic_text(h), "floor(H / 32)");
  EXPECT_EQ(symbolic_text(ceil_div(H(), 2)), "ceil(H / 2)");
  EXPECT_EQ(symbolic_text(*checked_add(H(), Dim(-2))), "H - 2");
  // floor((H - 3) / 2) + 1 == ceil(H / 2) - 1 for every integer H.
  EXPECT_EQ(symbolic_text(window_output(H(), Window{3, 2, 1, Padding::kValid}, "h")->size),
            "ceil(H / 2) - 1");
  Dim area = *checked_mul(*checked_mul(floor_div(H(), 4), floor_div(symbol_dim("W"), 4)), Dim(64));
  EXPECT_EQ(symbolic_text(area), "64 * floor(H / 4) * floor(W / 4)");
  EXPECT_EQ(to_string(Shape({Dim::unknown(), H(), Dim(3)})), "(None, H, 3)");
}

TEST(Symbolic, EqualExpressionsAreEqualDims) {
  EXPECT_EQ(floor_div(floor_div(H(), 2), 2), floor_div(H(), 4));
  EXPECT_EQ(*checked_add(*checked_mul(H(), Dim(2)), Dim(0)), *checked_add(H(), H()));
  EXPECT_EQ(floor_div(*checked_mul(H(), Dim(6)), 3), *checked_mul(H(), Dim(2)));
  EXPECT_NE(floor_div(H(), 2), ceil_div(H(), 2));
  EXPECT_EQ(*checked_mul(H(), Dim(0)), Dim(0));  // no symbol left: a known size
}

TEST(Symbolic, SymbolNamesAreIdentifiers) {
  EXPECT_TRUE(is_symbol_name("H"));
  EXPECT_TRUE(is_symbol_name("image_h2"));
  EXPECT_FALSE(is_symbol_name("None"));
  EXPECT_FALSE(is_symbol_name("2H"));
  EXPECT_FALSE(is_symbol_name("H-1"));
  InputShape shape;
  std::string error;
  ASSERT_TRUE(parse_input_shape("1,H,W,3", shape, error)) << error;
  EXPECT_EQ(symbol_name(shape.dims[1]), "H");
  EXPECT_FALSE(parse_input_shape("1,4x,3", shape, error));
}

// A result holding only the input and the given conditions on H.
Result with_conditions(std::vector<SizeCondition> conditions) {
  Result r;
  r.input_names = {"input_1"};
  r.input_shapes = {Shape({Dim::unknown(), H(), Dim(3)})};
  r.conditions = std::move(conditions);
  return r;
}

SizeCondition condition(SizeCondition::Kind kind, Dim lhs, Dim rhs, std::string layer) {
  return SizeCondition{kind, lhs, rhs, "test", std::move(layer)};
}

// The domain's membership against the conditions evaluated at every size.
void expect_exact(const Result& r, int64_t up_to) {
  SymbolDomain d = solve_domain(r).symbols.at(0);
  for (int64_t h = 1; h <= up_to; ++h) {
    bool works = true;
    for (const SizeCondition& c : r.conditions)
      works = works && holds(c.kind, at(c.lhs, h), at(c.rhs, h));
    ASSERT_EQ(d.contains(h), works) << d.text() << " at H = " << h;
  }
}

TEST(Domain, LowerBoundFromAWindow) {
  Dim out = window_output(H(), Window{30, 1, 1, Padding::kValid}, "height")->size;
  Result r = with_conditions({condition(SizeCondition::Kind::kAtLeast, out, Dim(1), "conv2d")});
  SymbolDomain d = solve_domain(r).symbols.at(0);
  EXPECT_EQ(d.kind, SymbolDomain::Kind::kPeriodic);
  EXPECT_EQ(d.text(), "H >= 30");
  EXPECT_EQ(d.smallest, 30);
  EXPECT_EQ(d.nearest(20), std::vector<int64_t>{30});
  expect_exact(r, 300);
}

TEST(Domain, MultipleFromASkipConnection) {
  // A U-Net level: pool by 2, upsample by 2, concatenate with the skip: 2 * floor(H / 2) == H.
  Dim back = *checked_mul(floor_div(H(), 2), Dim(2));
  Result r = with_conditions(
      {condition(SizeCondition::Kind::kEqual, back, H(), "concatenate"),
       condition(SizeCondition::Kind::kAtLeast, floor_div(H(), 8), Dim(1), "pool")});
  SymbolDomain d = solve_domain(r).symbols.at(0);
  EXPECT_EQ(d.text(), "H is a multiple of 2 and H >= 8");
  EXPECT_EQ(d.nearest(9), (std::vector<int64_t>{8, 10}));
  expect_exact(r, 300);
}

TEST(Domain, NearestSizesAtTheEdgeOf64Bits) {
  // Found by fuzzing: --input-shape 1,9223372036854775807,... on a model of even sizes.
  Dim back = *checked_mul(floor_div(H(), 2), Dim(2));
  Result r = with_conditions({condition(SizeCondition::Kind::kEqual, back, H(), "concatenate")});
  SymbolDomain d = solve_domain(r).symbols.at(0);
  EXPECT_EQ(d.nearest(INT64_MAX), std::vector<int64_t>{INT64_MAX - 1});
  EXPECT_EQ(d.nearest(1), std::vector<int64_t>{2});
}

TEST(Domain, FewValuesAndNone) {
  // A Reshape to 20 elements of floor((L - 3) / 2) + 1 steps of 4 features: L in {11, 12}.
  Dim steps = window_output(H(), Window{3, 2, 1, Padding::kValid}, "length")->size;
  Result r = with_conditions(
      {condition(SizeCondition::Kind::kEqual, *checked_mul(steps, Dim(4)), Dim(20), "reshape")});
  SymbolDomain d = solve_domain(r).symbols.at(0);
  EXPECT_EQ(d.kind, SymbolDomain::Kind::kValues);
  EXPECT_EQ(d.values, (std::vector<int64_t>{11, 12}));
  expect_exact(r, 300);

  Result never = with_conditions(
      {condition(SizeCondition::Kind::kAtLeast, *checked_add(H(), Dim(-2)), Dim(1), "conv1d"),
       condition(SizeCondition::Kind::kEqual, *checked_add(H(), Dim(-2)), H(), "concatenate")});
  Domain domain = solve_domain(never);
  EXPECT_FALSE(domain.works());
  EXPECT_EQ(domain.symbols.at(0).conflicts, std::vector<std::string>{"concatenate"});
}

TEST(Domain, BroadcastingMergeAndDivisibility) {
  Dim conv = *checked_add(H(), Dim(-2));
  Result broadcast =
      with_conditions({condition(SizeCondition::Kind::kBroadcasts, H(), conv, "add")});
  // H == H - 2 never holds; H is 1 at H = 1, H - 2 is 1 at H = 3.
  EXPECT_EQ(solve_domain(broadcast).symbols.at(0).text(), "H in {1, 3}");
  expect_exact(broadcast, 200);
  Result divisible =
      with_conditions({condition(SizeCondition::Kind::kMultipleOf,
                                 *checked_mul(floor_div(H(), 3), Dim(4)), Dim(6), "reshape")});
  expect_exact(divisible, 300);
}

}  // namespace
}  // namespace dimsum
