#include <fmt/format.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "readers/json.h"
#include "report/report.h"

#include <algorithm>

namespace dimsum {

namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

// Names and messages carry bytes from the user's files (a Python string literal may hold any):
// the output is UTF-8 whatever they are.
void write_string(Writer& w, std::string_view s) {
  if (json::is_utf8(s)) {
    w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
    return;
  }
  std::string text = json::valid_utf8(s);
  w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

void write_shape(Writer& w, const Shape& shape) {
  if (!shape.rank_known()) {
    w.Null();
    return;
  }
  // Written raw so that a shape stays on one line, [100, 28, 28, 1], as a person reads it. A
  // symbolic size is its expression as a string (symbol names are identifiers: no escaping).
  std::string text = "[";
  for (size_t i = 0; i < shape.rank(); ++i) {
    Dim d = shape[i];
    if (i) text += ", ";
    if (d.symbolic()) {
      text += fmt::format("\"{}\"", to_string(d));
    } else {
      text += d.known() ? std::to_string(d.value()) : "null";
    }
  }
  text += "]";
  w.RawValue(text.c_str(), text.size(), rapidjson::kArrayType);
}

void write_shapes(Writer& w, const std::vector<Shape>& shapes) {
  w.StartArray();
  for (const Shape& s : shapes) write_shape(w, s);
  w.EndArray();
}

void write_count(Writer& w, const std::optional<int64_t>& count) {
  count ? w.Int64(*count) : w.Null();
}

void write_strings(Writer& w, const std::vector<std::string>& items) {
  w.StartArray();
  for (const std::string& s : items) write_string(w, s);
  w.EndArray();
}

void write_location(Writer& w, const Location& location) {
  w.StartObject();
  w.Key("file");
  write_string(w, location.file);
  if (location.cell > 0) {  // a notebook's: line and column are in that cell
    w.Key("cell");
    w.Uint(location.cell);
  }
  w.Key("line");
  w.Uint(location.line);
  w.Key("column");
  w.Uint(location.column);
  w.EndObject();
}

void write_diagnostic(Writer& w, const Diagnostic& d) {
  w.StartObject();
  w.Key("severity");
  write_string(w, to_string(d.severity));
  w.Key("code");
  write_string(w, d.code);
  if (d.cause != Cause::kNone) {
    w.Key("cause");
    write_string(w, to_string(d.cause));
  }
  w.Key("layer");
  write_string(w, d.layer);
  w.Key("class_name");
  write_string(w, d.class_name);
  w.Key("message");
  write_string(w, d.message);
  w.Key("notes");
  write_strings(w, d.notes);
  w.Key("help");
  write_strings(w, d.help);
  if (d.location) {
    w.Key("location");
    write_location(w, *d.location);
  }
  if (!d.labels.empty()) {
    w.Key("labels");
    w.StartArray();
    for (const Label& label : d.labels) {
      w.StartObject();
      w.Key("location");
      write_location(w, label.location);
      w.Key("text");
      write_string(w, label.text);
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
}

void write_conditions(Writer& w, const std::vector<SizeCondition>& conditions) {
  w.StartArray();
  for (const SizeCondition& c : conditions) {
    w.StartObject();
    w.Key("layer");
    write_string(w, c.layer);
    w.Key("condition");
    write_string(w, to_string(c));
    w.Key("what");
    write_string(w, c.what);
    w.EndObject();
  }
  w.EndArray();
}

void write_result(Writer& w, const Result& r) {
  w.StartObject();
  w.Key("file");
  write_string(w, r.file);
  w.Key("ok");
  w.Bool(r.ok());
  w.Key("complete");
  w.Bool(r.complete());
  w.Key("unchecked_layers");
  w.StartArray();
  for (const std::string& name : r.unchecked_layers) write_string(w, name);
  w.EndArray();
  w.Key("unchecked");
  w.StartArray();
  for (const std::string& item : r.unchecked) write_string(w, item);
  w.EndArray();
  w.Key("model");
  write_string(w, r.model_name);
  w.Key("dialect");
  write_string(w, r.dialect);
  if (r.data_call) {
    w.Key("data_call");
    write_location(w, *r.data_call);
  }
  w.Key("input_shapes");
  write_shapes(w, r.input_shapes);
  w.Key("output_shapes");
  write_shapes(w, r.output_shapes);
  if (!r.label_shapes.empty()) {  // labels were given: what each output was checked against
    w.Key("label_shapes");
    write_shapes(w, r.label_shapes);
    w.Key("losses");
    w.StartArray();
    for (size_t i = 0; i < r.label_shapes.size(); ++i) {
      if (i < r.losses.size() && !r.losses[i].empty()) {
        write_string(w, r.losses[i]);
      } else {
        w.Null();
      }
    }
    w.EndArray();
  }
  w.Key("total_params");
  write_count(w, r.total_params);
  w.Key("trainable_params");
  write_count(w, r.trainable_params);
  w.Key("total_macs");
  write_count(w, r.total_macs);
  w.Key("layers");
  w.StartArray();
  for (const LayerReport& layer : r.layers) {
    if (!layer.shown) continue;
    w.StartObject();
    w.Key("name");
    write_string(w, layer.name);
    w.Key("class_name");
    write_string(w, layer.class_name);
    w.Key("input_shapes");
    write_shapes(w, layer.input_shapes);
    w.Key("output_shape");
    write_shape(w, layer.output_shape);
    w.Key("params");
    write_count(w, layer.params);
    w.Key("macs");
    write_count(w, layer.macs);
    w.EndObject();
  }
  w.EndArray();
  w.Key("diagnostics");
  w.StartArray();
  for (const Diagnostic& d : r.diagnostics) write_diagnostic(w, d);
  w.EndArray();
  if (!r.conditions.empty()) {
    w.Key("conditions");
    write_conditions(w, r.conditions);
  }
  w.EndObject();
}

void write_int_list(Writer& w, const std::vector<int64_t>& values) {
  w.StartArray();
  for (int64_t v : values) w.Int64(v);
  w.EndArray();
}

std::string_view kind_name(SymbolDomain::Kind kind) {
  switch (kind) {
    case SymbolDomain::Kind::kNone: return "none";
    case SymbolDomain::Kind::kValues: return "values";
    case SymbolDomain::Kind::kPeriodic: return "periodic";
    case SymbolDomain::Kind::kUndecided: return "undecided";
  }
  return "undecided";
}

void write_symbol(Writer& w, const SymbolDomain& d) {
  w.StartObject();
  w.Key("name");
  write_string(w, d.name);
  w.Key("input");
  write_string(w, d.input);
  w.Key("axis");
  w.Uint64(d.axis);
  w.Key("kind");
  write_string(w, kind_name(d.kind));
  w.Key("from");
  w.Int64(d.from);
  w.Key("modulus");
  w.Int64(d.modulus);
  w.Key("residues");
  write_int_list(w, d.residues);
  w.Key("values");
  write_int_list(w, d.values);
  w.Key("smallest");
  write_count(w, d.smallest);
  if (d.kind == SymbolDomain::Kind::kUndecided) {
    w.Key("checked_up_to");
    w.Int64(d.checked_up_to);
  }
  w.Key("text");
  write_string(w, d.text());
  w.Key("conflicts");
  write_strings(w, d.conflicts);
  w.EndObject();
}

void write_domain(Writer& w, const Result& r, const Domain& domain) {
  w.StartObject();
  w.Key("file");
  write_string(w, r.file);
  w.Key("model");
  write_string(w, r.model_name);
  w.Key("input_shapes");
  write_shapes(w, r.input_shapes);
  w.Key("works");
  w.Bool(domain.works());
  w.Key("symbols");
  w.StartArray();
  for (const SymbolDomain& d : domain.symbols) write_symbol(w, d);
  w.EndArray();
  w.Key("conditions");
  write_conditions(w, r.conditions);
  w.Key("coupled");
  write_conditions(w, domain.coupled);
  w.Key("diagnostics");
  w.StartArray();
  for (const Diagnostic& d : r.diagnostics) write_diagnostic(w, d);
  w.EndArray();
  w.Key("conflicts");
  std::vector<std::string> conflicts;
  for (const SymbolDomain& d : domain.symbols)
    for (const std::string& layer : d.conflicts)
      if (std::find(conflicts.begin(), conflicts.end(), layer) == conflicts.end())
        conflicts.push_back(layer);
  write_strings(w, conflicts);
  w.EndObject();
}

template <typename Item, typename WriteItem>
std::string render_one_or_array(const std::vector<Item>& items, WriteItem write_item) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.SetIndent(' ', 2);
  if (items.size() == 1) {
    write_item(w, items[0]);
  } else {
    w.StartArray();
    for (const Item& item : items) write_item(w, item);
    w.EndArray();
  }
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

}  // namespace

std::string render_json(const std::vector<const Result*>& results) {
  return render_one_or_array(results, [](Writer& w, const Result* r) { write_result(w, *r); });
}

std::string render_domain_json(const std::vector<std::pair<const Result*, Domain>>& domains) {
  return render_one_or_array(domains, [](Writer& w, const std::pair<const Result*, Domain>& d) {
    write_domain(w, *d.first, d.second);
  });
}

}  // namespace dimsum
