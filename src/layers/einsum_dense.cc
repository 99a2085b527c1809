// EinsumDense: a Dense whose kernel and output are described by an einsum equation such as
// "abc,cd->abd", with an optional "..." for the leading (or trailing) axes of the input, a
// partial output_shape (without the batch axis) and bias_axes. Follows Keras'
// _analyze_einsum_string; an output size left None is taken from the input where the equation
// carries it over (the size the call produces).
#include <fmt/format.h>

#include <regex>

#include "layers/checks.h"

namespace dimsum {

namespace {

struct Equation {
  std::string input, weight, output;
  bool left_elided = false;  // "...ab,bc->...ac"
};

std::optional<Equation> parse_equation(const std::string& text) {
  static const std::regex plain("([a-zA-Z]+),([a-zA-Z]+)->([a-zA-Z]+)");
  static const std::regex left(R"(\.\.\.([a-zA-Z]+),([a-zA-Z]+)->\.\.\.([a-zA-Z]+))");
  static const std::regex right(R"(([a-zA-Z]{2,})\.\.\.,([a-zA-Z]+)->([a-zA-Z]+)\.\.\.)");
  std::smatch m;
  if (std::regex_match(text, m, plain)) return Equation{m[1], m[2], m[3], false};
  if (std::regex_match(text, m, left)) return Equation{m[1], m[2], m[3], true};
  if (std::regex_match(text, m, right)) return Equation{m[1], m[2], m[3], false};
  return std::nullopt;
}

// output_shape: an int or a list of sizes (null for one taken from the input).
Dims partial_output(const LayerConfig& config) {
  const json::Value* v = config.raw("output_shape");
  if (v && v->is_number()) return {Dim(config.integer("output_shape"))};
  return config.shape("output_shape").value_or(Dims{});
}

void config_error(Outcome& out, std::string message, std::string help) {
  Diagnostic& d = out.error("DS0008", Cause::kLayerMisconfiguration, std::move(message));
  d.help.push_back(std::move(help));
}

void einsum_dense(const LayerCall& call, Outcome& out) {
  std::string text = call.config.string("equation", "");
  auto eq = parse_equation(text);
  if (!eq) {
    return config_error(out,
                        fmt::format("the einsum equation \"{}\" is not of a form EinsumDense "
                                    "takes",
                                    text),
                        "write it as \"ab,bc->ac\", \"...b,bc->...c\" or \"ab...,bc->ac...\"");
  }
  const Shape& in = call.inputs[0];
  if (in.rank() < eq->input.size() ||
      (in.rank() > eq->input.size() && text.find("...") == std::string::npos)) {
    Diagnostic& d = out.error(
        "DS0002",
        call.input_is_data() ? Cause::kIncompatibleInputData : Cause::kLayerMisconfiguration,
        fmt::format("the equation \"{}\" names {} input axes, but the input has rank {} {}", text,
                    eq->input.size(), in.rank(), to_string(in)));
    d.help.push_back("give the input one axis per letter of the equation's input, or use \"...\"");
    return;
  }
  size_t elided = in.rank() - eq->input.size();
  // The output shape, batch axis first, as _analyze_split_string lays it out.
  Dims output = partial_output(call.config);
  output.insert(output.begin(), in[0]);
  if (elided > 0 && eq->left_elided)
    for (size_t i = 1; i < elided; ++i) output.insert(output.begin() + 1, in[i]);
  else if (elided > 0)
    for (size_t i = in.rank() - elided; i < in.rank(); ++i) output.push_back(in[i]);
  size_t out_offset = eq->left_elided ? elided : 0;
  if (output.size() != eq->output.size() + elided) {
    return config_error(out,
                        fmt::format("output_shape has {} sizes, but the equation \"{}\" has {} "
                                    "output axes besides the batch axis",
                                    output.size() - 1 - elided, text, eq->output.size() - 1),
                        "give output_shape one size per output axis, without the batch axis");
  }
  auto input_axis = [&](char c) -> std::optional<size_t> {
    size_t i = eq->input.find(c);
    if (i == std::string::npos) return std::nullopt;
    return i + out_offset;
  };
  auto output_axis = [&](char c) -> std::optional<size_t> {
    size_t i = eq->output.find(c);
    if (i == std::string::npos) return std::nullopt;
    return i + out_offset;
  };
  for (char c : eq->input) {
    auto o = output_axis(c);
    if (!o) continue;
    Dim want = output[*o], have = in[*input_axis(c)];
    if (want.known() && have.known() && want != have) {
      return config_error(out,
                          fmt::format("output_shape gives axis '{}' size {}, but the input's "
                                      "size there is {}",
                                      c, want.value(), have.value()),
                          fmt::format("set that output size to {}, or to None", have.value()));
    }
    output[*o] = have;
  }
  for (char c : eq->output) {
    if (eq->input.find(c) == std::string::npos && eq->weight.find(c) == std::string::npos)
      return config_error(out,
                          fmt::format("output axis '{}' of \"{}\" is in neither the input nor the "
                                      "kernel",
                                      c, text),
                          "name every output axis in the input or in the kernel");
  }
  std::optional<int64_t> kernel = 1, contracted = 1;
  for (char c : eq->weight) {
    Dim size;
    if (auto o = output_axis(c)) {
      size = output[*o];
    } else if (auto i = input_axis(c)) {
      size = in[*i];
      contracted = maybe_product({contracted, dims_product({size})});
    } else {
      return config_error(out,
                          fmt::format("kernel axis '{}' of \"{}\" is in neither the input nor the "
                                      "output",
                                      c, text),
                          "name every kernel axis in the input or in the output");
    }
    if (!require_known(call, out, size, fmt::format("size of axis '{}'", c))) return;
    kernel = maybe_product({kernel, size.value()});
  }
  std::string bias_axes = call.config.string("bias_axes", "");
  std::optional<int64_t> bias = bias_axes.empty() ? 0 : 1;
  for (char c : bias_axes) {
    auto o = output_axis(c);
    if (!o)
      return config_error(out,
                          fmt::format("bias axis '{}' is not an output axis of \"{}\"", c, text),
                          "take bias_axes from the output's letters");
    if (!require_known(call, out, output[*o], fmt::format("size of axis '{}'", c))) return;
    bias = maybe_product({bias, output[*o].value()});
  }
  out.params = sum({kernel, bias});
  if (!out.params) return report_overflow(out, "parameter count");
  out.macs = maybe_product({dims_product(Dims(output.begin() + 1, output.end())), contracted});
  out.outputs = {Shape(std::move(output))};
}

}  // namespace

void register_einsum_dense_layers(LayerRegistry& registry) {
  registry.add("EinsumDense", einsum_dense);
}

}  // namespace dimsum
