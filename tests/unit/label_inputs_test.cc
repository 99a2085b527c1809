// What a model is trained against, as the command line and saved models give it: --loss and
// --labels parsing, the matching of labels to the model's outputs (check/label_inputs.h), and the
// compile config a model file saves, in the forms Keras writes it (keras/src/saving and
// keras/src/legacy/saving in Keras 3, tf_keras/saving/legacy in tf.keras 2).
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <hdf5.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "check/label_inputs.h"
#include "readers/json.h"
#include "readers/keras_config.h"
#include "readers/source.h"
#include "report/report.h"

namespace dimsum {
namespace {

// A tf.keras 2 Functional model with one input and two outputs, "priority" and "department".
constexpr const char* kTwoOutputs =
    R"({"class_name": "Functional", "config": {"name": "m", "layers": [
  {"class_name": "InputLayer", "name": "x", "config": {"name": "x", "batch_input_shape": [null, 8]}, "inbound_nodes": []},
  {"class_name": "Dense", "name": "priority", "config": {"name": "priority", "units": 1}, "inbound_nodes": [[["x", 0, 0, {}]]]},
  {"class_name": "Dense", "name": "department", "config": {"name": "department", "units": 3}, "inbound_nodes": [[["x", 0, 0, {}]]]}],
  "input_layers": [["x", 0, 0]], "output_layers": [["priority", 0, 0], ["department", 0, 0]]})";

// A Sequential with one output, "dense" (the compile config, if any, is appended after it).
constexpr const char* kOneOutput =
    R"({"class_name": "Sequential", "config": {"name": "s", "layers": [
  {"class_name": "InputLayer", "config": {"name": "x", "batch_input_shape": [null, 8]}},
  {"class_name": "Dense", "config": {"name": "dense", "units": 10}}]})";

Model read_model(const std::string& text) {
  Model model;
  std::string error;
  EXPECT_TRUE(read_json_model(text, "m.json", model, error)) << error;
  return model;
}

// The model config with more members beside it: `extra` is ", \"compile_config\": {...}".
Model read_model(const char* config, const std::string& extra) {
  return read_model(std::string(config) + extra + "}");
}

InputShape labels(const std::string& name, const std::string& source, std::vector<int64_t> dims) {
  InputShape shape;
  shape.name = name;
  shape.source = source;
  for (int64_t d : dims) shape.dims.push_back(Dim(d));
  return shape;
}

DataArchive archive(const std::string& file, const std::vector<std::string>& keys) {
  DataArchive out{file, {}};
  for (const std::string& key : keys) out.arrays.push_back(labels(key, file + ":" + key, {100}));
  return out;
}

std::string match_error(const Model& model, const CheckOptions& options) {
  std::vector<const InputShape*> per_output;
  std::string error;
  EXPECT_FALSE(match_labels(model, options, per_output, error));
  return error;
}

std::vector<const InputShape*> matched(const Model& model, const CheckOptions& options) {
  std::vector<const InputShape*> per_output;
  std::string error;
  EXPECT_TRUE(match_labels(model, options, per_output, error)) << error;
  return per_output;
}

TEST(LossFlag, ParsesTheForms) {
  LossChoice loss;
  std::string error;
  ASSERT_TRUE(parse_loss("mse", loss, error)) << error;
  EXPECT_EQ(loss.output, "");
  EXPECT_EQ(loss.name, "mse");
  EXPECT_FALSE(loss.from_logits);
  ASSERT_TRUE(parse_loss("department=SparseCategoricalCrossentropy:from_logits", loss, error));
  EXPECT_EQ(loss.output, "department");
  EXPECT_EQ(loss.name, "SparseCategoricalCrossentropy");
  EXPECT_TRUE(loss.from_logits);
  ASSERT_TRUE(parse_loss("binary_crossentropy:from_logits", loss, error));
  EXPECT_EQ(loss.output, "");
  EXPECT_TRUE(loss.from_logits);
  ASSERT_TRUE(parse_loss("my_package>dice_loss", loss, error));  // not resolved here
  EXPECT_EQ(loss.name, "my_package>dice_loss");
}

TEST(LossFlag, RefusesWhatNamesNoLoss) {
  LossChoice loss;
  std::string error;
  EXPECT_FALSE(parse_loss("", loss, error));
  EXPECT_NE(error.find("expected a loss"), std::string::npos) << error;
  EXPECT_FALSE(parse_loss("out=", loss, error));
  EXPECT_FALSE(parse_loss("=mse", loss, error));
  EXPECT_NE(error.find("output name before '=' is empty"), std::string::npos) << error;
  EXPECT_FALSE(parse_loss(":from_logits", loss, error));
  EXPECT_FALSE(parse_loss("mse:logits", loss, error));
  EXPECT_NE(error.find("\":logits\""), std::string::npos) << error;
}

TEST(LabelsFlag, ReadsTheHeaderOfAnNpyFile) {
  // np.save("y.npy", np.zeros(600, np.int64)): version 1.0, a header padded to 64 bytes.
  std::string dict = "{'descr': '<i8', 'fortran_order': False, 'shape': (600,), }";
  dict += std::string((64 - (10 + dict.size() + 1) % 64) % 64, ' ') + "\n";
  std::string bytes = std::string("\x93NUMPY\x01\x00", 8);
  bytes += static_cast<char>(dict.size());
  bytes += '\0';
  bytes += dict + std::string(600 * 8, '\0');
  std::string path = ::testing::TempDir() + "dimsum_labels_y.npy";
  std::ofstream(path, std::ios::binary) << bytes;
  CheckOptions options;
  std::string error;
  ASSERT_TRUE(read_labels(path, options, error)) << error;
  ASSERT_TRUE(read_labels("department=" + path, options, error)) << error;
  ASSERT_EQ(options.labels.size(), 2u);
  EXPECT_TRUE(options.input_shapes.empty());
  EXPECT_EQ(options.labels[0].name, "");
  EXPECT_EQ(tuple_string(options.labels[0].dims), "(600,)");
  EXPECT_EQ(options.labels[0].dtype.kind, DataType::Kind::kInteger);
  EXPECT_EQ(options.labels[0].source, path);
  EXPECT_EQ(options.labels[1].name, "department");
  EXPECT_FALSE(read_labels(path + ".missing", options, error));
  EXPECT_NE(error.find("--labels"), std::string::npos) << error;
  EXPECT_FALSE(read_labels(path + ":y", options, error));
  EXPECT_NE(error.find("holds one array"), std::string::npos) << error;
  std::remove(path.c_str());
}

TEST(MatchLabels, NamedThenUnnamedInOutputOrder) {
  Model model = read_model(kTwoOutputs, "");
  CheckOptions options;
  options.labels.push_back(labels("department", "d.npy", {100, 3}));
  options.labels.push_back(labels("", "p.npy", {100, 1}));
  auto per_output = matched(model, options);
  ASSERT_EQ(per_output.size(), 2u);
  EXPECT_EQ(per_output[0]->source, "p.npy");
  EXPECT_EQ(per_output[1]->source, "d.npy");
  EXPECT_EQ(output_names(model), (std::vector<std::string>{"priority", "department"}));
}

TEST(MatchLabels, NoLabelsLeavesEveryOutputWithout) {
  Model model = read_model(kTwoOutputs, "");
  auto per_output = matched(model, {});
  EXPECT_EQ(per_output, (std::vector<const InputShape*>{nullptr, nullptr}));
}

TEST(MatchLabels, RefusesNamesThatAreNoOutputAndTooManyLabels) {
  Model model = read_model(kTwoOutputs, "");
  CheckOptions options;
  options.labels.push_back(labels("x", "x.npy", {100}));  // an input, not an output
  EXPECT_EQ(match_error(model, options),
            "--labels names \"x\", but the model's outputs are: priority, department");
  options.labels = {labels("", "a.npy", {100}), labels("", "b.npy", {100}),
                    labels("", "c.npy", {100})};
  EXPECT_EQ(match_error(model, options),
            "more --labels than the model has outputs (2: priority, department)");
  options.labels = {labels("priority", "a.npy", {100}), labels("priority", "b.npy", {100})};
  EXPECT_EQ(match_error(model, options),
            "--labels gives output 'priority' two labels: a.npy and b.npy");
  Model one = read_model(kOneOutput, "");
  options.labels = {labels("", "a.npy", {100}), labels("", "b.npy", {100})};
  EXPECT_EQ(match_error(one, options), "--labels gives output 'dense' two labels: a.npy and b.npy");
}

TEST(MatchLabels, AnNpzGivenWholeGoesByTheNamesOfItsArrays) {
  Model model = read_model(kTwoOutputs, "");
  CheckOptions options;
  options.label_archives.push_back(archive("y.npz", {"department", "priority", "extra"}));
  auto per_output = matched(model, options);
  EXPECT_EQ(per_output[0]->source, "y.npz:priority");
  EXPECT_EQ(per_output[1]->source, "y.npz:department");
  // A --labels naming an output wins over the archive's array of that name.
  options.labels.push_back(labels("department", "d.npy", {100, 3}));
  EXPECT_EQ(matched(model, options)[1]->source, "d.npy");
  options = {};
  options.label_archives.push_back(archive("y.npz", {"a", "b"}));
  EXPECT_EQ(match_error(model, options),
            "y.npz holds the arrays a, b, none named after the model's outputs (priority, "
            "department); to use one of them, use --labels OUTPUT=y.npz:KEY");
}

TEST(MatchLabels, OneOutputTakesYOrTheOnlyArray) {
  Model model = read_model(kOneOutput, "");
  CheckOptions options;
  options.label_archives.push_back(archive("d.npz", {"x", "y"}));
  EXPECT_EQ(matched(model, options)[0]->source, "d.npz:y");
  options.label_archives = {archive("d.npz", {"arr_0"})};
  EXPECT_EQ(matched(model, options)[0]->source, "d.npz:arr_0");
  options.label_archives = {archive("d.npz", {"dense", "y"})};  // the output's own name first
  EXPECT_EQ(matched(model, options)[0]->source, "d.npz:dense");
  options.label_archives = {archive("d.npz", {"a", "b"})};
  EXPECT_EQ(match_error(model, options),
            "d.npz holds the arrays a, b, none named \"y\" or after the model's output (dense); to "
            "use one of them, use --labels d.npz:a");
}

TEST(MatchLabels, TheYOfDataGivenWholeIsTheLabelsOfTheOnlyOutput) {
  // np.savez("d.npz", x=x, y=y); dimsum check model.json --data d.npz
  Model model = read_model(kOneOutput, "");
  CheckOptions options;
  options.data_archives.push_back(archive("d.npz", {"x", "y"}));
  EXPECT_EQ(matched(model, options)[0]->source, "d.npz:y");
  options.labels.push_back(labels("", "labels.npy", {100}));  // --labels wins
  EXPECT_EQ(matched(model, options)[0]->source, "labels.npy");
  // Not for a model with two outputs: which would it be?
  Model two = read_model(kTwoOutputs, "");
  options = {};
  options.data_archives.push_back(archive("d.npz", {"x", "y"}));
  EXPECT_EQ(matched(two, options), (std::vector<const InputShape*>{nullptr, nullptr}));
}

TEST(MatchLabels, LossFlagsNameOutputs) {
  Model model = read_model(kTwoOutputs, "");
  CheckOptions options;
  LossChoice loss;
  std::string error;
  ASSERT_TRUE(parse_loss("department=sparse_categorical_crossentropy", loss, error));
  options.losses.push_back(loss);
  ASSERT_TRUE(parse_loss("mse", loss, error));
  options.losses.push_back(loss);
  matched(model, options);
  ASSERT_TRUE(parse_loss("dept=mse", loss, error));
  options.losses.push_back(loss);
  EXPECT_EQ(match_error(model, options),
            "--loss names \"dept\", but the model's outputs are: priority, department");
  options.losses.pop_back();
  ASSERT_TRUE(parse_loss("department=mae", loss, error));
  options.losses.push_back(loss);
  EXPECT_EQ(match_error(model, options), "--loss gives output 'department' two losses");
  options.losses = {options.losses[1], options.losses[1]};
  EXPECT_NE(match_error(model, options).find("--loss is given twice without an output name"),
            std::string::npos);
}

// Keras 3: config.json holds the model's serialization, with "compile_config" beside "config"
// (serialization_lib.get_build_and_compile_config): the compile() arguments, serialized. A loss
// or metric passed as a string stays one; an object is {module, class_name, config,
// registered_name}; a function is {class_name: "function", config: its name}.
TEST(CompileConfig, Keras3ArchiveConfig) {
  Model model = read_model(kOneOutput, R"(, "compile_config": {
    "optimizer": "adam", "loss": {"module": "keras.losses", "class_name": "CategoricalCrossentropy",
      "config": {"name": "categorical_crossentropy", "reduction": "sum_over_batch_size",
                 "from_logits": true, "label_smoothing": 0.0, "axis": -1},
      "registered_name": null},
    "loss_weights": null, "metrics": ["accuracy", {"module": "keras.metrics",
      "class_name": "function", "config": "top_k_categorical_accuracy",
      "registered_name": "top_k_categorical_accuracy"}],
    "weighted_metrics": null, "run_eagerly": false, "steps_per_execution": 1, "jit_compile": false})");
  ASSERT_EQ(model.losses.size(), 1u);
  EXPECT_EQ(model.losses[0].output, "");
  EXPECT_EQ(model.losses[0].name, "CategoricalCrossentropy");
  EXPECT_TRUE(model.losses[0].from_logits);
  EXPECT_EQ(model.losses[0].custom, "");
  ASSERT_EQ(model.metrics.size(), 2u);
  EXPECT_EQ(model.metrics[0].name, "accuracy");
  EXPECT_EQ(model.metrics[0].output, "");
  EXPECT_EQ(model.metrics[1].name, "top_k_categorical_accuracy");
}

TEST(CompileConfig, Keras3StringsFunctionsAndCustomLosses) {
  Model model = read_model(kOneOutput, R"(, "compile_config": {"loss": "mse", "metrics": null})");
  ASSERT_EQ(model.losses.size(), 1u);
  EXPECT_EQ(model.losses[0].name, "mse");
  EXPECT_TRUE(model.metrics.empty());
  model = read_model(kOneOutput, R"(, "compile_config": {"loss": {"module": "keras.losses",
    "class_name": "function", "config": "mean_squared_error", "registered_name": "mean_squared_error"}})");
  EXPECT_EQ(model.losses.at(0).name, "mean_squared_error");
  // A registered custom function (saving_lib_test's my_custom_package>my_mean_squared_error),
  // an unregistered one (module null: it was __main__'s), a custom class.
  const std::pair<const char*, const char*> custom[] = {
      {R"({"module": "my_custom_package", "class_name": "function", "config": "my_custom_package>my_mean_squared_error", "registered_name": "my_custom_package>my_mean_squared_error"})",
       "my_mean_squared_error"},
      {R"({"module": null, "class_name": "function", "config": "dice_loss", "registered_name": "dice_loss"})",
       "dice_loss"},
      {R"({"module": null, "class_name": "DiceLoss", "config": {}, "registered_name": "Custom>DiceLoss"})",
       "DiceLoss"},
      {R"("Custom>dice_loss")", "dice_loss"}};
  for (auto [loss, name] : custom) {
    model = read_model(kOneOutput, std::string(R"(, "compile_config": {"loss": )") + loss + "}");
    ASSERT_EQ(model.losses.size(), 1u) << loss;
    EXPECT_EQ(model.losses[0].name, "") << loss;
    EXPECT_EQ(model.losses[0].custom, fmt::format("the loss '{}' saved with the model, which "
                                                  "dimsum does not know",
                                                  name))
        << loss;
  }
  model = read_model(kOneOutput, R"(, "compile_config": {"loss": {"class_name": "__lambda__",
    "config": {"value": ["4wEAAAAAAAAA", null, null]}}})");
  EXPECT_EQ(model.losses.at(0).custom,
            "the loss 'lambda' saved with the model, which dimsum does not know");
}

TEST(CompileConfig, LossesAndMetricsPerOutput) {
  // A list: one loss per output, in output order; a dict: by output name.
  Model model = read_model(kTwoOutputs, R"(, "compile_config": {
    "loss": ["binary_crossentropy", "sparse_categorical_crossentropy"],
    "metrics": {"department": ["accuracy"], "priority": "AUC"}})");
  ASSERT_EQ(model.losses.size(), 2u);
  EXPECT_EQ(model.losses[0].output, "priority");
  EXPECT_EQ(model.losses[0].name, "binary_crossentropy");
  EXPECT_EQ(model.losses[1].output, "department");
  EXPECT_EQ(model.losses[1].name, "sparse_categorical_crossentropy");
  ASSERT_EQ(model.metrics.size(), 2u);
  EXPECT_EQ(model.metrics[0].output, "department");
  EXPECT_EQ(model.metrics[0].name, "accuracy");
  EXPECT_EQ(model.metrics[1].output, "priority");
  model = read_model(kTwoOutputs, R"(, "compile_config": {
    "loss": {"department": {"module": "keras.losses", "class_name": "SparseCategoricalCrossentropy",
                            "config": {"from_logits": true}, "registered_name": null},
             "priority": "mse"},
    "metrics": [["mae"], null]})");
  ASSERT_EQ(model.losses.size(), 2u);
  EXPECT_EQ(model.losses[0].output, "department");
  EXPECT_TRUE(model.losses[0].from_logits);
  EXPECT_EQ(model.losses[1].output, "priority");
  EXPECT_FALSE(model.losses[1].from_logits);
  ASSERT_EQ(model.metrics.size(), 1u);
  EXPECT_EQ(model.metrics[0].output, "priority");
  EXPECT_EQ(model.metrics[0].name, "mae");
  // One loss for a model with two outputs: Keras uses it for every output.
  model =
      read_model(kTwoOutputs, R"(, "compile_config": {"loss": "mse", "metrics": ["mae", "mse"]})");
  ASSERT_EQ(model.losses.size(), 1u);
  EXPECT_EQ(model.losses[0].output, "");
  // Keras 3: a flat list as long as the outputs gives one metric per output
  // (compile_utils.CompileMetrics._build_metrics_set).
  ASSERT_EQ(model.metrics.size(), 2u);
  EXPECT_EQ(model.metrics[0].output, "priority");
  EXPECT_EQ(model.metrics[1].output, "department");
}

// tf.keras 2 and standalone Keras: the .h5 file's "training_config" attribute
// (saving_utils.model_metadata): the compile arguments, objects as {class_name, config}, and,
// after fit, the metrics as tf.keras built them: one list per output of MeanMetricWrapper objects.
TEST(CompileConfig, TfKeras2TrainingConfig) {
  Model model = read_model(kTwoOutputs, "");
  json::Document doc;
  std::string error;
  ASSERT_TRUE(doc.parse(R"({"loss": {"class_name": "SparseCategoricalCrossentropy",
      "config": {"reduction": "auto", "name": "sparse_categorical_crossentropy", "from_logits": true,
                 "ignore_class": null}},
    "metrics": [[{"class_name": "MeanMetricWrapper", "config": {"name": "accuracy", "dtype": "float32",
                  "fn": "sparse_categorical_accuracy"}}], []],
    "weighted_metrics": null, "loss_weights": null,
    "optimizer_config": {"class_name": "Adam", "config": {"learning_rate": 0.001}}})",
                        error))
      << error;
  read_compile_config(doc.root(), /*keras3=*/false, model);
  ASSERT_EQ(model.losses.size(), 1u);
  EXPECT_EQ(model.losses[0].name, "SparseCategoricalCrossentropy");
  EXPECT_TRUE(model.losses[0].from_logits);
  ASSERT_EQ(model.metrics.size(), 1u);
  EXPECT_EQ(model.metrics[0].output, "priority");
  EXPECT_EQ(model.metrics[0].name, "sparse_categorical_accuracy");
  // tf.keras 2 gives each metric of a flat list to every output.
  ASSERT_TRUE(doc.parse(R"({"loss": "mse", "metrics": ["mae", "mse"]})", error));
  read_compile_config(doc.root(), /*keras3=*/false, model);
  ASSERT_EQ(model.metrics.size(), 2u);
  EXPECT_EQ(model.metrics[0].output, "");
  EXPECT_EQ(model.metrics[1].output, "");
  // What is no compile config is left out, never an error.
  ASSERT_TRUE(doc.parse(R"({"loss": 3, "metrics": {"priority": 7}})", error));
  read_compile_config(doc.root(), /*keras3=*/false, model);
  ASSERT_EQ(model.losses.size(), 1u);
  EXPECT_EQ(model.losses[0].custom, "the loss saved with the model, which dimsum does not know");
  EXPECT_TRUE(model.metrics.empty());
}

TEST(CompileConfig, TensorFlowJsModelJson) {
  // model.json: "trainingConfig" beside "modelTopology" (tfjs-core io_utils).
  Model model =
      read_model(std::string(R"({"format": "layers-model", "modelTopology": )") + kOneOutput +
                 R"(}, "trainingConfig": {"loss": "categorical_crossentropy",
                              "metrics": ["accuracy"], "optimizer_config": {}}})");
  ASSERT_EQ(model.losses.size(), 1u);
  EXPECT_EQ(model.losses[0].name, "categorical_crossentropy");
  ASSERT_EQ(model.metrics.size(), 1u);
}

// An .h5 file as tf.keras 2 writes it: model_config and training_config as root attributes,
// json.dumps(...).encode("utf8") (fixed-length strings); h5py writes a Python str as a
// variable-length one.
void write_attribute(hid_t file, const char* name, const std::string& text, bool variable) {
  hid_t type = H5Tcopy(H5T_C_S1);
  const char* data = text.c_str();
  if (variable) {
    H5Tset_size(type, H5T_VARIABLE);
    H5Tset_cset(type, H5T_CSET_UTF8);
  } else {
    H5Tset_size(type, text.size());
  }
  hid_t space = H5Screate(H5S_SCALAR);
  hid_t attribute = H5Acreate2(file, name, type, space, H5P_DEFAULT, H5P_DEFAULT);
  if (variable) {
    H5Awrite(attribute, type, &data);
  } else {
    H5Awrite(attribute, type, data);
  }
  H5Aclose(attribute);
  H5Sclose(space);
  H5Tclose(type);
}

TEST(CompileConfig, Hdf5TrainingConfig) {
  std::string path = ::testing::TempDir() + "dimsum_compiled.h5";
  for (bool variable : {false, true}) {
    hid_t file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    ASSERT_GE(file, 0);
    write_attribute(file, "keras_version", "2.15.0", variable);
    write_attribute(file, "model_config", std::string(kTwoOutputs) + "}", variable);
    write_attribute(file, "training_config",
                    R"({"loss": {"priority": "binary_crossentropy", "department":
                        {"class_name": "CategoricalCrossentropy", "config": {"from_logits": false}}},
                        "metrics": ["accuracy"], "weighted_metrics": null, "loss_weights": null,
                        "optimizer_config": {"class_name": "Adam", "config": {}}})",
                    variable);
    H5Fclose(file);
    std::vector<SourceModel> models;
    std::string error;
    ASSERT_TRUE(read_model_sources(path, kDefaultMaxFileSize, models, error)) << error;
    ASSERT_EQ(models.size(), 1u);
    const Model& model = models[0].model;
    ASSERT_EQ(model.losses.size(), 2u);
    EXPECT_EQ(model.losses[0].output, "priority");
    EXPECT_EQ(model.losses[0].name, "binary_crossentropy");
    EXPECT_EQ(model.losses[1].output, "department");
    EXPECT_EQ(model.losses[1].name, "CategoricalCrossentropy");
    ASSERT_EQ(model.metrics.size(), 1u);
    EXPECT_EQ(model.metrics[0].output, "");  // tf.keras 2: every output
  }
  // Without training_config (a model saved before compile), and with one that is not JSON.
  hid_t file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  write_attribute(file, "model_config", std::string(kOneOutput) + "}", true);
  H5Fclose(file);
  std::vector<SourceModel> models;
  std::string error;
  ASSERT_TRUE(read_model_sources(path, kDefaultMaxFileSize, models, error)) << error;
  EXPECT_TRUE(models.at(0).model.losses.empty());
  file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  write_attribute(file, "model_config", std::string(kOneOutput) + "}", true);
  write_attribute(file, "training_config", "{not json", true);
  H5Fclose(file);
  models.clear();
  ASSERT_TRUE(read_model_sources(path, kDefaultMaxFileSize, models, error)) << error;
  EXPECT_TRUE(models.at(0).model.losses.empty());
  std::remove(path.c_str());
}

// Checked against labels, a result says so: in JSON, label_shapes and losses (one per output,
// null where unknown); in the human formats, one line.
Result result_with_labels() {
  auto outcome = check_text(std::string(kTwoOutputs) + "}", "m.json", {});
  Result result = std::get<Result>(outcome);
  result.label_shapes = {Shape(Dims{Dim(100), Dim(1)}), Shape()};
  result.losses = {"binary_crossentropy", ""};
  return result;
}

TEST(LabelsReport, JsonHasLabelShapesAndLossesOnlyWithLabels) {
  Result result = result_with_labels();
  std::string json = render_json({&result});
  EXPECT_NE(json.find("\"label_shapes\": [\n    [100, 1],\n    null\n  ]"), std::string::npos)
      << json;
  EXPECT_NE(json.find("\"losses\": [\n    \"binary_crossentropy\",\n    null\n  ]"),
            std::string::npos)
      << json;
  result.label_shapes.clear();
  result.losses.clear();
  json = render_json({&result});
  EXPECT_EQ(json.find("label_shapes"), std::string::npos) << json;
  EXPECT_EQ(json.find("\"losses\""), std::string::npos) << json;
}

TEST(LabelsReport, HumanFormatsSayItInOneLine) {
  Result result = result_with_labels();
  std::string check = render_check(result, nullptr, {});
  // On the verdict's line: one line per result.
  EXPECT_NE(check.find("params; labels (100, 1) under binary_crossentropy, none\n"),
            std::string::npos)
      << check;
  std::string summary = render_summary(result, nullptr, {});
  EXPECT_NE(summary.find("\nLabels: (100, 1) under binary_crossentropy, none\n"), std::string::npos)
      << summary;
  result.label_shapes.clear();
  EXPECT_EQ(render_check(result, nullptr, {}).find("labels"), std::string::npos);
}

}  // namespace
}  // namespace dimsum
