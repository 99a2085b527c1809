// Reshaping: x.reshape, np.reshape and tf.reshape keep the elements and change the sizes.
#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "ops/axes.h"

namespace dimsum::ops {

using namespace detail;

namespace {

// "(-1, 3, 15)", "(None, 3, 15)" for a size the caller does not know.
std::string target_text(const std::vector<std::optional<int64_t>>& target) {
  std::string out = "(";
  for (size_t i = 0; i < target.size(); ++i)
    out += (i ? ", " : "") + (target[i] ? std::to_string(*target[i]) : std::string("None"));
  return out + (target.size() == 1 ? ",)" : ")");
}

// The product of the known sizes of `dims` from `first` on; nullopt on overflow.
std::optional<int64_t> known_product(const Dims& dims, size_t first) {
  std::optional<int64_t> n = 1;
  for (size_t i = first; i < dims.size() && n; ++i)
    if (dims[i].known()) n = checked_mul(*n, dims[i].value());
  return n;
}

// A tensor of unknown batch whose target takes that batch in its first size (a -1, or a size
// known at run time only, such as tf.shape(x)[0]): TensorFlow's static shape has no count to
// check, but a per-sample count that differs from the target's mixes samples, and holds only for
// some batch sizes. The doubt says which.
std::string batch_doubt(const Dims& x, const std::vector<std::optional<int64_t>>& target,
                        const Dims& out) {
  if (x.empty() || target.empty() || x[0].specified()) return {};
  if (target[0] && *target[0] != -1) return {};
  for (size_t i = 1; i < x.size(); ++i)
    if (!x[i].known()) return {};
  for (size_t i = 1; i < out.size(); ++i)
    if (!out[i].known()) return {};
  auto per_sample = known_product(x, 1), per_row = known_product(out, 1);
  if (!per_sample || !per_row || *per_row == 0 || *per_sample == *per_row) return {};
  if (*per_sample % *per_row == 0) return {};  // each sample makes whole rows
  int64_t multiple = *per_row / std::gcd(*per_sample, *per_row);
  return fmt::format(
      "{} holds {} values per sample and {} takes {} per item of its first axis: the reshape "
      "mixes samples, and fails unless the batch is a multiple of {}",
      shape_text(x), *per_sample, target_text(target), *per_row, multiple);
}

}  // namespace

Result reshape(const Dims& x, const std::vector<std::optional<int64_t>>& target, Unknown unknown) {
  auto total = element_count(x);
  if (!total) return Result::unknown();
  Dims out;
  std::optional<size_t> free_axis;
  Dim rest(1);  // the product of the target's other sizes
  for (size_t i = 0; i < target.size(); ++i) {
    const auto& size = target[i];
    if (size && *size == -1) {
      if (free_axis)
        return Result::fail(Fault::kArgument,
                            fmt::format("the target {} has -1 twice: only one size can be "
                                        "inferred",
                                        target_text(target)));
      free_axis = i;
      out.push_back(Dim::unknown());
      continue;
    }
    if (size && *size < 0)
      return Result::fail(Fault::kArgument, fmt::format("the target {} has a negative size {}",
                                                        target_text(target), *size));
    Dim d = size ? Dim(*size) : Dim::unknown();
    out.push_back(d);
    auto next = checked_mul(rest, d);
    if (!next)
      return Result::fail(Fault::kArgument, fmt::format("the sizes of the target {} multiply "
                                                        "past 2^63",
                                                        target_text(target)));
    rest = *next;
  }
  if (total->known() && rest.known()) {
    if (free_axis) {
      if (rest.value() == 0 || total->value() % rest.value() != 0)
        return Result::fail(Fault::kCount,
                            fmt::format("cannot reshape {} with {} values into {}: {} is not a "
                                        "multiple of {}",
                                        shape_text(x), total->value(), target_text(target),
                                        total->value(), rest.value()));
      out[*free_axis] = Dim(total->value() / rest.value());
    } else if (rest != *total) {
      return Result::fail(
          Fault::kCount,
          fmt::format("cannot reshape {} with {} values into {} with {}", shape_text(x),
                      total->value(), target_text(target), rest.value()));
    }
    return Result::of(std::move(out));
  }
  if (total->known() || !rest.known()) return Result::of(std::move(out));
  // The element count is unknown, the target's is known.
  if (unknown == Unknown::kMayNot) {
    // An array's data decides the count: the reshape fits every count only where the sizes
    // dimsum knows already hold a multiple of the target's (x.reshape(-1, 28, 28, 1) of rows of
    // 784); any other may raise.
    auto known_part = known_product(x, 0);
    if (!free_axis || !known_part || rest.value() == 0 || *known_part % rest.value() != 0)
      return Result::unknown();
    return Result::of(std::move(out));
  }
  // A tensor's None batch taken whole by a -1 keeps its identity (a symbolic batch stays one).
  auto per_sample = x.empty() ? std::nullopt : known_product(x, 1);
  bool samples_known =
      !x.empty() && std::all_of(x.begin() + 1, x.end(), [](Dim d) { return d.known(); });
  if (free_axis == 0 && samples_known && per_sample == rest.value()) out[0] = x[0];
  Result result = Result::of(out);
  result.doubt = batch_doubt(x, target, out);
  return result;
}

}  // namespace dimsum::ops
