// Merging layers: Add, Subtract, Multiply, Average, Maximum, Minimum (element-wise, with Keras'
// broadcasting), Concatenate, and Dot (a batched dot product along given axes).
#include <fmt/format.h>

#include "layers/checks.h"

namespace dimsum {

namespace {

bool require_inputs(const LayerCall& call, Outcome& out, size_t at_least, size_t at_most) {
  size_t n = call.inputs.size();
  if (n >= at_least && n <= at_most) return true;
  Diagnostic& d = out.error(
      "DS0005", Cause::kLayerMisconfiguration,
      at_least == at_most
          ? fmt::format("{} needs exactly {} inputs, got {}", call.class_name, at_least, n)
          : fmt::format("{} needs at least {} inputs, got {}", call.class_name, at_least, n));
  d.help.push_back(fmt::format("call {} on a list of {} tensors", call.class_name,
                               at_least == at_most ? std::to_string(at_least) : "two or more"));
  return false;
}

std::string shapes_text(const std::vector<Shape>& shapes) {
  std::string out;
  for (size_t i = 0; i < shapes.size(); ++i) out += (i ? " and " : "") + to_string(shapes[i]);
  return out;
}

// Help for an element-wise merge of tensors that differ: the residual-shortcut fixes.
void add_merge_help(Diagnostic& d, const Shape& a, const Shape& b) {
  bool same_rank = a.rank() == b.rank() && a.rank() >= 3;
  bool only_channels_differ = same_rank;
  for (size_t i = 1; same_rank && i + 1 < a.rank(); ++i)
    only_channels_differ = only_channels_differ && a[i] == b[i];
  if (only_channels_differ && a.back().known() && b.back().known()) {
    int64_t wanted = std::max(a.back().value(), b.back().value());
    std::string conv = a.rank() == 3 ? "Conv1D" : a.rank() == 5 ? "Conv3D" : "Conv2D";
    d.help.push_back(fmt::format(
        "to add a shortcut with {} channels to one with {}, project it with a 1x1 convolution: "
        "{}({}, 1) on the shortcut",
        std::min(a.back().value(), b.back().value()), wanted, conv, wanted));
    return;
  }
  if (same_rank) {
    d.help.push_back(
        "the branches' sizes differ: give both the same strides and padding, or "
        "use strides on the shortcut's 1x1 convolution to match them");
    return;
  }
  d.help.push_back("reshape one branch so both have the same shape (sizes of 1 broadcast)");
}

// Two sizes of which one is symbolic, at `axis` of the output: the same expression, or a known 1
// that broadcasts; otherwise they must be equal or one of them 1. The output is taken to be the
// first, which it is unless that one is 1 and broadcasts (docs/semantics.md).
Dim merge_symbolic(Dim x, Dim y, size_t axis, Outcome& out) {
  if (x == y) return x;
  if (x == Dim(1)) return y;
  if (y == Dim(1)) return x;
  if (!x.specified() || !y.specified()) return Dim::unknown();
  out.require(SizeCondition::Kind::kBroadcasts, x, y,
              fmt::format("equal sizes on axis {}, or a size of 1 that broadcasts", axis));
  return x;
}

// Keras' _compute_elemwise_op_output_shape: sizes align from the last axis; 1 broadcasts; an
// unknown size gives an unknown size; the batch axis must agree where known.
void elementwise_merge(const LayerCall& call, Outcome& out) {
  size_t most =
      call.class_name == "Subtract" || call.class_name == "CustomScaleLayer" ? 2 : SIZE_MAX;
  if (!require_inputs(call, out, 2, most)) return;
  Dim batch = Dim::unknown();
  Dims result;  // without the batch axis, aligned from the end
  bool have_result = false;
  const Shape* first = nullptr;
  for (const Shape& s : call.inputs) {
    if (s.rank() == 0) continue;
    if (s[0].known()) {
      if (batch.known() && batch != s[0]) {
        Diagnostic& d = out.error(
            "DS0005", Cause::kIncorrectBatchSize,
            fmt::format("the inputs have different batch sizes: {}", shapes_text(call.inputs)));
        d.help.push_back("feed every input the same number of samples per batch");
        return;
      }
      batch = s[0];
    }
    Dims dims(s.dims().begin() + 1, s.dims().end());
    if (!have_result) {
      result = dims;
      have_result = true;
      first = &s;
      continue;
    }
    Dims& longer = result.size() >= dims.size() ? result : dims;
    const Dims& shorter = result.size() >= dims.size() ? dims : result;
    Dims merged(longer.begin(), longer.end() - shorter.size());
    for (size_t i = 0; i < shorter.size(); ++i) {
      Dim x = longer[longer.size() - shorter.size() + i];
      Dim y = shorter[i];
      if (x.symbolic() || y.symbolic()) {
        merged.push_back(merge_symbolic(x, y, longer.size() - shorter.size() + i + 1, out));
      } else if (!x.known() || !y.known()) {
        merged.push_back(Dim::unknown());
      } else if (x.value() == 1) {
        merged.push_back(y);
      } else if (y.value() == 1 || x == y) {
        merged.push_back(x);
      } else {
        Diagnostic& d = out.error(
            "DS0005", Cause::kLayerMisconfiguration,
            fmt::format("{} needs inputs of the same shape (or sizes of 1 that broadcast), got {}",
                        call.class_name, shapes_text(call.inputs)));
        d.notes.push_back(
            fmt::format("size {} cannot be merged with size {}", x.value(), y.value()));
        add_merge_help(d, *first, s);
        return;
      }
    }
    result = std::move(merged);
  }
  result.insert(result.begin(), batch);
  out.outputs = {Shape(std::move(result))};
}

void concatenate(const LayerCall& call, Outcome& out) {
  if (!require_inputs(call, out, 1, SIZE_MAX)) return;
  int64_t axis_value = call.config.integer("axis", -1);
  const Shape& first = call.inputs[0];
  // Axis 0 is allowed, as in Keras: the batches are stacked.
  auto axis = normalize_axis(axis_value, first.rank());
  if (!axis) {
    Diagnostic& d = out.error(
        "DS0008", Cause::kLayerMisconfiguration,
        fmt::format("axis {} is out of range for inputs of rank {}", axis_value, first.rank()));
    d.help.push_back("concatenate along an axis of the inputs, such as -1 (the channels)");
    return;
  }
  // Keras' compute_output_shape keeps the first input's sizes (an unknown one stays unknown
  // even where another input knows it); the check compares every known size seen so far.
  Dims dims = first.dims();
  Dims seen = first.dims();
  for (size_t n = 1; n < call.inputs.size(); ++n) {
    const Shape& s = call.inputs[n];
    bool compatible = s.rank() == first.rank();
    for (size_t i = 0; compatible && i < s.rank(); ++i) {
      if (i == *axis) continue;
      if (seen[i].known() && s[i].known() && seen[i] != s[i]) compatible = false;
      if ((seen[i].symbolic() || s[i].symbolic()) && seen[i].specified() && s[i].specified() &&
          seen[i] != s[i])
        out.require(SizeCondition::Kind::kEqual, seen[i], s[i],
                    fmt::format("equal sizes on axis {}", i));
      if (!seen[i].specified()) seen[i] = s[i];
    }
    if (!compatible) {
      Diagnostic& d = out.error(
          "DS0005", Cause::kLayerMisconfiguration,
          fmt::format("Concatenate on axis {} needs inputs whose other sizes match, got {}",
                      axis_value, shapes_text(call.inputs)));
      d.help.push_back(
          "resize the branches so that every axis except the concatenation axis agrees (for a "
          "U-Net skip, crop or pad the encoder's feature map, or use padding=\"same\")");
      return;
    }
    auto joined = checked_add(dims[*axis], s[*axis]);
    if (!joined) return report_overflow(out, "concatenated size");
    dims[*axis] = *joined;
  }
  out.outputs = {Shape(std::move(dims))};
}

// Dot: `axes` is one axis for both inputs (a negative one counts from each input's end) or a
// pair; the output is the first input without its axis, then the second without its axis and
// batch (Keras' Dot.compute_output_shape), with a trailing 1 when only the batch axis is left.
void dot(const LayerCall& call, Outcome& out) {
  if (!require_inputs(call, out, 2, 2)) return;
  const Shape& a = call.inputs[0];
  const Shape& b = call.inputs[1];
  std::vector<int64_t> axes = call.config.raw("axes") && call.config.raw("axes")->is_array()
                                  ? call.config.ints("axes", 2)
                                  : std::vector<int64_t>(2, call.config.integer("axes"));
  auto axis_a = normalize_axis(axes[0], a.rank());
  auto axis_b = normalize_axis(axes[1], b.rank());
  if (!axis_a || !axis_b || *axis_a == 0 || *axis_b == 0) {
    Diagnostic& d = out.error("DS0008", Cause::kLayerMisconfiguration,
                              fmt::format("axes {} are out of range for inputs {}",
                                          python_tuple(axes), shapes_text(call.inputs)));
    d.help.push_back("use non-batch axes of each input, such as -1 for the last axis");
    return;
  }
  Dim size_a = a[*axis_a], size_b = b[*axis_b];
  if (size_a.known() && size_b.known() && size_a != size_b) {
    Diagnostic& d = out.error(
        "DS0005", Cause::kLayerMisconfiguration,
        fmt::format("Dot multiplies axis {} of size {} with axis {} of size {}: they must be equal",
                    *axis_a, size_a.value(), *axis_b, size_b.value()));
    d.notes.push_back(fmt::format("inputs {}", shapes_text(call.inputs)));
    d.help.push_back("choose `axes` whose sizes match, or project one input with Dense first");
    return;
  }
  Dims dims = a.dims();
  dims.erase(dims.begin() + static_cast<long>(*axis_a));
  Dims rest(b.dims().begin() + 1, b.dims().end());
  rest.erase(rest.begin() + static_cast<long>(*axis_b - 1));
  std::optional<int64_t> macs =
      maybe_product({dims_product(Dims(a.dims().begin() + 1, a.dims().end())), dims_product(rest)});
  dims.insert(dims.end(), rest.begin(), rest.end());
  if (dims.size() == 1) dims.push_back(Dim(1));
  out.outputs = {Shape(std::move(dims))};
  out.macs = macs;
}

}  // namespace

void register_merging_layers(LayerRegistry& registry) {
  for (const char* name : {"Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum"})
    registry.add(name, elementwise_merge);
  // tf-keras' InceptionResNetV2 adds each residual branch with its CustomScaleLayer:
  // inputs[0] + inputs[1] * scale, a broadcasting sum of two tensors.
  registry.add("CustomScaleLayer", elementwise_merge);
  registry.add("Concatenate", concatenate);
  registry.add("Dot", dot);
}

}  // namespace dimsum
