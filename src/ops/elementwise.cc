// Elementwise operations: the kind of their result (NumPy's promotion, as far as shapes and
// errors depend on it) and broadcasting.
#include <fmt/format.h>

#include <algorithm>

#include "ops/axes.h"

namespace dimsum::ops {

using namespace detail;

std::optional<DType> binary_dtype(std::string_view op, DType a, DType b) {
  if (a == DType::kUnknown || b == DType::kUnknown) return DType::kUnknown;
  DType wider = std::max(a, b);
  bool both_bool = a == DType::kBool && b == DType::kBool;
  if (op == "+" || op == "*" || op == "@") return wider;
  if (op == "-") return both_bool ? std::nullopt : std::optional<DType>(wider);
  if (op == "/") return DType::kFloat;
  if (op == "//" || op == "%" || op == "**") return both_bool ? DType::kInt : wider;
  if (op == "&" || op == "|" || op == "^")
    return wider == DType::kFloat ? std::nullopt : std::optional<DType>(wider);
  if (op == "<<" || op == ">>")
    return wider == DType::kFloat ? std::nullopt : std::optional<DType>(DType::kInt);
  return DType::kUnknown;
}

std::optional<DType> unary_dtype(std::string_view op, DType x) {
  if (op == "-" && x == DType::kBool) return std::nullopt;
  if (op == "~" && x == DType::kFloat) return std::nullopt;
  return x;
}

Result broadcast(const Dims& a, const Dims& b, Unknown unknown) {
  const Dims& longer = a.size() >= b.size() ? a : b;
  const Dims& shorter = a.size() >= b.size() ? b : a;
  size_t lead = longer.size() - shorter.size();
  Dims out(longer.begin(), longer.begin() + static_cast<std::ptrdiff_t>(lead));
  for (size_t i = 0; i < shorter.size(); ++i) {
    Dim x = longer[lead + i], y = shorter[i];
    if (may_differ(x, y, unknown) && !is_one(x) && !is_one(y)) return Result::unknown();
    if (is_one(x)) {
      out.push_back(y);
    } else if (is_one(y)) {
      out.push_back(x);
    } else if (auto d = same_size(x, y)) {
      out.push_back(*d);
    } else {
      return Result::fail(
          Fault::kSizes,
          fmt::format("{} and {} do not broadcast: aligned from the last axis, sizes {} and {} "
                      "differ and neither is 1",
                      shape_text(a), shape_text(b), to_string(x), to_string(y)));
    }
  }
  return Result::of(std::move(out));
}

}  // namespace dimsum::ops
