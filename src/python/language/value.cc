#include "python/language/value.h"

#include <unordered_set>

#include <cmath>

namespace dimsum::python {

int64_t Value::length() const {
  if (!items) return 0;
  return repeat ? *repeat : static_cast<int64_t>(items->size());
}

const Value& Value::item(int64_t index) const {
  return repeat ? items->front() : (*items)[static_cast<size_t>(index)];
}

Value unknown(std::string why, uint32_t offset) {
  Value v;
  v.text = std::move(why);
  v.offset = offset;
  return v;
}

Value moved(Value unknown_value, uint32_t offset) {
  unknown_value.offset = offset;
  return unknown_value;
}

Value none(uint32_t offset) {
  Value v;
  v.kind = Kind::kNone;
  v.offset = offset;
  return v;
}

Value boolean(bool b, uint32_t offset) {
  Value v;
  v.kind = Kind::kBool;
  v.boolean = b;
  v.integer = b ? 1 : 0;
  v.offset = offset;
  return v;
}

Value integer(int64_t i, uint32_t offset) {
  Value v;
  v.kind = Kind::kInt;
  v.integer = i;
  v.offset = offset;
  return v;
}

Value real(double d, uint32_t offset) {
  Value v;
  v.kind = Kind::kFloat;
  v.real = d;
  v.offset = offset;
  return v;
}

Value string(std::string s, uint32_t offset) {
  Value v;
  v.kind = Kind::kStr;
  v.text = std::move(s);
  v.offset = offset;
  return v;
}

Value sequence(Kind kind, std::vector<Value> items, uint32_t offset) {
  Value v;
  v.kind = kind;
  v.items = std::make_shared<std::vector<Value>>(std::move(items));
  v.offset = offset;
  return v;
}

Value module(std::string path, uint32_t offset) {
  Value v;
  v.kind = Kind::kModule;
  v.text = std::move(path);
  v.offset = offset;
  return v;
}

Value data(std::optional<Dims> shape, uint32_t offset, ops::DType dtype) {
  Value v;
  v.kind = Kind::kData;
  v.dtype = dtype;
  v.shape = std::move(shape);
  v.offset = offset;
  return v;
}

std::optional<bool> equal(const Value& a, const Value& b) { return equal(a, b, 0); }

std::optional<bool> equal(const Value& a, const Value& b, int depth) {
  if (!a.known() || !b.known() || depth > kMaxNesting) return std::nullopt;
  if (a.is_number() && b.is_number()) {
    if (a.kind == Kind::kFloat || b.kind == Kind::kFloat) {
      double x = a.kind == Kind::kFloat ? a.real : static_cast<double>(a.integer);
      double y = b.kind == Kind::kFloat ? b.real : static_cast<double>(b.integer);
      return x == y;
    }
    return a.integer == b.integer;
  }
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Kind::kNone:
    case Kind::kEllipsis: return true;
    case Kind::kStr:
    case Kind::kModule: return a.text == b.text;
    case Kind::kTuple:
    case Kind::kList: {
      if (a.length() != b.length()) return false;
      for (int64_t i = 0; i < a.length(); ++i) {
        auto same = equal(a.item(i), b.item(i), depth + 1);
        if (!same || !*same) return same;
      }
      return true;
    }
    case Kind::kLayer: return a.layer == b.layer;
    case Kind::kModel: return a.model == b.model;
    case Kind::kTensor: return a.layer == b.layer && a.node == b.node && a.tensor == b.tensor;
    case Kind::kFunction: return a.function == b.function;
    case Kind::kClass:
    case Kind::kInstance: return a.class_object == b.class_object && a.offset == b.offset;
    default: return std::nullopt;  // data, datasets, dicts: not compared
  }
}

std::optional<int64_t> class_count(const std::optional<IntRange>& values,
                                   std::optional<int64_t> samples) {
  if (!values || values->low != 0 || values->high < 1) return std::nullopt;
  if (values->every) return values->high;
  if (samples && *samples / 64 >= values->high) return values->high;
  return std::nullopt;
}

bool unchanged(const Value& before, const Value& after) {
  if (before.kind != after.kind) return false;
  switch (before.kind) {
    case Kind::kUnknown: return before.text == after.text;
    case Kind::kData:
    case Kind::kDataset:
      return before.offset == after.offset && before.shape == after.shape &&
             before.dtype == after.dtype && before.batch == after.batch &&
             before.samples == after.samples;
    case Kind::kList:
    case Kind::kDict: return before.items == after.items;
    default: {
      auto same = equal(before, after);
      return same && *same;
    }
  }
}

std::optional<bool> truth(const Value& v) {
  switch (v.kind) {
    case Kind::kUnknown: return std::nullopt;
    case Kind::kNone: return false;
    case Kind::kBool:
    case Kind::kInt: return v.integer != 0;
    case Kind::kFloat: return v.real != 0;
    case Kind::kStr: return !v.text.empty();
    case Kind::kTuple:
    case Kind::kList:
    case Kind::kDict: return v.length() != 0;
    case Kind::kData:
    case Kind::kDataset: return std::nullopt;
    default: return true;
  }
}

std::optional<Dim> as_dim(const Value& v) {
  if (v.kind == Kind::kNone) return Dim::unknown();
  if (v.kind == Kind::kInt && v.integer >= 0) return Dim(v.integer);
  if (v.kind == Kind::kFloat && std::isfinite(v.real) && std::floor(v.real) == v.real &&
      v.real >= 0 && v.real < 9.2e18)
    return Dim(static_cast<int64_t>(v.real));
  return std::nullopt;
}

std::optional<Dims> as_shape(const Value& v) {
  if (v.kind == Kind::kInt) {
    auto d = as_dim(v);
    if (!d) return std::nullopt;
    return Dims{*d};
  }
  if (!v.is_sequence()) return std::nullopt;
  Dims dims;
  for (int64_t i = 0; i < v.length(); ++i) {
    auto d = as_dim(v.item(i));
    if (!d) return std::nullopt;
    dims.push_back(*d);
  }
  return dims;
}

bool is_tensor_list(const Value& v) {
  if (v.kind == Kind::kTensor) return true;
  if (!v.is_sequence() || v.length() == 0 || v.repeat) return false;
  for (const Value& item : *v.items)
    if (item.kind != Kind::kTensor) return false;
  return true;
}

// The tensors in a tensor, a list of them or a dict of them; false if anything else is there.
bool collect_tensors(const Value& v, std::vector<TensorArg>& out, std::vector<std::string>* keys,
                     int depth) {
  if (depth > kMaxNesting) return false;
  if (v.kind == Kind::kTensor) {
    out.push_back(TensorArg{v.layer, v.node, v.tensor});
    return true;
  }
  if (v.kind == Kind::kDict) {
    for (size_t i = 0; i < v.keys->size(); ++i) {
      if (!collect_tensors((*v.items)[i], out, nullptr, depth + 1)) return false;
      if (keys) keys->push_back((*v.keys)[i]);
    }
    return true;
  }
  if (!v.is_sequence() || v.repeat) return false;
  for (const Value& item : *v.items)
    if (!collect_tensors(item, out, nullptr, depth + 1)) return false;
  return true;
}

TensorArg argument_of(const Value& tensor) {
  return TensorArg{tensor.layer, tensor.node, tensor.tensor};
}

Value tensor(const std::shared_ptr<LayerObject>& layer, int node, int index, uint32_t offset) {
  Value v;
  v.kind = Kind::kTensor;
  v.layer = layer;
  v.node = node;
  v.tensor = index;
  v.offset = offset;
  return v;
}

Value input_tensor(const std::optional<Dims>& shape, uint32_t offset, size_t id) {
  auto input = std::make_shared<LayerObject>();
  input->id = id;
  input->class_name = "InputLayer";
  input->name = "input";
  input->offset = offset;
  input->config.kind = json::Kind::kObject;
  input->declared_shape = shape;
  return tensor(input, 0, 0, offset);
}

std::vector<std::shared_ptr<LayerObject>> layers_behind(const std::vector<TensorArg>& from) {
  std::vector<std::shared_ptr<LayerObject>> found;
  std::unordered_set<const LayerObject*> seen;
  std::vector<TensorArg> pending(from.rbegin(), from.rend());  // a stack: the first on top
  while (!pending.empty()) {
    TensorArg t = pending.back();
    pending.pop_back();
    if (!t.layer || !seen.insert(t.layer.get()).second) continue;
    found.push_back(t.layer);
    if (t.node < 0 || static_cast<size_t>(t.node) >= t.layer->calls.size()) continue;
    const Invocation& call = t.layer->calls[static_cast<size_t>(t.node)];
    for (auto it = call.others.rbegin(); it != call.others.rend(); ++it)
      pending.push_back(it->tensor);
    for (auto it = call.inputs.rbegin(); it != call.inputs.rend(); ++it) pending.push_back(*it);
  }
  return found;
}

void set_trainable_flag(json::Node& config, bool trainable) {
  json::NodeMember member{"trainable", {}};
  member.value.kind = json::Kind::kBool;
  member.value.boolean = trainable;
  config.members.push_back(std::move(member));
}

std::optional<Dims> declared_input(const Value& head, int depth) {
  if (head.kind == Kind::kLayer) return head.layer->declared_shape;
  if (head.kind != Kind::kModel || depth > kMaxNesting) return std::nullopt;
  const ModelObject& inner = *head.model;
  if (inner.sequential)
    return inner.layers.empty() ? std::nullopt : declared_input(inner.layers[0], depth + 1);
  if (inner.inputs.empty() || !inner.inputs[0].layer) return std::nullopt;
  return inner.inputs[0].layer->declared_shape;
}

}  // namespace dimsum::python
