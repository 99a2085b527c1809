// scikit-learn and pandas as far as the labels they make go: label encoders, one-hot columns and
// train_test_split.
#include <fmt/format.h>

#include <algorithm>

#include "python/language/interpreter.h"
#include "python/libraries/library.h"

namespace dimsum::python {

using ops::DType;

// scikit-learn's label encoders and pandas' get_dummies, as far as the labels they make go:
// LabelEncoder gives one class id per sample; OneHotEncoder, LabelBinarizer and get_dummies one
// column per class, a count known only where the code tells the class ids' range (and
// LabelBinarizer gives one column for two classes). An encoder object is kept as the path of
// its class with "()" ("sklearn.preprocessing.LabelEncoder()"), its methods called on that path.
Value Interpreter::label_encoding(const std::string& path, Args& args, uint32_t offset) {
  static constexpr std::string_view kEncoders[] = {"LabelEncoder", "OneHotEncoder",
                                                   "LabelBinarizer"};
  // Scalers, which keep the shape of what they scale.
  static constexpr std::string_view kScalers[] = {"StandardScaler", "MinMaxScaler", "RobustScaler",
                                                  "MaxAbsScaler", "Normalizer"};
  auto listed = [](const auto& list, std::string_view what) {
    return std::find(std::begin(list), std::end(list), what) != std::end(list);
  };
  std::string_view name = last_part(path);
  if (listed(kEncoders, name) || listed(kScalers, name)) return module(path + "()", offset);
  size_t made = path.rfind("().");
  std::string made_by = made == std::string::npos ? std::string() : path.substr(0, made);
  std::string_view encoder = last_part(made_by);   // a view into made_by, which outlives it
  if (name == "fit" && made != std::string::npos)  // fit returns the encoder
    return module(path.substr(0, made + 2), offset);
  bool encodes = name == "fit_transform" || name == "transform" || path == "pandas.get_dummies";
  if (listed(kScalers, encoder) && (encodes || name == "inverse_transform")) {
    const Value* x = args.get(0, "X");
    if (!x || x->kind != Kind::kData) return unknown("data scaled by scikit-learn", offset);
    return data(x->shape, offset, DType::kFloat);
  }
  const Value* y = args.get(0, name == "get_dummies" ? "data" : "y");
  if (!y) y = args.get(0, "X");
  if (!encodes || !y || y->kind != Kind::kData || !y->shape || y->shape->empty())
    return unknown(fmt::format("the result of {}(...)", path), offset);
  Dim samples = (*y->shape)[0];
  std::optional<int64_t> classes = class_count(
      y->values, samples.known() ? std::optional<int64_t>(samples.value()) : std::nullopt);
  if (encoder == "LabelEncoder") {  // ids of the classes that occur, in order
    Value ids = data(Dims{samples}, offset, DType::kInt);
    if (classes) ids.values = IntRange{0, *classes, true};
    return ids;
  }
  bool one_column = y->shape->size() == 1 || (*y->shape)[1] == Dim(1);
  Dim columns = classes && one_column ? Dim(*classes) : Dim::unknown();
  if (encoder == "LabelBinarizer" && classes == 2) columns = Dim(1);
  return data(Dims{samples, columns}, offset, DType::kFloat);
}

// sklearn.model_selection.train_test_split(*arrays, test_size=0.25): each array cut in two along
// its first axis, train part first; the test part holds ceil(test_size * n) samples (an int
// test_size: that many), the train part the rest (or train_size's).
Value Interpreter::train_test_split(Args& args, uint32_t offset) {
  auto split = [&](const Value& array) -> std::pair<Value, Value> {
    Value train = array, test = array;
    train.offset = test.offset = offset;
    if (array.kind != Kind::kData || !array.shape || array.shape->empty() ||
        !(*array.shape)[0].known()) {
      Value cut = array.kind == Kind::kData
                      ? data(std::nullopt, offset, array.dtype)
                      : unknown("a part of data dimsum cannot follow", offset);
      return {cut, cut};
    }
    int64_t n = (*array.shape)[0].value();
    auto part = [&](const Value* size) -> std::optional<int64_t> {
      if (!size || size->kind == Kind::kNone) return std::nullopt;
      if (size->kind == Kind::kInt) return size->integer;
      // A fraction, which scikit-learn wants in (0, 1); any other is not followed.
      if (size->kind == Kind::kFloat && size->real > 0 && size->real < 1)
        return static_cast<int64_t>(std::ceil(size->real * static_cast<double>(n)));
      return -1;  // unknown
    };
    auto test_n = part(args.keyword("test_size"));
    auto train_n = part(args.keyword("train_size"));
    if (!test_n && !train_n) test_n = static_cast<int64_t>(std::ceil(0.25 * n));
    if (test_n && *test_n >= 0 && !train_n) train_n = n - *test_n;
    if (train_n && *train_n >= 0 && !test_n) test_n = n - *train_n;
    bool known = test_n && train_n && *test_n >= 0 && *train_n >= 0 && *test_n <= n &&
                 *train_n <= n - *test_n;
    (*train.shape)[0] = known ? Dim(*train_n) : Dim::unknown();
    (*test.shape)[0] = known ? Dim(*test_n) : Dim::unknown();
    for (Value* piece : {&train, &test})  // a part may lack some of the values, as a slice may
      if (piece->values) piece->values->every = false;
    return {train, test};
  };
  std::vector<Value> parts;
  for (const Value& array : args.positional) {
    auto [train, test] = split(array);
    parts.push_back(std::move(train));
    parts.push_back(std::move(test));
  }
  return sequence(Kind::kList, std::move(parts), offset);
}

}  // namespace dimsum::python
