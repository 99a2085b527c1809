// Lambda: a Python function dimsum cannot run. Its output is known only when the config states
// output_shape (the sizes after the batch axis, which Keras keeps from the input); otherwise it
// is unknown, with a warning that says how to state it.
#include <fmt/format.h>

#include "layers/checks.h"

namespace dimsum {

namespace {

// A list of sizes (integers or null), as Keras writes a shape without its batch axis.
bool is_sizes(const json::Value& v) {
  if (!v.is_array()) return false;
  for (const json::Value& item : v.items())
    if (!item.is_null() && !item.as_integer()) return false;
  return true;
}

Shape with_batch(Dim batch, const LayerConfig& config, const json::Value& sizes) {
  Dims dims{batch};
  for (const json::Value& item : sizes.items()) {
    if (item.is_null()) {
      dims.push_back(Dim::unknown());
      continue;
    }
    int64_t size = *item.as_integer();
    if (size < 0) config.fail(&item, fmt::format("'output_shape' has a negative size {}", size));
    dims.push_back(Dim(size));
  }
  return Shape(std::move(dims));
}

void lambda(const LayerCall& call, Outcome& out) {
  const json::Value* shape = call.config.raw("output_shape");
  // tf.keras 2 marks a shape given as a function with output_shape_type "lambda"/"function".
  bool raw = call.config.string("output_shape_type", "raw") == "raw";
  Dim batch = call.inputs[0].rank() > 0 ? call.inputs[0][0] : Dim::unknown();
  if (raw && shape && is_sizes(*shape)) {
    out.outputs = {with_batch(batch, call.config, *shape)};
    return;
  }
  if (raw && shape && shape->is_array() && !shape->items().empty()) {
    bool all_shapes = true;
    for (const json::Value& item : shape->items()) all_shapes = all_shapes && is_sizes(item);
    if (all_shapes) {
      for (const json::Value& item : shape->items())
        out.outputs.push_back(with_batch(batch, call.config, item));
      return;
    }
  }
  Diagnostic& d = out.warning(
      "DS0101", shape && !shape->is_null()
                    ? "the Lambda's output_shape is a Python function, which dimsum cannot run; "
                      "its output shape is unknown"
                    : "the Lambda has no output_shape and dimsum cannot run its Python function; "
                      "its output shape is unknown");
  d.help.push_back(
      fmt::format("to check the layers after it, state its output shape, batch axis "
                  "first: --assume {}=SHAPE, or give the Lambda output_shape=",
                  call.layer_name.empty() ? "LAYER" : call.layer_name));
  out.outputs = {Shape::unknown()};
}

}  // namespace

void register_lambda_layers(LayerRegistry& registry) { registry.add("Lambda", lambda); }

}  // namespace dimsum
