// Python's builtins the reader evaluates: len, range, int, zip, sorted, ...
#include <fmt/format.h>

#include <algorithm>

#include "python/language/interpreter.h"
#include "python/libraries/library.h"

namespace dimsum::python {

using ops::DType;

// range() of more items than this stands for them without listing them.
constexpr int64_t kMaxRangeItems = 10'000;

Value Interpreter::call_builtin(const std::string& name, Args& args, uint32_t offset) {
  const Value* x = args.positional.empty() ? nullptr : &args.positional[0];
  if (name == "print") return none(offset);
  if (name == "len" && x) {
    if (x->is_sequence() || x->kind == Kind::kDict) return integer(x->length(), offset);
    if (x->kind == Kind::kStr) return integer(static_cast<int64_t>(x->text.size()), offset);
    if (x->kind == Kind::kData && x->shape && !x->shape->empty() && (*x->shape)[0].known())
      return integer((*x->shape)[0].value(), offset);
    return x->known() ? unknown(fmt::format("len({})", describe(*x)), offset) : moved(*x, offset);
  }
  if (name == "range") {
    std::vector<int64_t> bounds;
    for (const Value& v : args.positional) {
      if (v.kind != Kind::kInt) return unknown("a range computed at run time", offset);
      bounds.push_back(v.integer);
    }
    if (bounds.empty() || bounds.size() > 3) return unknown("range()", offset);
    int64_t start = bounds.size() > 1 ? bounds[0] : 0;
    int64_t stop = bounds.size() > 1 ? bounds[1] : bounds[0];
    int64_t step = bounds.size() > 2 ? bounds[2] : 1;
    if (step == 0) return unknown("range() with a step of 0", offset);
    int64_t n = step > 0 ? (stop > start ? (stop - start - 1) / step + 1 : 0)
                         : (start > stop ? (start - stop - 1) / -step + 1 : 0);
    if (n > kMaxRangeItems) {  // stands for its items without listing them
      Value v = sequence(Kind::kList, {integer(start, offset)}, offset);
      v.repeat = n;
      return v;
    }
    std::vector<Value> items;
    for (int64_t i = 0, value = start; i < n; ++i, value += step)
      items.push_back(integer(value, offset));
    return sequence(Kind::kList, std::move(items), offset);
  }
  if (!x) return unknown(fmt::format("{}()", name), offset);
  if (name == "int") {
    if (x->kind == Kind::kInt || x->kind == Kind::kBool) return integer(x->integer, offset);
    if (x->kind == Kind::kStr && args.positional.size() == 1)
      if (auto i = parse_int_text(x->text)) return integer(*i, offset);
    if (x->kind == Kind::kFloat && std::isfinite(x->real) && std::fabs(x->real) < 9e18)
      return integer(static_cast<int64_t>(x->real), offset);
    return x->known() ? unknown(fmt::format("int({})", describe(*x)), offset) : moved(*x, offset);
  }
  if (name == "float" && x->kind == Kind::kStr)
    if (auto d = parse_float_text(x->text)) return real(*d, offset);
  if (name == "float" && x->is_number())
    return real(x->kind == Kind::kFloat ? x->real : static_cast<double>(x->integer), offset);
  if (name == "bool") {
    auto t = truth(*x);
    return t ? boolean(*t, offset) : unknown("bool(...)", offset);
  }
  if ((name == "tuple" || name == "list") && (x->is_sequence() || x->kind == Kind::kDict)) {
    if (x->kind == Kind::kDict) {
      std::vector<Value> keys;
      for (const std::string& key : *x->keys) keys.push_back(string(key, offset));
      return sequence(name == "tuple" ? Kind::kTuple : Kind::kList, std::move(keys), offset);
    }
    Value v = sequence(name == "tuple" ? Kind::kTuple : Kind::kList, *x->items, offset);
    v.repeat = x->repeat;
    return v;
  }
  if (name == "abs" && x->kind == Kind::kInt && x->integer != INT64_MIN)
    return integer(std::abs(x->integer), offset);
  if (name == "abs" && x->kind == Kind::kFloat) return real(std::fabs(x->real), offset);
  if (name == "round" && x->is_number() && args.positional.size() == 1) {
    double d = x->kind == Kind::kFloat ? x->real : static_cast<double>(x->integer);
    if (std::isfinite(d) && std::fabs(d) < 9e18)
      return integer(static_cast<int64_t>(std::nearbyint(d)), offset);  // ties to even
  }
  if (name == "max" || name == "min" || name == "sum") {
    std::vector<Value> values = args.positional;
    if (values.size() == 1 && x->is_sequence() && !x->repeat) values = *x->items;
    if (values.empty()) return unknown(fmt::format("{}()", name), offset);
    Value best = name == "sum" ? integer(0, offset) : values[0];
    for (size_t i = name == "sum" ? 0 : 1; i < values.size(); ++i) {
      if (!values[i].is_number() || !best.is_number())
        return unknown(fmt::format("{}(...)", name), offset);
      if (name == "sum") {
        best = apply_operator("+", best, values[i], offset);
        continue;
      }
      auto less = compare("<", values[i], best);
      if (less && *less == (name == "min")) best = values[i];
    }
    return best;
  }
  if (name == "enumerate" && x->is_sequence() && !x->repeat) {
    std::vector<Value> pairs;
    for (int64_t i = 0; i < x->length(); ++i)
      pairs.push_back(sequence(Kind::kTuple, {integer(i, offset), x->item(i)}, offset));
    return sequence(Kind::kList, std::move(pairs), offset);
  }
  if (name == "zip") {
    int64_t n = INT64_MAX;
    for (const Value& v : args.positional) {
      if (!v.is_sequence() || v.repeat) return unknown("zip(...)", offset);
      n = std::min(n, v.length());
    }
    std::vector<Value> tuples;
    for (int64_t i = 0; i < n; ++i) {
      std::vector<Value> row;
      for (const Value& v : args.positional) row.push_back(v.item(i));
      tuples.push_back(sequence(Kind::kTuple, std::move(row), offset));
    }
    return sequence(Kind::kList, std::move(tuples), offset);
  }
  if (name == "reversed" && x->is_sequence() && !x->repeat)
    return sequence(Kind::kList, std::vector<Value>(x->items->rbegin(), x->items->rend()), offset);
  return unknown(fmt::format("{}(...)", name), offset);
}

}  // namespace dimsum::python
