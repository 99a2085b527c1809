// The flat table of layer names the config reader resolves tensor references with.
#include <gtest/gtest.h>

#include <string>

#include "model/name_index.h"

namespace dimsum {
namespace {

TEST(NameIndex, FindsEveryNameAfterGrowing) {
  NameIndex index;
  constexpr int kNames = 1000;  // grows the table several times
  for (int i = 0; i < kNames; ++i) ASSERT_TRUE(index.add("dense_" + std::to_string(i), i));
  for (int i = 0; i < kNames; ++i) EXPECT_EQ(index.find("dense_" + std::to_string(i)), i);
  EXPECT_EQ(index.find("dense_1000"), -1);
  EXPECT_FALSE(index.contains("dense"));
}

TEST(NameIndex, RefusesADuplicateAndKeepsTheFirst) {
  NameIndex index;
  EXPECT_TRUE(index.add("d", 0));
  EXPECT_FALSE(index.add("d", 1));
  EXPECT_EQ(index.find("d"), 0);
}

TEST(NameIndex, KeepsItsOwnCopyOfEachName) {
  NameIndex index;
  std::string name = "a name longer than any short-string buffer";
  index.add(name, 7);
  name.assign(name.size(), 'x');
  EXPECT_EQ(index.find("a name longer than any short-string buffer"), 7);
  EXPECT_FALSE(index.contains(name));
}

TEST(NameIndex, AnEmptyNameIsAName) {
  NameIndex index;
  EXPECT_FALSE(index.contains(""));
  EXPECT_TRUE(index.add("", 3));
  EXPECT_EQ(index.find(""), 3);
}

}  // namespace
}  // namespace dimsum
