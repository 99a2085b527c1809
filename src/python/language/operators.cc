// Python's operators over what the reader knows: exact integer and float arithmetic (overflow
// checked), sequence concatenation and repetition, comparisons, indexing; NumPy broadcasting
// for arrays; and, on symbolic tensors, the Keras layers the operators stand for.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "python/language/interpreter.h"
#include "python/libraries/library.h"

namespace dimsum::python {

namespace {

constexpr int64_t kMaxSequence = 100'000;

double as_real(const Value& v) {
  return v.kind == Kind::kFloat ? v.real : static_cast<double>(v.integer);
}

std::optional<int64_t> floor_div(int64_t a, int64_t b) {
  if (b == 0 || (a == INT64_MIN && b == -1)) return std::nullopt;
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

// By squaring: a huge exponent of 0, 1 or -1 is still quick, and anything else overflows soon.
std::optional<int64_t> power(int64_t base, int64_t exponent) {
  if (exponent < 0) return std::nullopt;
  int64_t out = 1;
  while (exponent > 0) {
    if (exponent & 1) {
      auto next = checked_mul(out, base);
      if (!next) return std::nullopt;
      out = *next;
    }
    exponent >>= 1;
    if (exponent == 0) break;
    auto squared = checked_mul(base, base);
    if (!squared) return std::nullopt;
    base = *squared;
  }
  return out;
}

std::optional<int64_t> integer_operation(const std::string& op, int64_t a, int64_t b) {
  if (op == "+") return checked_add(a, b);
  if (op == "-") return b == INT64_MIN ? std::nullopt : checked_add(a, -b);
  if (op == "*") return checked_mul(a, b);
  if (op == "//") return floor_div(a, b);
  if (op == "%") {
    auto q = floor_div(a, b);
    if (!q) return std::nullopt;
    return a - *q * b;
  }
  if (op == "**") return power(a, b);
  if (op == "&") return a & b;
  if (op == "|") return a | b;
  if (op == "^") return a ^ b;
  if (op == "<<") return b >= 0 && b < 63 ? checked_mul(a, int64_t{1} << b) : std::nullopt;
  if (op == ">>") return b >= 0 ? (b < 64 ? a >> b : (a < 0 ? -1 : 0)) : std::optional<int64_t>();
  return std::nullopt;
}

std::optional<double> real_operation(const std::string& op, double a, double b) {
  if (op == "+") return a + b;
  if (op == "-") return a - b;
  if (op == "*") return a * b;
  if (op == "/") return b == 0 ? std::nullopt : std::optional<double>(a / b);
  if (op == "//") return b == 0 ? std::nullopt : std::optional<double>(std::floor(a / b));
  if (op == "%") return b == 0 ? std::nullopt : std::optional<double>(a - std::floor(a / b) * b);
  if (op == "**") return std::pow(a, b);
  return std::nullopt;
}

}  // namespace

Value Interpreter::apply_operator(const std::string& op, const Value& a, const Value& b,
                                  uint32_t offset) {
  if (!a.known()) return a;
  if (!b.known()) return b;
  if (a.kind == Kind::kTensor || b.kind == Kind::kTensor) {
    Args operands;
    operands.positional = {a, b};
    return tensor_operation(op, operands, offset);
  }
  if (a.kind == Kind::kData || b.kind == Kind::kData) return array_operator(op, a, b, offset);
  if (a.is_number() && b.is_number()) {
    if (a.kind != Kind::kFloat && b.kind != Kind::kFloat && op != "/") {
      auto i = integer_operation(op, a.integer, b.integer);
      return i ? integer(*i, offset)
               : unknown(fmt::format("{} {} {}", a.integer, op, b.integer), offset);
    }
    auto d = real_operation(op, as_real(a), as_real(b));
    return d ? real(*d, offset) : unknown("a division by zero", offset);
  }
  if (a.kind == Kind::kStr && b.kind == Kind::kStr && op == "+") {
    if (a.text.size() + b.text.size() > kMaxSequence) return unknown("a very long string", offset);
    return string(a.text + b.text, offset);
  }
  if (a.is_sequence() && b.is_sequence() && a.kind == b.kind && op == "+" && !a.repeat &&
      !b.repeat) {
    if (a.length() + b.length() > kMaxSequence) return unknown("a very long sequence", offset);
    std::vector<Value> items = *a.items;
    items.insert(items.end(), b.items->begin(), b.items->end());
    return sequence(a.kind, std::move(items), offset);
  }
  if (op == "*" && (a.is_sequence() || b.is_sequence()) &&
      (a.kind == Kind::kInt || b.kind == Kind::kInt)) {
    const Value& seq = a.is_sequence() ? a : b;
    int64_t times = a.is_sequence() ? b.integer : a.integer;
    if (seq.repeat || times < 0 || seq.length() * std::max<int64_t>(times, 1) > kMaxSequence)
      return unknown("a very long sequence", offset);
    std::vector<Value> items;
    for (int64_t t = 0; t < times; ++t)
      items.insert(items.end(), seq.items->begin(), seq.items->end());
    return sequence(seq.kind, std::move(items), offset);
  }
  return unknown(fmt::format("{} {} {}", describe(a), op, describe(b)), offset);
}

Value Interpreter::negate(const std::string& op, const Value& v, uint32_t offset) {
  if (v.kind == Kind::kData) return array_unary(op, v, offset);
  if (op == "+" || v.kind == Kind::kTensor || !v.known()) return v;
  if (op == "-" && v.kind == Kind::kFloat) return real(-v.real, offset);
  if (op == "-" && (v.kind == Kind::kInt || v.kind == Kind::kBool) && v.integer != INT64_MIN)
    return integer(-v.integer, offset);
  if (op == "~" && (v.kind == Kind::kInt || v.kind == Kind::kBool))
    return integer(~v.integer, offset);
  return unknown(fmt::format("{}{}", op, describe(v)), offset);
}

std::optional<bool> Interpreter::compare(std::string_view op, const Value& a, const Value& b) {
  if (op == "is" || op == "is not") {
    std::optional<bool> same;
    if (a.kind == Kind::kNone || b.kind == Kind::kNone) {
      if (a.known() && b.known()) same = a.kind == b.kind;
    } else {
      same = equal(a, b);
    }
    if (!same) return std::nullopt;
    return op == "is" ? *same : !*same;
  }
  if (op == "==" || op == "!=" || op == "<>") {
    auto same = equal(a, b);
    if (!same) return std::nullopt;
    return op == "==" ? *same : !*same;
  }
  if (op == "in" || op == "not in") {
    bool found = false;
    if (b.kind == Kind::kStr && a.kind == Kind::kStr) {
      found = b.text.find(a.text) != std::string::npos;
    } else if (b.kind == Kind::kDict && a.kind == Kind::kStr) {
      found = std::find(b.keys->begin(), b.keys->end(), a.text) != b.keys->end();
    } else if (b.is_sequence()) {
      for (int64_t i = 0; i < b.length() && !found; ++i) {
        auto same = equal(a, b.item(i));
        if (!same) return std::nullopt;  // an item dimsum cannot compare
        found = *same;
      }
    } else {
      return std::nullopt;
    }
    return op == "in" ? found : !found;
  }
  if (a.is_number() && b.is_number()) {
    double x = as_real(a), y = as_real(b);
    if (op == "<") return x < y;
    if (op == "<=") return x <= y;
    if (op == ">") return x > y;
    if (op == ">=") return x >= y;
  }
  if (a.kind == Kind::kStr && b.kind == Kind::kStr) {
    if (op == "<") return a.text < b.text;
    if (op == "<=") return a.text <= b.text;
    if (op == ">") return a.text > b.text;
    if (op == ">=") return a.text >= b.text;
  }
  return std::nullopt;
}

Value Interpreter::subscript(const Value& container, const std::vector<Value>& keys,
                             uint32_t offset) {
  if (!container.known()) return container;
  if (container.kind == Kind::kData) return array_subscript(container, keys, offset);
  if (container.kind == Kind::kTensor) {
    Args operands;
    operands.positional.push_back(container);
    operands.positional.insert(operands.positional.end(), keys.begin(), keys.end());
    return tensor_operation("[]", operands, offset);
  }
  if (keys.size() != 1 || !keys[0].known())
    return unknown(fmt::format("an item of {}", describe(container)), offset);
  const Value& key = keys[0];
  if (container.kind == Kind::kDict && key.kind == Kind::kStr) {
    for (size_t i = 0; i < container.keys->size(); ++i)
      if ((*container.keys)[i] == key.text) return (*container.items)[i];
    return unknown(fmt::format("key '{}', which the dict does not have", key.text), offset);
  }
  if (container.is_sequence() && key.kind == Kind::kInt) {
    int64_t n = container.length();
    int64_t i = key.integer < 0 ? key.integer + n : key.integer;
    if (i < 0 || i >= n) return unknown("an index out of range", offset);
    return container.item(i);
  }
  if (container.is_sequence() && key.kind == Kind::kSlice && !container.repeat) {
    int64_t n = container.length();
    auto slice = slice_of(key);
    auto length = slice ? ops::slice_length(*slice, n) : std::nullopt;
    if (!length) return unknown("a slice", offset);
    // Walk the slice as Python does: start, then step by step.
    int64_t step = slice->step.value_or(1);
    int64_t start = slice->start.value_or(step > 0 ? 0 : n - 1);
    if (start < 0) start = std::max<int64_t>(start < -n ? -1 : start + n, step > 0 ? 0 : -1);
    if (start >= n) start = step > 0 ? n : n - 1;
    std::vector<Value> items;
    for (int64_t k = 0, i = start; k < *length; ++k, i += step) items.push_back(container.item(i));
    return sequence(container.kind, std::move(items), offset);
  }
  return unknown(fmt::format("an item of {}", describe(container)), offset);
}

}  // namespace dimsum::python
