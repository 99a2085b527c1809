// Dims behaves as the std::vector<Dim> it replaced, in place up to kInline sizes and on the heap
// past them; each case is checked against std::vector doing the same.
#include <gtest/gtest.h>

#include <vector>

#include "shape/dims.h"

namespace dimsum {
namespace {

std::vector<int64_t> values(const Dims& dims) {
  std::vector<int64_t> out;
  for (Dim d : dims) out.push_back(d.known() ? d.value() : -1);
  return out;
}

std::vector<int64_t> values(const std::vector<Dim>& dims) {
  std::vector<int64_t> out;
  for (Dim d : dims) out.push_back(d.known() ? d.value() : -1);
  return out;
}

Dims counting(size_t n) {
  Dims dims;
  for (size_t i = 0; i < n; ++i) dims.push_back(Dim(static_cast<int64_t>(i)));
  return dims;
}

std::vector<Dim> counting_vector(size_t n) {
  std::vector<Dim> dims;
  for (size_t i = 0; i < n; ++i) dims.push_back(Dim(static_cast<int64_t>(i)));
  return dims;
}

TEST(Dims, PushInsertEraseMatchVectorInPlaceAndOnTheHeap) {
  for (size_t n : {0u, 1u, 5u, 6u, 7u, 13u}) {
    Dims dims = counting(n);
    std::vector<Dim> expected = counting_vector(n);
    EXPECT_EQ(values(dims), values(expected)) << n;
    dims.insert(dims.begin(), Dim(100));
    expected.insert(expected.begin(), Dim(100));
    dims.insert(dims.end(), 2, Dim::unknown());
    expected.insert(expected.end(), 2, Dim::unknown());
    dims.insert(dims.begin() + 1, {Dim(7), Dim(8)});
    expected.insert(expected.begin() + 1, {Dim(7), Dim(8)});
    EXPECT_EQ(values(dims), values(expected)) << n;
    dims.erase(dims.begin() + 2);
    expected.erase(expected.begin() + 2);
    dims.erase(dims.begin(), dims.begin() + 2);
    expected.erase(expected.begin(), expected.begin() + 2);
    EXPECT_EQ(values(dims), values(expected)) << n;
    dims.resize(n + 3, Dim(9));
    expected.resize(n + 3, Dim(9));
    dims.pop_back();
    expected.pop_back();
    EXPECT_EQ(values(dims), values(expected)) << n;
  }
}

TEST(Dims, InsertingItsOwnSizesCopiesThemFirst) {
  for (size_t n : {3u, 6u, 9u}) {
    Dims dims = counting(n);
    dims.insert(dims.begin() + 1, dims.begin(), dims.end());  // grows past kInline for n >= 3
    std::vector<Dim> original = counting_vector(n);
    std::vector<Dim> expected{original.front()};  // the first size, all of them, the rest
    for (Dim d : original) expected.push_back(d);
    for (size_t i = 1; i < n; ++i) expected.push_back(original[i]);
    EXPECT_EQ(values(dims), values(expected)) << n;
  }
}

TEST(Dims, CopiesAndMovesKeepTheSizesAndLeaveTheSourceUsable) {
  for (size_t n : {2u, 6u, 11u}) {
    Dims original = counting(n);
    Dims copy = original;
    EXPECT_EQ(copy, original);
    Dims moved = std::move(copy);
    EXPECT_EQ(moved, original);
    EXPECT_TRUE(copy.empty());  // NOLINT(bugprone-use-after-move): moved-from is empty
    copy.push_back(Dim(4));
    EXPECT_EQ(values(copy), std::vector<int64_t>{4});
    Dims assigned = counting(1);
    assigned = original;
    EXPECT_EQ(assigned, original);
    assigned = std::move(moved);
    EXPECT_EQ(assigned, original);
    assigned = assigned;  // self-assignment keeps the sizes
    EXPECT_EQ(assigned, original);
  }
}

TEST(Dims, ComparesBySizes) {
  EXPECT_EQ(Dims({Dim(1), Dim::unknown()}), Dims({Dim(1), Dim::unknown()}));
  EXPECT_NE(Dims({Dim(1)}), Dims({Dim(1), Dim(1)}));
  EXPECT_NE(Dims({Dim(2)}), Dims({Dim(1)}));
  EXPECT_EQ(Dims(3, Dim(5)), Dims({Dim(5), Dim(5), Dim(5)}));
}

}  // namespace
}  // namespace dimsum
