// The JSON reader and the dialect readers: positions, errors, and every config dialect.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "model_text.h"
#include "readers/json.h"

namespace dimsum {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(Json, PositionsPointAtValues) {
  json::Document doc;
  std::string error;
  ASSERT_TRUE(doc.parse("{\n  \"a\": [1, \"x\"],\n  \"b\": {\"c\": null}\n}", error)) << error;
  const json::Value& a = *doc.root().find("a");
  EXPECT_EQ(doc.position(a.offset).line, 2u);
  EXPECT_EQ(doc.position(a.offset).column, 8u);
  EXPECT_EQ(doc.position(a.items()[1].offset).column, 12u);
  const json::Value& c = *doc.root().find("b")->find("c");
  EXPECT_EQ(doc.position(c.offset).line, 3u);
  EXPECT_EQ(doc.position(c.offset).column, 14u);
}

// Both ways of parsing (in place for a file without a backslash, else the validating reader)
// give the same strings and keys, and leave the file's text as it was: diagnostics quote it.
TEST(Json, StringsAreTheFilesTextAndTheTextIsKept) {
  for (std::string text :
       {std::string("{\"name\": \"dense_1\", \"l\": [\"\", \"é\"], \"k\": {}}"),
        std::string("{\"name\": \"dense_1\", \"l\": [\"\", \"\\u00e9\"], \"k\": {}}")}) {
    json::Document doc;
    std::string error;
    ASSERT_TRUE(doc.parse(text, error)) << error;
    EXPECT_EQ(doc.text(), text);
    EXPECT_EQ(doc.root().find("name")->text(), "dense_1");
    EXPECT_EQ(doc.root().find("l")->items()[0].text(), "");
    EXPECT_EQ(doc.root().find("l")->items()[1].text(), "é");
    ASSERT_EQ(doc.root().members().size(), 3u);
    EXPECT_EQ(doc.root().members()[2].key(), "k");
    EXPECT_TRUE(doc.root().find("k")->is_object());
  }
}

// A member keeps its key's length and first four bytes, read one way for keys of four bytes or
// more and another for shorter ones: every key is found, and none is taken for another that
// shares its head or is one byte longer or shorter.
TEST(Json, KeysOfEveryLengthAreFoundAndOnlyThemselves) {
  const std::vector<std::string> keys = {"", "a", "ab", "abc", "abcd", "abce", "abcde", "abcdf"};
  std::string text = "{";
  for (size_t i = 0; i < keys.size(); ++i)
    text += (i ? ", \"" : "\"") + keys[i] + "\": " + std::to_string(i);
  text += "}";
  json::Document doc;
  std::string error;
  ASSERT_TRUE(doc.parse(text, error)) << error;
  for (size_t i = 0; i < keys.size(); ++i) {
    const json::Value* value = doc.root().find(keys[i]);
    ASSERT_NE(value, nullptr) << keys[i];
    EXPECT_EQ(value->text(), std::to_string(i)) << keys[i];
  }
  for (std::string absent : {"b", "ba", "abd", "abcc", "abcdg", "abcdef", "A"})
    EXPECT_EQ(doc.root().find(absent), nullptr) << absent;
}

TEST(Json, ErrorsInStringsNameTheirPositionEitherWay) {
  json::Document doc;
  std::string error;
  EXPECT_FALSE(doc.parse("{\"a\": \"x\ny\"}", error));  // a raw newline in a string
  EXPECT_EQ(error.rfind("1:", 0), 0u) << error;
  EXPECT_FALSE(doc.parse("{\"a\": \"x\\qy\"}", error));  // an unknown escape
  EXPECT_EQ(error.rfind("1:9:", 0), 0u) << error;
  EXPECT_FALSE(doc.parse("{\"a\": \"x\xff\"}", error));  // not UTF-8
  EXPECT_NE(error.find("encoding"), std::string::npos) << error;
}

TEST(Json, ErrorsNameLineAndColumn) {
  json::Document doc;
  std::string error;
  EXPECT_FALSE(doc.parse("{\n  \"a\": tru\n}", error));
  EXPECT_EQ(error.rfind("2:", 0), 0u) << error;
  EXPECT_FALSE(doc.parse("", error));
  EXPECT_NE(error.find("empty"), std::string::npos);
  EXPECT_FALSE(doc.parse("{\"a\": [1, 2", error));
  EXPECT_NE(error.find("truncated"), std::string::npos);
}

TEST(Json, DeepNestingIsRefusedNotACrash) {
  json::Document doc;
  std::string error;
  std::string deep(100000, '[');
  EXPECT_FALSE(doc.parse(deep + std::string(100000, ']'), error));
  EXPECT_NE(error.find("nested deeper"), std::string::npos) << error;
}

TEST(Json, IntegersAcceptExactFloats) {
  json::Document doc;
  std::string error;
  ASSERT_TRUE(doc.parse("[3, 3.0, 2.5, 1e2, 99999999999999999999]", error));
  const auto& items = doc.root().items();
  EXPECT_EQ(items[0].as_integer(), 3);
  EXPECT_EQ(items[1].as_integer(), 3);
  EXPECT_FALSE(items[2].as_integer().has_value());
  EXPECT_EQ(items[3].as_integer(), 100);
  EXPECT_FALSE(items[4].as_integer().has_value());
}

struct DialectRow {
  std::string file;
  std::string dialect;
  std::string output;
  int64_t params;
};

class SharedExamples : public ::testing::TestWithParam<DialectRow> {};

// The sample of each dialect in shared/examples, with its expectations worked out by hand from
// Keras' formulas (Dense: in*units + units; Conv1D: k*in*filters + filters).
TEST_P(SharedExamples, ReadsEveryDialect) {
  const DialectRow& row = GetParam();
  std::string path = std::string(DIMSUM_SOURCE_DIR) + "/tests/dialects/" + row.file;
  Result r = testing::check_or_fail(read_file(path));
  ASSERT_EQ(testing::first_error(r), "");
  EXPECT_EQ(r.dialect, row.dialect);
  EXPECT_EQ(to_string(r.output_shapes.at(0)), row.output);
  EXPECT_EQ(r.total_params, row.params);
}

INSTANTIATE_TEST_SUITE_P(
    Dialects, SharedExamples,
    ::testing::Values(
        // Dense(64) on 20 features, Dense(1): 20*64+64 + 64+1
        DialectRow{"keras21_list_config.json", "Keras 2.1", "(None, 1)", 1409},
        // Conv1D(8, 7) on (100, 16): 7*16*8+8 = 904; pool -> 47*8 = 376; Dense(1): 377
        DialectRow{"keras3_sequential.json", "Keras 3", "(None, 1)", 1281},
        // Dense(16) on 8, Dense(3): 144 + 51
        DialectRow{"tfjs_layers_model.json", "TensorFlow.js", "(None, 3)", 195}));

TEST(Readers, SequentialWithoutInputShapeIsANoteNotAnError) {
  Result r = testing::check_or_fail(read_file(std::string(DIMSUM_SOURCE_DIR) +
                                              "/tests/dialects/tfkeras2_sequential_no_input.json"));
  EXPECT_TRUE(r.ok());
  ASSERT_FALSE(r.diagnostics.empty());
  EXPECT_EQ(r.diagnostics[0].code, "DS0102");
}

TEST(Readers, SequentialWithoutInputShapeChecksWithData) {
  CheckOptions options;
  InputShape shape;
  std::string error;
  ASSERT_TRUE(parse_input_shape("8,32,32,3", shape, error));
  options.input_shapes.push_back(shape);
  Result r = testing::check_or_fail(read_file(std::string(DIMSUM_SOURCE_DIR) +
                                              "/tests/dialects/tfkeras2_sequential_no_input.json"),
                                    options);
  ASSERT_TRUE(r.ok());
  // Conv2D(16, 5) on 3 channels: 5*5*3*16+16 = 1216; Conv2D(32, 5): 5*5*16*32+32 = 12832;
  // Dense(5) on 32: 165.
  EXPECT_EQ(r.total_params, 1216 + 12832 + 165);
  EXPECT_EQ(to_string(r.output_shapes.at(0)), "(8, 5)");
}

TEST(Readers, SharedLayerAndNestedModel) {
  // A Dense shared by two calls (node indices 0 and 1) and a nested Sequential used as a layer;
  // tf.keras 2 numbers the nested model's first outer call 1 (its call 0 is its own build).
  std::string text = R"({"class_name": "Functional", "config": {"name": "m", "layers": [
    {"class_name": "InputLayer", "config": {"name": "x", "batch_input_shape": [null, 4]}, "name": "x", "inbound_nodes": []},
    {"class_name": "Dense", "config": {"name": "shared", "units": 4}, "name": "shared",
     "inbound_nodes": [[["x", 0, 0, {}]], [["shared", 0, 0, {}]]]},
    {"class_name": "Sequential", "config": {"name": "head", "layers": [
        {"class_name": "InputLayer", "config": {"name": "head_in", "batch_input_shape": [null, 4]}},
        {"class_name": "Dense", "config": {"name": "h1", "units": 3}}]},
     "name": "head", "inbound_nodes": [[["shared", 1, 0, {}]]]}],
    "input_layers": [["x", 0, 0]], "output_layers": [["head", 1, 0]]}})";
  Result r = testing::check_or_fail(text);
  ASSERT_EQ(testing::first_error(r), "");
  EXPECT_EQ(to_string(r.output_shapes.at(0)), "(None, 3)");
  EXPECT_EQ(r.total_params, 20 + 15);  // the shared Dense counted once
}

TEST(Readers, BrokenGraphsAreLoadErrors) {
  auto load_error = [](const std::string& text) {
    auto outcome = check_text(text, "m.json", {});
    return std::holds_alternative<LoadError>(outcome) ? std::get<LoadError>(outcome).message : "";
  };
  std::string head = R"({"class_name": "Functional", "config": {"name": "m", "layers": [
    {"class_name": "InputLayer", "config": {"name": "x", "batch_input_shape": [null, 4]}, "name": "x", "inbound_nodes": []},)";
  EXPECT_NE(load_error(head + R"(
    {"class_name": "Dense", "config": {"name": "d", "units": 2}, "name": "d", "inbound_nodes": [[["nope", 0, 0, {}]]]}],
    "input_layers": [["x", 0, 0]], "output_layers": [["d", 0, 0]]}})")
                .find("no layer named \"nope\""),
            std::string::npos);
  EXPECT_NE(load_error(head + R"(
    {"class_name": "Dense", "config": {"name": "a", "units": 2}, "name": "a", "inbound_nodes": [[["b", 0, 0, {}]]]},
    {"class_name": "Dense", "config": {"name": "b", "units": 2}, "name": "b", "inbound_nodes": [[["a", 0, 0, {}]]]}],
    "input_layers": [["x", 0, 0]], "output_layers": [["b", 0, 0]]}})")
                .find("cycle"),
            std::string::npos);
  EXPECT_NE(load_error(head + R"(
    {"class_name": "Dense", "config": {"name": "x", "units": 2}, "name": "x", "inbound_nodes": [[["x", 0, 0, {}]]]}],
    "input_layers": [["x", 0, 0]], "output_layers": [["x", 0, 0]]}})")
                .find("two layers are named"),
            std::string::npos);
  // The layers' errors come before their calls' errors, even a later layer's: the duplicate name,
  // not the unknown layer "nope", although calls may be read as soon as their layer.
  EXPECT_NE(load_error(head + R"(
    {"class_name": "Dense", "config": {"name": "d", "units": 2}, "name": "d", "inbound_nodes": [[["nope", 0, 0, {}]]]},
    {"class_name": "Dense", "config": {"name": "d", "units": 2}, "name": "d", "inbound_nodes": [[["x", 0, 0, {}]]]}],
    "input_layers": [["x", 0, 0]], "output_layers": [["d", 0, 0]]}})")
                .find("two layers are named \"d\""),
            std::string::npos);
}

TEST(InputShape, ParsesTheForms) {
  InputShape s;
  std::string error;
  ASSERT_TRUE(parse_input_shape("100,28,28,1", s, error));
  EXPECT_EQ(tuple_string(s.dims), "(100, 28, 28, 1)");
  ASSERT_TRUE(parse_input_shape("img=?,None,3", s, error));
  EXPECT_EQ(s.name, "img");
  EXPECT_EQ(tuple_string(s.dims), "(None, None, 3)");
  ASSERT_TRUE(parse_input_shape("(None, 28, 28)", s, error));
  EXPECT_EQ(tuple_string(s.dims), "(None, 28, 28)");
  EXPECT_FALSE(parse_input_shape("1,4x", s, error));  // "1,x" is a symbolic size
  EXPECT_FALSE(parse_input_shape("", s, error));
  EXPECT_FALSE(parse_input_shape("-1,3", s, error));
  EXPECT_FALSE(parse_input_shape("=1,3", s, error));
}

}  // namespace
}  // namespace dimsum

namespace dimsum {
namespace {

// What dimsum writes is UTF-8 whatever bytes a source held (a Python string literal may hold
// any): each byte that starts no well-formed sequence (RFC 3629) becomes U+FFFD.
TEST(ValidUtf8, ReplacesIllFormedBytes) {
  EXPECT_EQ(json::valid_utf8("plain"), "plain");
  EXPECT_EQ(json::valid_utf8("caf\xc3\xa9"), "caf\xc3\xa9");
  EXPECT_EQ(json::valid_utf8("a\xa1z"), "a\xef\xbf\xbdz");  // a lone continuation byte
  EXPECT_EQ(json::valid_utf8("a\xe1\x9c"), "a\xef\xbf\xbd\xef\xbf\xbd");  // a cut sequence
  EXPECT_EQ(json::valid_utf8("\xed\xa0\x80"),                             // an encoded surrogate
            "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
  EXPECT_TRUE(json::is_utf8(json::valid_utf8("\xff\xfe\xc0\xaf")));
}

}  // namespace
}  // namespace dimsum
