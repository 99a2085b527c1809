#include "check/assume.h"

#include <fmt/format.h>

namespace dimsum {

namespace {

bool has_layer(const Model& model, const std::string& name) {
  for (const Layer& layer : model.layers) {
    if (layer.name == name && !layer.synthetic) return true;
    if (layer.submodel && has_layer(*layer.submodel, name)) return true;
  }
  return false;
}

}  // namespace

bool parse_assumed_shape(std::string_view spec, AssumedShape& out, std::string& error) {
  out = AssumedShape{};
  size_t eq = spec.find('=');
  if (eq == std::string_view::npos || eq == 0) {
    error = fmt::format(
        "invalid --assume \"{}\": expected LAYER=SHAPE, such as "
        "my_layer=?,32,32,16 (the batch axis first)",
        spec);
    return false;
  }
  InputShape shape;
  std::string shape_error;
  if (!parse_input_shape(spec.substr(eq + 1), shape, shape_error)) {
    error = fmt::format(
        "invalid --assume \"{}\": expected sizes such as ?,32,32,16 after '=' "
        "(non-negative integers, names such as H, ? or None)",
        spec);
    return false;
  }
  out.layer = std::string(spec.substr(0, eq));
  out.dims = std::move(shape.dims);
  return true;
}

bool check_assumed_layers(const Model& model, const std::vector<AssumedShape>& assumed,
                          std::string& error) {
  for (const AssumedShape& a : assumed) {
    if (has_layer(model, a.layer)) continue;
    error = fmt::format("--assume names \"{}\", but the model has no layer of that name", a.layer);
    return false;
  }
  return true;
}

}  // namespace dimsum
