#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "report/report.h"

namespace dimsum {

namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void write_string(Writer& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

void write_shape(Writer& w, const Shape& shape) {
  if (!shape.rank_known()) {
    w.Null();
    return;
  }
  // Written raw so that a shape stays on one line, [100, 28, 28, 1], as a person reads it.
  std::string text = "[";
  for (size_t i = 0; i < shape.rank(); ++i)
    text += (i ? ", " : "") + (shape[i].known() ? std::to_string(shape[i].value()) : "null");
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

void write_result(Writer& w, const Result& r) {
  w.StartObject();
  w.Key("file");
  write_string(w, r.file);
  w.Key("ok");
  w.Bool(r.ok());
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
  w.EndObject();
}

}  // namespace

std::string render_json(const std::vector<const Result*>& results) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.SetIndent(' ', 2);
  if (results.size() == 1) {
    write_result(w, *results[0]);
  } else {
    w.StartArray();
    for (const Result* r : results) write_result(w, *r);
    w.EndArray();
  }
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

}  // namespace dimsum
