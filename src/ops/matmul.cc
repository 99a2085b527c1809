// Products over shared axes: matmul (NumPy's and TensorFlow's) and einsum.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "ops/axes.h"

namespace dimsum::ops {

using namespace detail;

namespace {

Result inner_mismatch(const Dims& a, const Dims& b, Dim x, Dim y) {
  return Result::fail(Fault::kSizes,
                      fmt::format("cannot multiply {} by {}: the inner sizes {} and {} differ",
                                  shape_text(a), shape_text(b), to_string(x), to_string(y)));
}

// The leading (batch) axes of two matrices' shapes, broadcast together.
Result batch_axes(const Dims& a, const Dims& b, Unknown unknown) {
  Result batch = broadcast(Dims(a.begin(), a.end() - 2), Dims(b.begin(), b.end() - 2), unknown);
  if (batch.raises())
    batch.error = fmt::format("the leading axes of {} and {} do not broadcast: {}", shape_text(a),
                              shape_text(b), batch.error);
  return batch;
}

}  // namespace

Result matmul(const Dims& a, const Dims& b, Unknown unknown) {
  if (a.empty() || b.empty())
    return Result::fail(Fault::kRank, fmt::format("cannot multiply {} by {}: a scalar (rank 0) "
                                                  "is not a matrix",
                                                  shape_text(a), shape_text(b)));
  Dims x = a.size() == 1 ? Dims{Dim(1), a[0]} : a;
  Dims y = b.size() == 1 ? Dims{b[0], Dim(1)} : b;
  Dim inner_a = x.back(), inner_b = y[y.size() - 2];
  if (may_differ(inner_a, inner_b, unknown)) return Result::unknown();
  if (!same_size(inner_a, inner_b)) return inner_mismatch(a, b, inner_a, inner_b);
  Result batch = batch_axes(x, y, unknown);
  if (!batch.dims) return batch;
  Dims out = *batch.dims;
  if (a.size() > 1) out.push_back(x[x.size() - 2]);
  if (b.size() > 1) out.push_back(y.back());
  return Result::of(std::move(out));
}

Result linalg_matmul(const Dims& a, const Dims& b, bool transpose_a, bool transpose_b) {
  if (a.size() < 2 || b.size() < 2)
    return Result::fail(Fault::kRank,
                        fmt::format("cannot multiply {} by {}: both must have rank 2 or more "
                                    "(tf.linalg.matmul does not promote vectors)",
                                    shape_text(a), shape_text(b)));
  size_t ra = a.size(), rb = b.size();
  Dim rows = a[transpose_a ? ra - 1 : ra - 2], inner_a = a[transpose_a ? ra - 2 : ra - 1];
  Dim inner_b = b[transpose_b ? rb - 1 : rb - 2], cols = b[transpose_b ? rb - 2 : rb - 1];
  if (!same_size(inner_a, inner_b)) return inner_mismatch(a, b, inner_a, inner_b);
  Result batch = batch_axes(a, b, Unknown::kFits);
  if (!batch.dims) return batch;
  Dims out = *batch.dims;
  out.push_back(rows);
  out.push_back(cols);
  return Result::of(std::move(out));
}

namespace {

// One operand's subscripts: the letters before and after its "...", if it has one.
struct Subscripts {
  std::string before, after;
  bool ellipsis = false;
};

std::optional<Subscripts> parse_subscripts(std::string_view text) {
  Subscripts out;
  size_t dots = text.find("...");
  if (dots != std::string_view::npos) {
    out.ellipsis = true;
    out.before = std::string(text.substr(0, dots));
    out.after = std::string(text.substr(dots + 3));
  } else {
    out.before = std::string(text);
  }
  for (std::string_view part : {std::string_view(out.before), std::string_view(out.after)})
    for (char c : part)
      if (!std::isalpha(static_cast<unsigned char>(c))) return std::nullopt;
  return out;
}

std::vector<std::string_view> split_on(std::string_view text, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == sep) {
      out.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

}  // namespace

Result einsum(std::string_view equation, const std::vector<Dims>& inputs) {
  std::string spaceless;
  for (char c : equation)
    if (c != ' ') spaceless += c;
  std::string_view eq = spaceless;
  size_t arrow = eq.find("->");
  std::string_view lhs = eq.substr(0, arrow);
  auto bad = [&](std::string why) {
    return Result::fail(Fault::kArgument, fmt::format("the equation '{}' {}", equation, why));
  };
  std::vector<Subscripts> operands;
  for (std::string_view part : split_on(lhs, ',')) {
    auto s = parse_subscripts(part);
    if (!s) return bad("has a subscript that is not a letter");
    operands.push_back(*s);
  }
  if (operands.size() != inputs.size())
    return bad(fmt::format("names {} operands, and {} are given", operands.size(), inputs.size()));
  std::map<char, Dim> sizes;
  std::map<char, int> uses;
  Dims ellipsis;  // the broadcast of the operands' "..." axes
  bool any_ellipsis = false;
  for (size_t k = 0; k < inputs.size(); ++k) {
    const Subscripts& s = operands[k];
    const Dims& x = inputs[k];
    size_t named = s.before.size() + s.after.size();
    if (s.ellipsis ? x.size() < named : x.size() != named)
      return Result::fail(Fault::kRank, fmt::format("the equation '{}' gives operand {} {} "
                                                    "subscripts, and {} has rank {}",
                                                    equation, k, named, shape_text(x), x.size()));
    size_t extra = x.size() - named;
    auto take = [&](char c, Dim d) -> std::optional<Result> {
      ++uses[c];
      auto [it, fresh] = sizes.emplace(c, d);
      if (fresh) return std::nullopt;
      // A size 1 against another may broadcast in NumPy's einsum and not in TensorFlow's:
      // unknown rather than told apart.
      if ((is_one(d) || is_one(it->second)) && d != it->second) return Result::unknown();
      auto same = same_size(it->second, d);
      if (!same)
        return Result::fail(
            Fault::kSizes,
            fmt::format("the equation '{}' gives '{}' the sizes {} and {} "
                        "(operand {}: {})",
                        equation, c, to_string(it->second), to_string(d), k, shape_text(x)));
      it->second = *same;
      return std::nullopt;
    };
    for (size_t i = 0; i < s.before.size(); ++i)
      if (auto r = take(s.before[i], x[i])) return *r;
    for (size_t i = 0; i < s.after.size(); ++i)
      if (auto r = take(s.after[i], x[s.before.size() + extra + i])) return *r;
    if (s.ellipsis) {
      any_ellipsis = true;
      Dims part(x.begin() + static_cast<std::ptrdiff_t>(s.before.size()),
                x.begin() + static_cast<std::ptrdiff_t>(s.before.size() + extra));
      Result joined = broadcast(ellipsis, part, Unknown::kFits);
      if (!joined.dims) return joined;
      ellipsis = *joined.dims;
    }
  }
  Subscripts output;
  if (arrow != std::string_view::npos) {
    auto s = parse_subscripts(eq.substr(arrow + 2));
    if (!s) return bad("has an output subscript that is not a letter");
    output = *s;
  } else {  // implicit: "..." then the letters used once, in alphabetical order
    output.ellipsis = any_ellipsis;
    for (const auto& [c, n] : uses)
      if (n == 1) output.after += c;
  }
  // Broadcast axes an explicit output leaves out: NumPy raises, TensorFlow may sum them.
  if (!output.ellipsis && !ellipsis.empty()) return Result::unknown();
  Dims out;
  std::string seen;
  auto emit = [&](const std::string& letters) -> std::optional<Result> {
    for (char c : letters) {
      if (!sizes.count(c)) return bad(fmt::format("has '{}' in its output only", c));
      if (seen.find(c) != std::string::npos)
        return bad(fmt::format("has '{}' twice in its output", c));
      seen += c;
      out.push_back(sizes[c]);
    }
    return std::nullopt;
  };
  if (auto r = emit(output.before)) return *r;
  if (output.ellipsis) out.insert(out.end(), ellipsis.begin(), ellipsis.end());
  if (auto r = emit(output.after)) return *r;
  return Result::of(std::move(out));
}

}  // namespace dimsum::ops
