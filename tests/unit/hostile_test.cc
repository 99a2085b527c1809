// Regressions for what hostile input found (docs/reliability.md): each test names the input that
// broke dimsum and checks the fix in-process. The command-line side is tests/hostile/.
#include <gtest/gtest.h>

#include <string>

#include "model/source.h"
#include "model_text.h"
#include "readers/json.h"

namespace dimsum {
namespace {

std::string load_error(const std::string& text) {
  auto outcome = check_text(text, "m.json", {});
  return std::holds_alternative<LoadError>(outcome) ? std::get<LoadError>(outcome).message : "";
}

// A minified file is one line: every diagnostic copied it whole (a 2 MB line and 50,000
// warnings asked for 100 GB), and counted its characters up to the column each time.
TEST(Hostile, LongLineKeepsOnlyTheWindowAroundTheColumn) {
  std::string line = std::string(10000, 'a') + "\"here\"" + std::string(10000, 'b');
  SourceText source(line + "\nnext line");
  Location at = source.location("f.json", 10000);
  EXPECT_EQ(at.line, 1u);
  EXPECT_EQ(at.column, 10001u);
  EXPECT_LT(at.source_line.size(), 1000u);
  // The caret's place in the kept part is the column less the characters left out.
  ASSERT_GE(at.column - 1, at.source_start);
  EXPECT_EQ(at.source_line.substr(at.column - 1 - at.source_start, 6), "\"here\"");
}

TEST(Hostile, LongLineWindowCountsCharactersNotBytes) {
  // "é" is two bytes: the column counts it once; the window never splits it.
  std::string prefix;
  for (int i = 0; i < 3000; ++i) prefix += "\xc3\xa9";
  SourceText source(prefix + "X" + prefix);
  Location at = source.location("f.json", static_cast<uint32_t>(prefix.size()));
  EXPECT_EQ(at.column, 3001u);
  EXPECT_NE(static_cast<unsigned char>(at.source_line[0]) & 0xC0, 0x80u);
  size_t characters = 0, caret = 0;
  for (size_t i = 0; i < at.source_line.size(); ++i) {
    if ((static_cast<unsigned char>(at.source_line[i]) & 0xC0) == 0x80) continue;
    if (characters == at.column - 1 - at.source_start) caret = i;
    ++characters;
  }
  EXPECT_EQ(at.source_line[caret], 'X');
}

// A chain of thousands of layers gave every diagnostic a trace of thousands of entries.
TEST(Hostile, TraceOfALongChainIsCutAndCounted) {
  constexpr int kChain = 100;
  std::vector<std::string> layers;
  for (int i = 0; i < kChain; ++i)
    layers.push_back(R"({"class_name": "Dense", "config": {"name": "d)" + std::to_string(i) +
                     R"(", "units": 4}})");
  layers.push_back(testing::layer("Reshape", R"("target_shape": [3])"));
  Result r = testing::check_or_fail(testing::sequential("[null, 4]", layers));
  ASSERT_EQ(testing::first_error(r), "DS0003");
  const Diagnostic& d = r.diagnostics.front();
  // The Reshape is preceded by the InputLayer and the 100 Dense layers: 102 layers in all.
  EXPECT_EQ(d.trace.size() + d.trace_omitted, size_t{kChain + 2});
  EXPECT_LE(d.trace.size(), 16u);
  EXPECT_EQ(r.layers[d.trace.back()].class_name, "Reshape");
}

// Keras' Sequential.add refuses a second layer of the same name.
TEST(Hostile, DuplicateNamesInASequentialAreALoadError) {
  std::string text = testing::sequential("[null, 4]", {testing::layer("Dense", R"("units": 2)"),
                                                       testing::layer("Dense", R"("units": 3)")});
  EXPECT_NE(load_error(text).find("two layers are named \"under_test\""), std::string::npos);
}

TEST(Hostile, FunctionalWithoutLayersOrOutputsIsALoadError) {
  EXPECT_NE(load_error(R"({"class_name": "Functional", "config": {"name": "m", "layers": [],
              "input_layers": [], "output_layers": []}})")
                .find("has no layers"),
            std::string::npos);
  EXPECT_NE(load_error(R"({"class_name": "Functional", "config": {"name": "m", "layers": [
              {"class_name": "InputLayer", "name": "x", "config": {"name": "x",
               "batch_input_shape": [null, 4]}, "inbound_nodes": []}],
              "input_layers": [["x", 0, 0]], "output_layers": []}})")
                .find("has no outputs"),
            std::string::npos);
}

TEST(Hostile, ByteOrderMarkIsNamed) {
  json::Document doc;
  std::string error;
  EXPECT_FALSE(doc.parse("\xEF\xBB\xBF{}", error));
  EXPECT_NE(error.find("byte order mark"), std::string::npos) << error;
}

}  // namespace
}  // namespace dimsum
