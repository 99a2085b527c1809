// The corpus: model files under tests/corpus/<dialect>/NAME.json beside NAME.expect.json, whose
// expectations come from TensorFlow.js (re-verified by tests/oracle/verify_corpus.js in ctest)
// or from Keras' documented behaviour. Each case must give the expected verdict, output shapes,
// parameter counts, failing layers and cause.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "model_text.h"
#include "readers/json.h"

namespace dimsum {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> corpus_cases() {
  std::vector<std::string> cases;
  fs::path root = fs::path(DIMSUM_SOURCE_DIR) / "tests" / "corpus";
  if (!fs::exists(root)) return cases;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    std::string name = entry.path().string();
    const std::string suffix = ".expect.json";
    if (name.size() > suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
      cases.push_back(name.substr(0, name.size() - suffix.size()));
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

std::string shape_json(const Shape& shape) {
  if (!shape.rank_known()) return "null";
  std::string out = "[";
  for (size_t i = 0; i < shape.rank(); ++i)
    out += (i ? ", " : "") + (shape[i].known() ? std::to_string(shape[i].value()) : "null");
  return out + "]";
}

std::string expected_shape(const json::Value& v) {
  if (v.is_null()) return "null";
  std::string out = "[";
  for (size_t i = 0; i < v.items().size(); ++i)
    out += (i ? ", " : "") + std::string(v.items()[i].is_null() ? "null" : v.items()[i].text());
  return out + "]";
}

class Corpus : public ::testing::TestWithParam<std::string> {};

TEST_P(Corpus, MatchesExpectation) {
  const std::string base = GetParam();
  json::Document expect;
  std::string error;
  ASSERT_TRUE(expect.parse(slurp(base + ".expect.json"), error)) << error;
  const json::Value& e = expect.root();

  CheckOptions options;
  if (const json::Value* args = e.find("args")) {
    for (size_t i = 0; i + 1 < args->items().size(); i += 2) {
      ASSERT_EQ(args->items()[i].text(), "--input-shape") << "unsupported argument in " << base;
      InputShape shape;
      ASSERT_TRUE(parse_input_shape(args->items()[i + 1].text(), shape, error)) << error;
      options.input_shapes.push_back(shape);
    }
  }
  auto outcome = check_text(slurp(base + ".json"), base + ".json", options);
  ASSERT_TRUE(std::holds_alternative<Result>(outcome)) << std::get<LoadError>(outcome).message;
  const Result& r = std::get<Result>(outcome);
  int64_t want_exit = e.find("exit")->as_integer().value();
  std::string messages;
  for (const Diagnostic& d : r.diagnostics) messages += d.layer + ": " + d.message + "\n";
  ASSERT_EQ(r.ok() ? 0 : 1, want_exit) << messages;

  if (const json::Value* shapes = e.find("output_shapes"); shapes && want_exit == 0) {
    ASSERT_EQ(r.output_shapes.size(), shapes->items().size());
    for (size_t i = 0; i < shapes->items().size(); ++i)
      EXPECT_EQ(shape_json(r.output_shapes[i]), expected_shape(shapes->items()[i]))
          << "output " << i;
  }
  if (const json::Value* total = e.find("total_params");
      total && !total->is_null() && want_exit == 0)
    EXPECT_EQ(r.total_params, total->as_integer());
  if (const json::Value* trainable = e.find("trainable_params");
      trainable && !trainable->is_null() && want_exit == 0)
    EXPECT_EQ(r.trainable_params, trainable->as_integer());
  if (want_exit == 1) {
    std::set<std::string> failed;
    std::set<std::string> causes;
    for (const Diagnostic& d : r.diagnostics)
      if (d.severity == Severity::kError) {
        failed.insert(d.layer);
        causes.insert(std::string(to_string(d.cause)));
        EXPECT_FALSE(d.help.empty()) << d.message;
      }
    if (const json::Value* layers = e.find("error_layers"))
      for (const json::Value& name : layers->items())
        EXPECT_TRUE(failed.count(std::string(name.text())))
            << "no error at layer " << name.text() << "\n"
            << messages;
    if (const json::Value* cause = e.find("cause"))
      EXPECT_TRUE(causes.count(std::string(cause->text())))
          << "no error with cause " << cause->text() << "\n"
          << messages;
  }
}

INSTANTIATE_TEST_SUITE_P(Models, Corpus, ::testing::ValuesIn(corpus_cases()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name =
                               fs::path(info.param).parent_path().filename().string() + "_" +
                               fs::path(info.param).filename().string();
                           for (char& c : name)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return name;
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(Corpus);

}  // namespace
}  // namespace dimsum
