#include "layers/config.h"

#include <fmt/format.h>

namespace dimsum {

LayerConfig::LayerConfig(const json::Value* object, uint32_t fallback_offset)
    : object_(object), offset_(fallback_offset) {}

void LayerConfig::fail(const json::Value* at, std::string message) const {
  throw ConfigError(at ? at->offset : offset_, std::move(message));
}

const json::Value* LayerConfig::raw(std::string_view key) const {
  return object_ && object_->is_object() ? object_->find(key) : nullptr;
}

// Each accessor looks its key up once: a lookup scans the config's members, a few cache lines
// per layer that a large graph has not touched since it was parsed.
const json::Value* LayerConfig::given(std::string_view key) const {
  const json::Value* v = raw(key);
  return v && !v->is_null() ? v : nullptr;
}

bool LayerConfig::has(std::string_view key) const { return given(key) != nullptr; }

const json::Value& LayerConfig::require(std::string_view key) const {
  const json::Value* v = given(key);
  if (!v) fail(object_, fmt::format("missing '{}'", key));
  return *v;
}

int64_t LayerConfig::to_integer(std::string_view key, const json::Value& v) const {
  auto i = v.as_integer();
  if (!i) {
    if (v.is_number()) fail(&v, fmt::format("'{}' must be an integer, got {}", key, v.text()));
    fail(&v, fmt::format("'{}' must be an integer, got {}", key, json::kind_name(v.kind)));
  }
  return *i;
}

int64_t LayerConfig::integer(std::string_view key) const { return to_integer(key, require(key)); }

int64_t LayerConfig::integer(std::string_view key, int64_t fallback) const {
  return optional_integer(key).value_or(fallback);
}

std::optional<int64_t> LayerConfig::optional_integer(std::string_view key) const {
  const json::Value* v = given(key);
  if (!v) return std::nullopt;
  return to_integer(key, *v);
}

double LayerConfig::number(std::string_view key, double fallback) const {
  const json::Value* v = given(key);
  if (!v) return fallback;
  auto d = v->as_double();
  if (!d) fail(v, fmt::format("'{}' must be a number, got {}", key, json::kind_name(v->kind)));
  return *d;
}

bool LayerConfig::boolean(std::string_view key, bool fallback) const {
  const json::Value* v = given(key);
  if (!v) return fallback;
  if (v->kind != json::Kind::kBool)
    fail(v, fmt::format("'{}' must be true or false, got {}", key, json::kind_name(v->kind)));
  return v->boolean;
}

std::string LayerConfig::string(std::string_view key, std::string_view fallback) const {
  const json::Value* v = given(key);
  if (!v) return std::string(fallback);
  if (!v->is_string())
    fail(v, fmt::format("'{}' must be a string, got {}", key, json::kind_name(v->kind)));
  return std::string(v->text());
}

std::vector<int64_t> LayerConfig::ints(std::string_view key, size_t n, int64_t fallback) const {
  const json::Value* v = given(key);
  return v ? ints_of(key, *v, n) : std::vector<int64_t>(n, fallback);
}

std::vector<int64_t> LayerConfig::ints(std::string_view key, size_t n) const {
  return ints_of(key, require(key), n);
}

std::vector<int64_t> LayerConfig::ints_of(std::string_view key, const json::Value& v,
                                          size_t n) const {
  if (v.is_number()) return std::vector<int64_t>(n, to_integer(key, v));
  if (!v.is_array() || v.items().size() != n)
    fail(&v, fmt::format("'{}' must be an integer or a list of {} integers", key, n));
  std::vector<int64_t> out;
  for (const json::Value& item : v.items()) out.push_back(to_integer(key, item));
  return out;
}

std::vector<int64_t> LayerConfig::int_list(std::string_view key) const {
  const json::Value& v = require(key);
  if (!v.is_array()) fail(&v, fmt::format("'{}' must be a list of integers", key));
  std::vector<int64_t> out;
  for (const json::Value& item : v.items()) out.push_back(to_integer(key, item));
  return out;
}

std::optional<Dims> LayerConfig::shape(std::string_view key) const {
  const json::Value* v = given(key);
  if (!v) return std::nullopt;
  if (!v->is_array()) fail(v, fmt::format("'{}' must be a list of sizes", key));
  Dims dims;
  for (const json::Value& item : v->items()) {
    if (item.is_null()) {
      dims.push_back(Dim::unknown());
      continue;
    }
    int64_t size = to_integer(key, item);
    if (size < 0) fail(&item, fmt::format("'{}' has a negative size {}", key, size));
    dims.push_back(Dim(size));
  }
  return dims;
}

Padding LayerConfig::padding(bool allow_causal) const {
  std::string p = string("padding", "valid");
  for (char& c : p) c = static_cast<char>(std::tolower(c));
  if (p == "valid") return Padding::kValid;
  if (p == "same") return Padding::kSame;
  if (p == "causal" && allow_causal) return Padding::kCausal;
  fail(
      raw("padding"),
      fmt::format("'padding' must be {}, got \"{}\"",
                  allow_causal ? "\"valid\", \"same\" or \"causal\"" : "\"valid\" or \"same\"", p));
}

bool LayerConfig::channels_first() const {
  std::string f = string("data_format", "channels_last");
  if (f == "channels_last") return false;
  if (f == "channels_first") return true;
  fail(raw("data_format"),
       fmt::format("'data_format' must be \"channels_last\" or \"channels_first\", got \"{}\"", f));
}

const json::Value& LayerConfig::nested_layer(std::string_view key) const {
  const json::Value& v = require(key);
  if (!v.is_object() || !v.find("class_name") || !v.find("class_name")->is_string())
    fail(&v,
         fmt::format("'{}' must be a layer: an object with \"class_name\" and \"config\"", key));
  return v;
}

}  // namespace dimsum
