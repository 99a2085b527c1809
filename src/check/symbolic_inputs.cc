#include "check/symbolic_inputs.h"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>
#include <unordered_set>

#include "check/check_model.h"
#include "shape/symbolic.h"

namespace dimsum {

namespace {

// The names of the sizes at `axes` of an input of rank `rank`, as people write them.
std::vector<std::string> size_names(size_t rank, const std::vector<size_t>& axes,
                                    const std::string& prefix) {
  std::vector<std::string> names;
  if (rank == 4 && axes.size() == 2) names = {"H", "W"};
  if (rank == 5 && axes.size() == 3) names = {"D", "H", "W"};
  if (rank == 3 && axes == std::vector<size_t>{1}) names = {"L"};
  if (names.empty())
    for (size_t axis : axes) names.push_back(fmt::format("d{}", axis));
  for (std::string& name : names) name = prefix + name;
  return names;
}

// A layer name as the start of a symbol name: letters, digits and underscores.
std::string name_prefix(const std::string& layer_name) {
  std::string out;
  for (char c : layer_name) out += is_symbol_char(c) ? c : '_';
  if (out.empty() || (out[0] >= '0' && out[0] <= '9')) out = "input_" + out;
  return out + "_";
}

// `dims` with a symbol at each of `axes`.
InputShape with_symbols(const Model& model, size_t input, Dims dims,
                        const std::vector<size_t>& axes) {
  const Layer& layer = model.layers[static_cast<size_t>(model.inputs[input])];
  std::string prefix = model.inputs.size() > 1 ? name_prefix(layer.name) : "";
  std::vector<std::string> names = size_names(dims.size(), axes, prefix);
  for (size_t i = 0; i < axes.size(); ++i) dims[axes[i]] = symbol_dim(names[i]);
  InputShape shape;
  shape.name = layer.name;
  shape.dims = std::move(dims);
  return shape;
}

// Where a size that does not work is said: the first error at a layer with a condition on it.
Diagnostic* error_for(Result& result, const Result& symbolic, const std::string& symbol) {
  std::unordered_set<std::string_view> layers;
  for (const SizeCondition& c : symbolic.conditions)
    if (symbols_in(c.lhs).count(symbol) || symbols_in(c.rhs).count(symbol)) layers.insert(c.layer);
  Diagnostic* first = nullptr;
  for (Diagnostic& d : result.diagnostics) {
    if (d.severity != Severity::kError) continue;
    if (layers.count(d.layer)) return &d;
    if (!first) first = &d;
  }
  return first;
}

// What a size that does not work is told: the sizes that do, for one symbol or for several
// (H and W) whose sizes, answers and conditions are alike, so that they are said once.
struct SizeHelp {
  Diagnostic* error = nullptr;
  const SymbolDomain* domain = nullptr;
  int64_t size = 0;
  std::string sizes;      // "the smallest size that works is 30"; empty: none to name
  std::string condition;  // the domain's text with its symbol replaced by '@'
};

// `text` with each whole-word `name` replaced by '@'.
std::string without_name(const std::string& text, const std::string& name) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    bool starts =
        text.compare(i, name.size(), name) == 0 && (i == 0 || !is_symbol_char(text[i - 1]));
    size_t after = i + name.size();
    if (starts && (after >= text.size() || !is_symbol_char(text[after]))) {
      out += '@';
      i = after;
    } else {
      out += text[i++];
    }
  }
  return out;
}

SizeHelp size_help(Diagnostic* error, const SymbolDomain& d, int64_t size) {
  SizeHelp help{error, &d, size, "", without_name(d.text(), d.name)};
  std::vector<int64_t> nearest = d.nearest(size);
  if (nearest.size() == 1 && nearest[0] == d.smallest)
    help.sizes = fmt::format("the smallest size that works is {}", nearest[0]);
  else if (nearest.size() == 2)
    help.sizes = fmt::format("the nearest sizes that work are {} and {}", nearest[0], nearest[1]);
  else if (nearest.size() == 1)
    help.sizes = fmt::format("the nearest size that works is {}", nearest[0]);
  return help;
}

bool alike(const SizeHelp& a, const SizeHelp& b) {
  return a.error == b.error && a.domain->kind != SymbolDomain::Kind::kNone &&
         b.domain->kind != SymbolDomain::Kind::kNone && a.domain->input == b.domain->input &&
         a.size == b.size && a.sizes == b.sizes && a.condition == b.condition;
}

// "H", "H and W", "D, H and W"
template <typename Name>
std::string listed(const std::vector<const SizeHelp*>& group, Name name) {
  std::string out;
  for (size_t i = 0; i < group.size(); ++i)
    out += (i == 0 ? "" : i + 1 == group.size() ? " and " : ", ") + name(*group[i]);
  return out;
}

std::string help_text(const std::vector<const SizeHelp*>& group) {
  const SymbolDomain& first = *group[0]->domain;
  if (first.kind == SymbolDomain::Kind::kNone)
    return fmt::format("no size of {} (axis {} of input '{}') works: {}", first.name, first.axis,
                       first.input, first.conflict_text());
  bool one = group.size() == 1;
  std::string names = listed(group, [](const SizeHelp& h) { return h.domain->name; });
  std::string axes =
      listed(group, [](const SizeHelp& h) { return std::to_string(h.domain->axis); });
  std::string conditions;
  for (const SizeHelp* h : group)
    conditions += (conditions.empty() ? "" : ", ") + h->domain->text();
  std::string subject =
      fmt::format("{} ({} {} of input '{}') {} {}, which {} not work", names, one ? "axis" : "axes",
                  axes, first.input, one ? "is" : "are", group[0]->size, one ? "does" : "do");
  if (group[0]->sizes.empty()) return fmt::format("{} ({})", subject, conditions);
  return fmt::format("{}: {} ({})", subject, group[0]->sizes, conditions);
}

}  // namespace

std::vector<InputShape> declared_symbolic_inputs(const Model& model) {
  std::vector<InputShape> out;
  for (size_t i = 0; i < model.inputs.size(); ++i) {
    const auto& shape = model.layers[static_cast<size_t>(model.inputs[i])].declared_shape;
    if (!shape) continue;
    std::vector<size_t> axes;
    for (size_t axis = 1; axis < shape->size(); ++axis)
      if (!(*shape)[axis].specified()) axes.push_back(axis);
    out.push_back(with_symbols(model, i, *shape, axes));
  }
  return out;
}

void add_nearest_size_help(const Model& model, const std::string& file, const CheckOptions& options,
                           Result& result) {
  CheckOptions symbolic = options;
  symbolic.input_shapes.clear();
  symbolic.data_archives.clear();
  symbolic.nearest_size_help = false;
  bool any = false;
  for (size_t i = 0; i < result.input_shapes.size() && i < model.inputs.size(); ++i) {
    const Shape& shape = result.input_shapes[i];
    if (!shape.rank_known()) continue;
    // The sizes between the batch and the channels (a length, a height and width), whether the
    // data chose them or the model declares them: the help says which sizes the layers take.
    std::vector<size_t> axes;
    for (size_t axis = 1; axis + 1 < shape.rank(); ++axis)
      if (shape[axis].known()) axes.push_back(axis);
    any = any || !axes.empty();
    symbolic.input_shapes.push_back(with_symbols(model, i, shape.dims(), axes));
  }
  if (!any) return;
  auto outcome = check_model(model, file, symbolic);
  auto* checked = std::get_if<Result>(&outcome);
  if (!checked) return;
  Domain domain = solve_domain(*checked);
  std::vector<SizeHelp> helps;
  for (const SymbolDomain& d : domain.symbols) {
    auto input = std::find(result.input_names.begin(), result.input_names.end(), d.input);
    if (input == result.input_names.end()) continue;
    Dim size = result.input_shapes[static_cast<size_t>(input - result.input_names.begin())][d.axis];
    if (!size.known() || d.contains(size.value())) continue;
    if (Diagnostic* error = error_for(result, *checked, d.name))
      helps.push_back(size_help(error, d, size.value()));
  }
  // One line for the sizes alike (H and W of a square image that is too small).
  for (size_t i = 0; i < helps.size();) {
    std::vector<const SizeHelp*> group{&helps[i]};
    size_t next = i + 1;
    while (next < helps.size() && alike(helps[i], helps[next])) group.push_back(&helps[next++]);
    helps[i].error->help.push_back(help_text(group));
    i = next;
  }
}

}  // namespace dimsum
