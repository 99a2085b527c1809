// Fuzzes --input-shape: the parser of the SPEC, then a few small models checked with every shape
// it accepts, so that hostile sizes (0, 2^63 - 1, unknown, symbolic) reach the layer rules and
// the domain solver. One SPEC per line of the input, as the flag is repeated.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "contract.h"

namespace {

using fuzz::require;

// Layer families whose rules multiply, divide and slide windows over the input sizes.
constexpr std::string_view kModels[] = {
    R"({"class_name": "Sequential", "config": {"name": "cnn", "layers": [
      {"class_name": "Conv2D", "config": {"name": "c", "filters": 8, "kernel_size": 3, "strides": 2}},
      {"class_name": "MaxPooling2D", "config": {"name": "p"}},
      {"class_name": "Flatten", "config": {"name": "f"}},
      {"class_name": "Dense", "config": {"name": "d", "units": 10}}]}})",
    R"({"class_name": "Sequential", "config": {"name": "rnn", "layers": [
      {"class_name": "Embedding", "config": {"name": "e", "input_dim": 100, "output_dim": 8}},
      {"class_name": "Bidirectional", "config": {"name": "b", "layer":
        {"class_name": "LSTM", "config": {"name": "l", "units": 4, "return_sequences": true}}}},
      {"class_name": "TimeDistributed", "config": {"name": "t", "layer":
        {"class_name": "Dense", "config": {"name": "td", "units": 3}}}}]}})",
    R"({"class_name": "Sequential", "config": {"name": "reshape", "layers": [
      {"class_name": "Reshape", "config": {"name": "r", "target_shape": [-1, 2]}},
      {"class_name": "UpSampling1D", "config": {"name": "u", "size": 3}},
      {"class_name": "ZeroPadding1D", "config": {"name": "z", "padding": 2}},
      {"class_name": "Cropping1D", "config": {"name": "k", "cropping": 1}},
      {"class_name": "Conv1D", "config": {"name": "c", "filters": 2, "kernel_size": 2,
                                          "dilation_rate": 3, "padding": "causal"}},
      {"class_name": "BatchNormalization", "config": {"name": "n"}},
      {"class_name": "GlobalAveragePooling1D", "config": {"name": "g"}}]}})",
    R"({"class_name": "Functional", "config": {"name": "two", "layers": [
      {"class_name": "InputLayer", "config": {"name": "a", "batch_input_shape": [null, 4]},
       "name": "a", "inbound_nodes": []},
      {"class_name": "InputLayer", "config": {"name": "b", "batch_input_shape": [null, 4]},
       "name": "b", "inbound_nodes": []},
      {"class_name": "Add", "config": {"name": "s"}, "name": "s",
       "inbound_nodes": [[["a", 0, 0, {}], ["b", 0, 0, {}]]]},
      {"class_name": "Concatenate", "config": {"name": "j"}, "name": "j",
       "inbound_nodes": [[["s", 0, 0, {}], ["a", 0, 0, {}]]]}],
     "input_layers": [["a", 0, 0], ["b", 0, 0]], "output_layers": [["j", 0, 0]]}})",
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view specs(reinterpret_cast<const char*>(data), size);
  dimsum::CheckOptions options;
  while (!specs.empty()) {
    size_t end = specs.find('\n');
    std::string_view spec = specs.substr(0, end);
    dimsum::InputShape shape;
    std::string error;
    if (!dimsum::parse_input_shape(spec, shape, error)) {
      require(!error.empty(), "a rejected shape without a message");
      return 0;
    }
    require(!shape.dims.empty(), "an accepted shape without sizes");
    for (dimsum::Dim d : shape.dims) require(!d.known() || d.value() >= 0, "a negative size");
    options.input_shapes.push_back(std::move(shape));
    if (end == std::string_view::npos) break;
    specs.remove_prefix(end + 1);
  }
  for (std::string_view model : kModels) {
    auto outcome = dimsum::check_text(std::string(model), "model.json", options);
    if (auto* result = std::get_if<dimsum::Result>(&outcome)) {
      fuzz::check_result(*result);
      // Names in the shapes make sizes symbolic: the domain of each is solved and rendered.
      dimsum::Domain domain = dimsum::solve_domain(*result);
      fuzz::render_all(*result, &domain);
      for (const dimsum::SymbolDomain& d : domain.symbols) {
        require(d.kind != dimsum::SymbolDomain::Kind::kPeriodic || d.smallest.has_value(),
                "endless sizes that work but no smallest");
        require(!d.smallest || d.contains(*d.smallest), "a smallest size that does not work");
      }
      dimsum::render_domain(*result, domain);
      dimsum::render_domain_json({{result, domain}});
    }
  }
  return 0;
}
