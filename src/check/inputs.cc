#include "check/inputs.h"

#include <fmt/format.h>

#include <algorithm>

namespace dimsum {

namespace {

std::vector<Dim> without_batch(const std::vector<Dim>& dims) {
  return std::vector<Dim>(dims.begin() + (dims.empty() ? 0 : 1), dims.end());
}

bool compatible(Dim a, Dim b) { return !a.known() || !b.known() || a == b; }

// Channels-first data for a channels-last model: (N, C, H, W) where (N, H, W, C) is declared.
bool is_channels_first_of(const std::vector<Dim>& data, const std::vector<Dim>& declared) {
  if (data.size() != declared.size() || data.size() < 3) return false;
  std::vector<Dim> moved = data;
  std::rotate(moved.begin() + 1, moved.begin() + 2, moved.end());
  for (size_t i = 1; i < moved.size(); ++i)
    if (!compatible(moved[i], declared[i])) return false;
  return true;
}

std::string transpose_axes(size_t rank) {
  std::string axes = "0";
  for (size_t i = 2; i < rank; ++i) axes += fmt::format(", {}", i);
  return axes + ", 1";
}

Diagnostic& data_error(std::vector<Diagnostic>& diagnostics, Cause cause, std::string message) {
  Diagnostic& d = diagnostics.emplace_back();
  d.code = cause == Cause::kIncorrectBatchSize ? "DS0009" : "DS0007";
  d.cause = cause;
  d.message = std::move(message);
  return d;
}

void report_rank_mismatch(const Layer& layer, const std::vector<Dim>& data,
                          const std::vector<Dim>& declared, std::vector<Diagnostic>& out) {
  Diagnostic& d = data_error(
      out, Cause::kIncompatibleInputData,
      fmt::format("the data has shape {} (rank {}), but input '{}' expects {} (rank {})",
                  tuple_string(data), data.size(), layer.name, tuple_string(declared),
                  declared.size()));
  if (data.size() + 1 == declared.size() && declared.back() == Dim(1)) {
    d.help.push_back("to add the missing channel axis, use np.expand_dims(x, -1)");
  } else if (data.size() == declared.size() + 1 && data.back() == Dim(1)) {
    d.help.push_back("to drop the extra axis of size 1, use np.squeeze(x, -1)");
  } else {
    std::vector<Dim> target = declared;
    if (!data.empty()) target[0] = data[0];
    d.help.push_back(fmt::format("reshape the data to {} with x.reshape(...)", tuple_string(target)));
  }
}

void report_size_mismatch(const Layer& layer, const std::vector<Dim>& data,
                          const std::vector<Dim>& declared, std::vector<Diagnostic>& out) {
  Diagnostic& d = data_error(
      out, Cause::kIncompatibleInputData,
      fmt::format("the data has shape {}, but input '{}' expects {}", tuple_string(data),
                  layer.name, tuple_string(declared)));
  for (size_t i = 1; i < data.size(); ++i)
    if (!compatible(data[i], declared[i]))
      d.notes.push_back(fmt::format("axis {}: the data has {}, the model expects {}", i,
                                    to_string(data[i]), to_string(declared[i])));
  if (is_channels_first_of(data, declared)) {
    d.help.push_back(fmt::format(
        "the data looks channels-first; to move the channels last, use np.transpose(x, ({}))",
        transpose_axes(data.size())));
    return;
  }
  std::vector<Dim> wanted = declared;
  if (!wanted[0].known()) wanted[0] = data[0];
  d.help.push_back(fmt::format("resize or reshape the data to {}, or build the model for "
                               "inputs of shape {}",
                               tuple_string(wanted), tuple_string(without_batch(data))));
}

}  // namespace

Shape resolve_input(const Layer& layer, const std::optional<std::vector<Dim>>& data,
                    std::vector<Diagnostic>& diagnostics) {
  const auto& declared = layer.declared_shape;
  if (!data) return declared ? Shape(*declared) : Shape::unknown();
  if (!declared) return Shape(*data);
  if (data->size() != declared->size()) {
    report_rank_mismatch(layer, *data, *declared, diagnostics);
    std::vector<Dim> dims = *declared;
    if (!dims.empty() && !dims[0].known() && !data->empty()) dims[0] = (*data)[0];
    return Shape(std::move(dims));
  }
  std::vector<Dim> merged = *data;
  bool sizes_agree = true;
  for (size_t i = 0; i < merged.size(); ++i) {
    if (!merged[i].known()) merged[i] = (*declared)[i];
    if (i > 0 && !compatible((*data)[i], (*declared)[i])) sizes_agree = false;
  }
  if (!sizes_agree) {
    report_size_mismatch(layer, *data, *declared, diagnostics);
    std::vector<Dim> dims = *declared;
    if (!dims[0].known()) dims[0] = (*data)[0];
    return Shape(std::move(dims));
  }
  if (!merged.empty() && !compatible((*data)[0], (*declared)[0])) {
    Diagnostic& d = data_error(
        diagnostics, Cause::kIncorrectBatchSize,
        fmt::format("input '{}' has a fixed batch size of {}, but the data has {} samples",
                    layer.name, (*declared)[0].value(), (*data)[0].value()));
    d.notes.push_back("a batch size fixed in the model (batch_input_shape, Input(batch_size=...), "
                      "a stateful RNN) must match every batch it is fed");
    d.help.push_back(fmt::format("feed batches of exactly {} samples, dropping the remainder "
                                 "(drop_remainder=True)",
                                 (*declared)[0].value()));
    d.help.push_back("or remove the fixed batch size from the model's input");
    merged[0] = (*declared)[0];
  }
  return Shape(std::move(merged));
}

}  // namespace dimsum
