// Reshaping layers: Flatten, Reshape, Permute, and the padding, cropping and upsampling of
// spatial axes (ZeroPadding, Cropping, UpSampling 1D/2D/3D).
#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "layers/checks.h"
#include "layers/spatial.h"
#include "shape/symbolic.h"

namespace dimsum {

namespace {

void flatten(const LayerCall& call, Outcome& out) {
  const Shape& in = call.inputs[0];
  if (!require_min_rank(call, out, 1, "(batch, ...)")) return;
  auto elements = in.elements_from(1);
  if (!elements) return report_overflow(out, "element count");
  out.outputs = {Shape({in[0], *elements})};
}

Dims as_dims(const std::vector<int64_t>& values) {
  Dims dims;
  for (int64_t v : values) dims.push_back(v == -1 ? Dim::unknown() : Dim(v));
  return dims;
}

// Help for a Reshape whose target holds a different number of elements than its input.
void add_reshape_help(Diagnostic& d, const std::vector<int64_t>& target, int64_t elements,
                      Dim batch) {
  std::vector<int64_t> without_first(target.empty() ? target.end() : target.begin() + 1,
                                     target.end());
  std::optional<int64_t> rest = 1;
  for (int64_t v : without_first) rest = rest ? checked_mul(*rest, v) : std::nullopt;
  bool first_is_batch = target.size() >= 2 && rest && *rest == elements &&
                        (!batch.known() || target[0] == batch.value() || target[0] == -1);
  if (first_is_batch) {
    d.notes.push_back(fmt::format("{} looks like the whole tensor's shape, batch axis included",
                                  python_tuple(target)));
    d.help.push_back(fmt::format("Reshape's target excludes the batch axis: use Reshape({})",
                                 python_tuple(without_first)));
    return;
  }
  // An empty target (a scalar per sample) has no leading sizes to keep.
  std::vector<int64_t> fixed(target.begin(), target.empty() ? target.end() : target.end() - 1);
  std::optional<int64_t> head = 1;
  for (int64_t v : fixed) head = head ? checked_mul(*head, v) : std::nullopt;
  if (!target.empty() && head && *head > 0 && elements % *head == 0) {
    std::vector<int64_t> suggestion = fixed;
    suggestion.push_back(elements / *head);
    d.help.push_back(
        fmt::format("to keep the leading sizes, use Reshape({})", python_tuple(suggestion)));
  }
  d.help.push_back(fmt::format(
      "choose a target whose sizes multiply to {}; one size may be -1 to have it inferred",
      elements));
}

// A symbolic element count fits the target when it equals the target's (no -1) or is a multiple
// of the known sizes (the -1 is the quotient).
void require_reshape_fits(Dim elements, int64_t known_product, bool inferred, Dims& rest,
                          Outcome& out) {
  if (!inferred) {
    out.require(SizeCondition::Kind::kEqual, elements, Dim(known_product),
                "the element count of the target shape");
    return;
  }
  if (known_product != 1)  // every count is a multiple of 1
    out.require(SizeCondition::Kind::kMultipleOf, elements, Dim(known_product),
                "an element count that the target's known sizes divide");
  for (Dim& dim : rest)
    if (!dim.known()) dim = floor_div(elements, known_product);
}

void reshape(const LayerCall& call, Outcome& out) {
  std::vector<int64_t> target = call.config.int_list("target_shape");
  const Shape& in = call.inputs[0];
  size_t unknown_count = std::count(target.begin(), target.end(), -1);
  bool bad_size =
      std::any_of(target.begin(), target.end(), [](int64_t v) { return v < -1 || v == 0; });
  if (unknown_count > 1 || bad_size) {
    Diagnostic& d = out.error(
        "DS0004", Cause::kIncorrectReshaping,
        unknown_count > 1
            ? fmt::format("the target shape {} has more than one -1", python_tuple(target))
            : fmt::format("the target shape {} has a size that is 0 or negative other than -1",
                          python_tuple(target)));
    d.help.push_back("give every size of the target explicitly, with at most one -1");
    return;
  }
  if (!require_min_rank(call, out, 1, "(batch, ...)")) return;
  auto elements = in.elements_from(1);
  if (!elements) return report_overflow(out, "element count");
  std::optional<int64_t> known_product = 1;
  for (int64_t v : target)
    if (v != -1) known_product = known_product ? checked_mul(*known_product, v) : std::nullopt;
  if (!known_product) return report_overflow(out, "target shape's element count");

  Dims dims{in[0]};
  Dims rest = as_dims(target);
  if (elements->known()) {
    int64_t count = elements->value();
    bool fits = unknown_count ? count % *known_product == 0 : count == *known_product;
    if (!fits) {
      Diagnostic& d = out.error(
          "DS0003", Cause::kIncorrectReshaping,
          unknown_count
              ? fmt::format("cannot reshape {} ({} elements per sample) into {}: {} is not a "
                            "multiple of {}",
                            to_string(in), count, python_tuple(target), count, *known_product)
              : fmt::format("cannot reshape {} ({} elements per sample) into {} ({} elements)",
                            to_string(in), count, python_tuple(target), *known_product));
      d.notes.push_back(fmt::format("elements per sample: {} = {}",
                                    tuple_string({in.dims().begin() + 1, in.dims().end()}), count));
      add_reshape_help(d, target, count, in[0]);
      return;
    }
    for (Dim& dim : rest)
      if (!dim.known()) dim = Dim(count / *known_product);
  } else if (elements->symbolic()) {
    require_reshape_fits(*elements, *known_product, unknown_count > 0, rest, out);
  }
  dims.insert(dims.end(), rest.begin(), rest.end());
  out.outputs = {Shape(std::move(dims))};
}

void permute(const LayerCall& call, Outcome& out) {
  std::vector<int64_t> order = call.config.int_list("dims");
  const Shape& in = call.inputs[0];
  std::vector<int64_t> sorted = order;
  std::sort(sorted.begin(), sorted.end());
  std::vector<int64_t> expected(sorted.size());
  std::iota(expected.begin(), expected.end(), 1);
  if (sorted != expected) {
    Diagnostic& d = out.error(
        "DS0008", Cause::kLayerMisconfiguration,
        fmt::format("'dims' must be a permutation of the axes 1 to {} (the batch axis 0 stays "
                    "first); received dims={}",
                    order.size(), python_tuple(order)));
    d.help.push_back("list every non-batch axis once, counting from 1");
    return;
  }
  if (!require_rank(call, out, order.size() + 1, "(batch, ...)")) return;
  Dims dims{in[0]};
  for (int64_t axis : order) dims.push_back(in[static_cast<size_t>(axis)]);
  out.outputs = {Shape(std::move(dims))};
}

// Padding and cropping amounts: Keras accepts an int, one int per axis (symmetric), or a
// (before, after) pair per axis; a 1D layer's pair is (before, after) of its one axis.
std::vector<std::pair<int64_t, int64_t>> amounts(const LayerConfig& config, std::string_view key,
                                                 size_t n, int64_t fallback) {
  const json::Value* v = config.raw(key);
  if (!v || v->is_null()) return std::vector<std::pair<int64_t, int64_t>>(n, {fallback, fallback});
  if (v->is_number()) {
    int64_t p = config.integer(key);
    return std::vector<std::pair<int64_t, int64_t>>(n, {p, p});
  }
  std::string expected =
      n == 1
          ? fmt::format("'{}' must be an integer or a pair of integers", key)
          : fmt::format("'{}' must be an integer, {} integers, or {} pairs of integers", key, n, n);
  if (!v->is_array()) config.fail(v, expected);
  auto integer = [&](const json::Value& item) {
    auto i = item.as_integer();
    if (!i) config.fail(&item, expected);
    return *i;
  };
  std::vector<std::pair<int64_t, int64_t>> out;
  if (n == 1 && v->items().size() == 2 && v->items()[0].is_number()) {
    out.push_back({integer(v->items()[0]), integer(v->items()[1])});
    return out;
  }
  if (v->items().size() != n) config.fail(v, expected);
  for (const json::Value& item : v->items()) {
    if (item.is_number()) {
      out.push_back({integer(item), integer(item)});
    } else if (item.is_array() && item.items().size() == 2) {
      out.push_back({integer(item.items()[0]), integer(item.items()[1])});
    } else {
      config.fail(&item, expected);
    }
  }
  return out;
}

// The total amount each axis gains or loses: nullopt (reported) when an amount is negative or
// the total overflows.
std::optional<std::vector<int64_t>> amount_totals(
    Outcome& out, const std::vector<std::pair<int64_t, int64_t>>& amounts, std::string_view what) {
  std::vector<int64_t> totals;
  for (auto [before, after] : amounts) {
    if (before < 0 || after < 0) {
      Diagnostic& d = out.error(
          "DS0008", Cause::kLayerMisconfiguration,
          fmt::format("{} amounts must be 0 or more; received {}, {}", what, before, after));
      d.help.push_back(fmt::format("use non-negative {}", what));
      return std::nullopt;
    }
    auto total = checked_add(before, after);
    if (!total) {
      report_overflow(out, fmt::format("total {}", what));
      return std::nullopt;
    }
    totals.push_back(*total);
  }
  return totals;
}

template <size_t N>
void zero_padding(const LayerCall& call, Outcome& out) {
  auto pads = amounts(call.config, "padding", N, 1);
  SpatialLayout layout{N, call.config.channels_first()};
  auto added = amount_totals(out, pads, "padding");
  if (!added) return;
  if (!require_rank(call, out, layout.rank(), layout.layout_text())) return;
  Dims dims = call.inputs[0].dims();
  for (size_t i = 0; i < N; ++i) {
    size_t axis = layout.spatial_axis(i);
    auto grown = checked_add(dims[axis], Dim((*added)[i]));
    if (!grown) return report_overflow(out, "padded size");
    dims[axis] = *grown;
  }
  out.outputs = {Shape(std::move(dims))};
}

template <size_t N>
void cropping(const LayerCall& call, Outcome& out) {
  auto crops = amounts(call.config, "cropping", N, 0);
  SpatialLayout layout{N, call.config.channels_first()};
  auto removed_totals = amount_totals(out, crops, "cropping");
  if (!removed_totals) return;
  if (!require_rank(call, out, layout.rank(), layout.layout_text())) return;
  Dims dims = call.inputs[0].dims();
  for (size_t i = 0; i < N; ++i) {
    size_t axis = layout.spatial_axis(i);
    int64_t removed = (*removed_totals)[i];
    if (dims[axis].symbolic()) {
      if (!Dim::representable(-removed)) return report_overflow(out, "cropped size");
      dims[axis] = *checked_add(dims[axis], Dim(-removed));
      out.require(SizeCondition::Kind::kAtLeast, dims[axis], Dim(1),
                  fmt::format("output {} of at least 1", spatial_axis_name(N, i)));
      continue;
    }
    if (!dims[axis].known()) continue;
    int64_t size = dims[axis].value();
    auto left = checked_add(size, -removed);
    if (!left || *left <= 0) {
      std::string_view name = spatial_axis_name(N, i);
      Diagnostic& d =
          out.error("DS0001", Cause::kLayerMisconfiguration,
                    fmt::format("cropping {} + {} from the {} removes all of the input {} {}",
                                crops[i].first, crops[i].second, name, name, size));
      if (left)
        d.notes.push_back(fmt::format("output {} = {} - {} - {} = {}", name, size, crops[i].first,
                                      crops[i].second, *left));
      d.help.push_back(fmt::format("crop less than {} in total from the {}", size, name));
      return;
    }
    dims[axis] = Dim(*left);
  }
  out.outputs = {Shape(std::move(dims))};
}

template <size_t N>
void upsampling(const LayerCall& call, Outcome& out) {
  auto size = call.config.ints("size", N, 2);
  if (!require_positive(out, "size", size)) return;
  SpatialLayout layout{N, N == 1 ? false : call.config.channels_first()};
  if (!require_rank(call, out, layout.rank(), layout.layout_text())) return;
  Dims dims = call.inputs[0].dims();
  for (size_t i = 0; i < N; ++i) {
    size_t axis = layout.spatial_axis(i);
    auto grown = checked_mul(dims[axis], Dim(size[i]));
    if (!grown) return report_overflow(out, "upsampled size");
    dims[axis] = *grown;
  }
  out.outputs = {Shape(std::move(dims))};
}

// RepeatVector(n): (batch, features) -> (batch, n, features).
void repeat_vector(const LayerCall& call, Outcome& out) {
  int64_t n = call.config.integer("n");
  if (n < 0) {
    Diagnostic& d = out.error("DS0008", Cause::kLayerMisconfiguration,
                              fmt::format("'n' must be 0 or more; received n={}", n));
    d.help.push_back("set 'n' to the number of time steps to repeat the vector for");
    return;
  }
  if (!require_rank(call, out, 2, "(batch, features)")) return;
  const Shape& in = call.inputs[0];
  out.outputs = {Shape({in[0], Dim(n), in[1]})};
}

}  // namespace

void register_reshaping_layers(LayerRegistry& registry) {
  registry.add("Flatten", flatten);
  registry.add("Reshape", reshape);
  registry.add("Permute", permute);
  registry.add("RepeatVector", repeat_vector);
  registry.add("ZeroPadding1D", zero_padding<1>);
  registry.add("ZeroPadding2D", zero_padding<2>);
  registry.add("ZeroPadding3D", zero_padding<3>);
  registry.add("Cropping1D", cropping<1>);
  registry.add("Cropping2D", cropping<2>);
  registry.add("Cropping3D", cropping<3>);
  registry.add("UpSampling1D", upsampling<1>);
  registry.add("UpSampling2D", upsampling<2>);
  registry.add("UpSampling3D", upsampling<3>);
}

}  // namespace dimsum
