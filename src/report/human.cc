#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "report/report.h"

namespace dimsum {

namespace {

struct Style {
  bool color;
  std::string paint(std::string_view text, std::string_view code) const {
    if (!color) return std::string(text);
    return fmt::format("\x1b[{}m{}\x1b[0m", code, text);
  }
  std::string bold(std::string_view t) const { return paint(t, "1"); }
  std::string severity(Severity s, std::string_view t) const {
    return paint(t, s == Severity::kError ? "1;31" : s == Severity::kWarning ? "1;33" : "1;36");
  }
  std::string blue(std::string_view t) const { return paint(t, "1;34"); }
};

std::string params_text(const std::optional<int64_t>& params) {
  return params ? with_thousands(*params) : "?";
}

std::string layer_label(const LayerReport& layer) {
  return fmt::format("{} ({})", layer.name, layer.class_name);
}

std::string output_text(const LayerReport& layer) {
  if (layer.failed) return "error";
  std::string out = to_string(layer.output_shape);
  if (layer.output_count > 1) out += fmt::format(" +{} more", layer.output_count - 1);
  return out;
}

std::string inputs_text(const LayerReport& layer) {
  if (layer.input_shapes.empty()) return "?";
  std::string out;
  for (size_t i = 0; i < layer.input_shapes.size(); ++i)
    out += (i ? ", " : "") + to_string(layer.input_shapes[i]);
  return out;
}

// The source line, cut around the column when it is long (a minified file is one line).
// `mark` underlines the place: '^' for the diagnostic's own, '-' for a secondary label; the
// gutter is `width` wide, so that a diagnostic's blocks line up.
void render_source(std::string& out, const Location& loc, const Style& style,
                   std::string_view label, size_t width, char mark = '^') {
  std::string_view line = loc.source_line;
  size_t column = loc.column > loc.source_start ? loc.column - 1 - loc.source_start : 0;
  size_t start = 0;
  constexpr size_t kWidth = 100;
  if (line.size() > kWidth && column > kWidth / 2) start = column - kWidth / 2;
  std::string shown(line.substr(start, kWidth));
  for (char& c : shown)
    if (c == '\t') c = ' ';
  size_t caret_at = std::min(column - start, shown.size());
  size_t length = 1;
  auto in_name = [&](size_t i) {
    return i < shown.size() && (std::isalnum(static_cast<unsigned char>(shown[i])) ||
                                shown[i] == '_' || shown[i] == '.');
  };
  if (caret_at < shown.size() && shown[caret_at] == '"') {
    size_t close = shown.find('"', caret_at + 1);
    if (close != std::string::npos) length = close - caret_at + 1;
  } else if (in_name(caret_at)) {  // Python source: the whole (dotted) name
    while (in_name(caret_at + length)) ++length;
  }
  std::string number = std::to_string(loc.line);
  number.insert(0, width > number.size() ? width - number.size() : 0, ' ');
  std::string gutter(number.size(), ' ');
  out += fmt::format("{} {}\n", gutter, style.blue("|"));
  out += fmt::format("{} {} {}\n", style.blue(number), style.blue("|"), shown);
  out += fmt::format("{} {} {}{} {}\n", gutter, style.blue("|"), std::string(caret_at, ' '),
                     style.paint(std::string(length, mark), mark == '^' ? "1;31" : "1;34"), label);
}

// A problem of the data: the data as fed, then the input it does not fit (what the input expects
// is in the message; the input's own shape here would carry the data's batch size).
void render_data_trace(std::string& out, const Result& result, const Diagnostic& d,
                       const std::string& indent) {
  const LayerReport& input = result.layers[d.trace.front()];
  std::string label = layer_label(input);
  size_t width = std::max(label.size(), std::string("data").size());
  out += indent + "= trace:\n";
  out += fmt::format("{}    {:<{}}  {}\n", indent, "data", width, to_string(Shape(*d.data_shape)));
  out += fmt::format("{}    {:<{}}  {}\n", indent, label, width,
                     d.severity == Severity::kError ? "-> error" : "");
}

void render_trace(std::string& out, const Result& result, const Diagnostic& d,
                  const std::string& indent) {
  if (d.data_shape && !d.trace.empty() && d.trace.front() < result.layers.size()) {
    render_data_trace(out, result, d, indent);
    return;
  }
  if (d.trace.size() < 2 && !d.label_shape) return;
  constexpr size_t kShown = 6;
  size_t first = d.trace.size() > kShown ? d.trace.size() - kShown : 0;
  out += indent + "= trace:\n";
  if (first + d.trace_omitted > 0)
    out += fmt::format("{}    ... {} earlier layers\n", indent, first + d.trace_omitted);
  size_t width = 0;
  for (size_t i = first; i < d.trace.size(); ++i)
    width = std::max(width, layer_label(result.layers[d.trace[i]]).size());
  for (size_t i = first; i < d.trace.size(); ++i) {
    const LayerReport& layer = result.layers[d.trace[i]];
    // The diagnostic's layer: what it takes, and "error" only where the call fails (a problem
    // of the labels is not the output layer's call: it gives its output, then the labels).
    std::string shape = to_string(layer.output_shape);
    if (i + 1 == d.trace.size() && !d.label_shape)
      shape = fmt::format("{} -> {}", inputs_text(layer),
                          d.severity == Severity::kError ? "error" : output_text(layer));
    out += fmt::format("{}    {:<{}}  {}\n", indent, layer_label(layer), width, shape);
  }
  if (d.label_shape)
    out += fmt::format("{}    {:<{}}  {}{}\n", indent, "labels", width,
                       to_string(Shape(*d.label_shape)),
                       d.severity == Severity::kError ? " -> error" : "");
}

// Every underline says what it marks: a diagnostic about code rather than a layer (a note on
// Python source the reader did not follow) names what the code is to dimsum.
std::string primary_label_without_layer(const Diagnostic& d) {
  if (d.code == "DS0103") return "not followed";
  return std::string(to_string(d.severity));
}

void render_diagnostic(std::string& out, const Result& result, const Diagnostic& d,
                       const Style& style) {
  std::string head = d.code.empty() ? std::string(to_string(d.severity))
                                    : fmt::format("{}[{}]", to_string(d.severity), d.code);
  out += fmt::format("{}: {}\n", style.severity(d.severity, head), style.bold(d.message));
  std::string label = d.layer.empty() ? primary_label_without_layer(d)
                                      : fmt::format("layer '{}' ({})", d.layer, d.class_name);
  size_t width = d.location ? std::to_string(d.location->line).size() : 1;
  for (const Label& l : d.labels) width = std::max(width, std::to_string(l.location.line).size());
  // As rustc lays it out: the arrow under the gutter's digits, '=' under its '|'.
  std::string arrow(width, ' '), indent(width + 1, ' ');
  if (d.location && d.location->line > 0) {
    out += fmt::format("{}{} {}\n", arrow, style.blue("-->"), to_string(*d.location));
    render_source(out, *d.location, style, label, width);
  } else if (!label.empty()) {
    out += fmt::format("{}{} {}\n", arrow, style.blue("-->"), label);
  }
  for (const Label& l : d.labels) {
    out += fmt::format("{}{} {}\n", arrow, style.blue(":::"), to_string(l.location));
    render_source(out, l.location, style, l.text.empty() ? "related" : l.text, width, '-');
  }
  if (d.cause != Cause::kNone) out += fmt::format("{}= cause: {}\n", indent, to_string(d.cause));
  render_trace(out, result, d, indent);
  for (const std::string& note : d.notes)
    out += fmt::format("{}= {}: {}\n", indent, style.bold("note"), note);
  for (const std::string& help : d.help)
    out += fmt::format("{}= {}: {}\n", indent, style.paint("help", "1;32"), help);
  out += "\n";
}

std::string shapes_list(const std::vector<Shape>& shapes) {
  std::string out;
  for (size_t i = 0; i < shapes.size(); ++i) out += (i ? ", " : "") + to_string(shapes[i]);
  return out;
}

void render_diagnostics(std::string& out, const Result& result, const Style& style) {
  for (const Diagnostic& d : result.diagnostics) render_diagnostic(out, result, d, style);
}

// "'conv2d', 'dense' and 3 more": the first few names, for a verdict that fits on a line.
std::string few_names(const std::vector<std::string>& names) {
  constexpr size_t kShown = 3;
  std::string out;
  for (size_t i = 0; i < names.size() && i < kShown; ++i)
    out += fmt::format("{}'{}'", i == 0 ? "" : (i + 1 == names.size() ? " and " : ", "), names[i]);
  if (names.size() > kShown) out += fmt::format(" and {} more", names.size() - kShown);
  return out;
}

// The layers a verdict counts.
size_t layer_count(const Result& result) {
  return static_cast<size_t>(std::count_if(result.layers.begin(), result.layers.end(),
                                           [](const LayerReport& l) { return l.checkable(); }));
}

// What the check left out, in words: "3 of 10 layers ('custom', 'dense_2' and 'dense_3'); the
// data fed on line 40, whose shape is unknown". Without the layers when `with_layers` is false.
std::string unchecked_text(const Result& result, bool with_layers) {
  std::string out;
  if (with_layers && !result.unchecked_layers.empty()) {
    size_t shown = layer_count(result);
    out = fmt::format("{} of {} layer{} ({})", result.unchecked_layers.size(), shown,
                      shown == 1 ? "" : "s", few_names(result.unchecked_layers));
  }
  for (const std::string& item : result.unchecked) out += (out.empty() ? "" : "; ") + item;
  return out;
}

// The last line about a model: it builds (every layer checked), it has errors, or what was and
// was not checked. A model is never said to build when part of it was not checked.
std::string verdict(const Result& result, const Style& style) {
  size_t errors = 0, warnings = 0;
  for (const Diagnostic& d : result.diagnostics) {
    errors += d.severity == Severity::kError;
    warnings += d.severity == Severity::kWarning;
  }
  std::string params = result.total_params ? with_thousands(*result.total_params) + " params"
                                           : std::string("parameter count unknown");
  // A Python script may feed one model data of several shapes: say which this verdict is for.
  std::string model = result.data_call ? fmt::format("'{}' (fed on {})", result.model_name,
                                                     line_words(*result.data_call))
                                       : fmt::format("'{}'", result.model_name);
  // A failed model's verdict is its errors: the layers after one are never checked, and the
  // JSON output lists them.
  if (errors > 0)
    return fmt::format(
        "{}: {} model {} has {} shape error{}{}\n", result.file,
        style.severity(Severity::kError, "failed:"), model, errors, errors == 1 ? "" : "s",
        warnings ? fmt::format(" and {} warning{}", warnings, warnings == 1 ? "" : "s") : "");
  std::string warned =
      warnings ? fmt::format(" ({} warning{})", warnings, warnings == 1 ? "" : "s") : "";
  size_t checked = layer_count(result) - result.unchecked_layers.size();
  // Nothing checked: no layer (a model dimsum could not follow at all), or none on a known input.
  if (!result.complete() && (checked == 0 || result.layers.empty())) {
    // Why nothing was checked (an unknown input shape) says more than the list of layers.
    std::string unchecked = unchecked_text(result, result.unchecked.empty());
    return result.model_name.empty()
               ? fmt::format("{}: {} {}\n", result.file, style.paint("not checked:", "1;33"),
                             unchecked)
               : fmt::format("{}: {} model {}{}: {}\n", result.file,
                             style.paint("not checked:", "1;33"), model, warned, unchecked);
  }
  std::string unchecked = unchecked_text(result, true);
  if (result.unchecked_layers.empty()) {
    // Every layer checked, but not all of the model (a custom layer's call(), the labels): never
    // called "ok".
    std::string verdict =
        unchecked.empty() ? style.paint("ok", "1;32") : style.paint("checked in part:", "1;33");
    std::string built = fmt::format("{}: {} model {} builds: output {}, {}{}", result.file, verdict,
                                    model, shapes_list(result.output_shapes), params, warned);
    return unchecked.empty() ? built + "\n" : built + "; not checked: " + unchecked + "\n";
  }
  return fmt::format(
      "{}: {} model {}: no shape error in the {} layer{} checked{}; not checked: {}\n", result.file,
      style.paint("checked in part:", "1;33"), model, checked, checked == 1 ? "" : "s", warned,
      unchecked);
}

// Checked with symbolic sizes: which sizes the model builds for, in one line.
std::string domain_line(const Result& result, const Domain* domain) {
  if (!domain) return "";
  std::string sizes;
  for (const SymbolDomain& d : domain->symbols) {
    // A size any value of which works (often the batch) says nothing here.
    bool any_size = d.kind == SymbolDomain::Kind::kPeriodic && d.from == 1 && d.modulus == 1;
    if (!any_size) sizes += (sizes.empty() ? "" : " and ") + d.text();
  }
  for (const SizeCondition& c : domain->coupled)
    sizes += (sizes.empty() ? "" : " and ") + to_string(c);
  if (sizes.empty()) return "";
  return fmt::format("{}: {} {}\n", result.file,
                     domain->works() ? "the model builds when" : "no sizes work:", sizes);
}

// Checked against labels: "(100, 10) under categorical_crossentropy", one entry per output
// ("none" for an output given no labels); empty when no labels were given.
std::string labels_text(const Result& result) {
  std::string out;
  for (size_t i = 0; i < result.label_shapes.size(); ++i) {
    const Shape& shape = result.label_shapes[i];
    out += (i ? ", " : "") + (shape.rank_known() ? to_string(shape) : std::string("none"));
    if (i < result.losses.size() && !result.losses[i].empty()) out += " under " + result.losses[i];
  }
  return out;
}

std::string symbols_of_inputs(const Result& result) {
  std::string out;
  for (size_t i = 0; i < result.input_shapes.size(); ++i)
    out += fmt::format("{}{}: {}", i ? ", " : "",
                       i < result.input_names.size() ? result.input_names[i] : "input",
                       to_string(result.input_shapes[i]));
  return out;
}

}  // namespace

std::string render_domain(const Result& result, const Domain& domain) {
  std::string out = fmt::format("{}: model '{}', inputs {}\n", result.file, result.model_name,
                                symbols_of_inputs(result));
  if (domain.symbols.empty())
    out +=
        "  no symbolic sizes: the inputs' sizes are all fixed (or give them with "
        "--input-shape, e.g. 1,H,W,3)\n";
  for (const SymbolDomain& d : domain.symbols) {
    out += fmt::format("  {}: {}", d.name, d.text());
    if (d.smallest) out += fmt::format(" (smallest {})", *d.smallest);
    if (!d.conflicts.empty()) out += ": " + d.conflict_text();
    out += "\n";
  }
  for (const SizeCondition& c : domain.coupled)
    out += fmt::format("  and, together: {} (layer '{}')\n", to_string(c), c.layer);
  if (!domain.coupled.empty())
    out += domain.witness ? "  (sizes that meet them all were found)\n"
                          : "  (no sizes that meet them all were found among the smallest ones)\n";
  for (const Diagnostic& d : result.diagnostics)
    out += fmt::format("  {}[{}]: {}{}\n", to_string(d.severity), d.code, d.message,
                       d.layer.empty() ? "" : fmt::format(" (layer '{}')", d.layer));
  if (!result.conditions.empty()) out += "  conditions:\n";
  for (const SizeCondition& c : result.conditions)
    out += fmt::format("    {}: {} ({})\n", c.layer, to_string(c), c.what);
  return out;
}

std::string with_thousands(int64_t value) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return value < 0 ? "-" + out : out;
}

std::string render_check(const Result& result, const Domain* domain, const RenderOptions& options) {
  Style style{options.color};
  std::string out;
  render_diagnostics(out, result, style);
  // The labels checked go on the verdict's line: one line per result, which scripts count.
  std::string line = verdict(result, style);
  if (std::string labels = labels_text(result); !labels.empty() && !line.empty()) {
    line.pop_back();
    line += fmt::format("; labels {}\n", labels);
  }
  out += line;
  out += domain_line(result, domain);
  return out;
}

std::string render_summary(const Result& result, const Domain* domain,
                           const RenderOptions& options) {
  Style style{options.color};
  constexpr size_t kColumns = 5;
  std::vector<std::array<std::string, kColumns>> rows;
  std::vector<const LayerReport*> shown;
  for (const LayerReport& layer : result.layers) {
    if (!layer.shown) continue;
    shown.push_back(&layer);
    rows.push_back({layer_label(layer), inputs_text(layer), output_text(layer),
                    params_text(layer.params), params_text(layer.macs)});
  }
  std::array<std::string, kColumns> header{"Layer (type)", "Input Shape", "Output Shape", "Param #",
                                           "MACs"};
  std::array<size_t, kColumns> width{};
  for (size_t c = 0; c < kColumns; ++c) {
    width[c] = header[c].size();
    for (const auto& row : rows) width[c] = std::max(width[c], row[c].size());
  }
  size_t total = width[0] + width[1] + width[2] + width[3] + width[4] + 11;
  auto line = [&](const std::array<std::string, kColumns>& cells) {
    return fmt::format(" {:<{}}  {:<{}}  {:<{}}  {:>{}}  {:>{}}\n", cells[0], width[0], cells[1],
                       width[1], cells[2], width[2], cells[3], width[3], cells[4], width[4]);
  };
  std::string out =
      fmt::format("Model: \"{}\" ({}, {})\n", result.model_name, result.file, result.dialect);
  if (std::string labels = labels_text(result); !labels.empty())
    out += fmt::format("Labels: {}\n", labels);
  out += std::string(total, '_') + "\n" + line(header) + std::string(total, '=') + "\n";
  bool stopped = false;
  for (size_t i = 0; i < rows.size(); ++i) {
    std::string text = line(rows[i]);
    out += shown[i]->failed ? style.severity(Severity::kError, text) : text;
    if (shown[i]->failed && !stopped) {
      stopped = true;
      for (const Diagnostic& d : result.diagnostics)
        if (d.severity == Severity::kError && d.layer == shown[i]->name) {
          out += style.severity(
              Severity::kError,
              fmt::format(" ^ the trace stops here: error[{}] {}\n", d.code, d.message));
          break;
        }
    }
  }
  out += std::string(total, '=') + "\n";
  auto count = [](const std::optional<int64_t>& v) { return v ? with_thousands(*v) : "?"; };
  std::optional<int64_t> frozen;
  if (result.total_params && result.trainable_params)
    frozen = *result.total_params - *result.trainable_params;
  out += fmt::format("Total params: {}\nTrainable params: {}\nNon-trainable params: {}\n",
                     count(result.total_params), count(result.trainable_params), count(frozen));
  out += fmt::format("Total MACs (multiply-adds per sample): {}\n", count(result.total_macs));
  out += std::string(total, '_') + "\n\n";
  render_diagnostics(out, result, style);
  out += verdict(result, style);
  out += domain_line(result, domain);
  return out;
}

}  // namespace dimsum
