// Checking every model a file holds, each with the data the file feeds it: one Result per model
// and per shape of data (a Python script may build several models and call one with arrays of
// two shapes). Where the data is the cause of an error, the diagnostic also points at the line
// that makes the data and the line that feeds it.
#include <fmt/format.h>

#include "check/check_model.h"
#include "check/inputs.h"
#include "check/label_inputs.h"
#include "dimsum/dimsum.h"
#include "readers/source.h"

namespace dimsum {

namespace {

Location location_of(const Model& model, uint32_t offset) {
  return model.source->location(model.file, offset);
}

// The options with the feed's data in place of --input-shape, each shape named after its input.
CheckOptions with_feed(const CheckOptions& options, const Model& model, const SourceFeed& feed) {
  CheckOptions fed = options;
  fed.input_shapes.clear();
  for (size_t i = 0; i < feed.inputs.size() && i < model.inputs.size(); ++i) {
    if (!feed.inputs[i]) continue;
    InputShape shape;
    shape.name = model.layers[static_cast<size_t>(model.inputs[i])].name;
    shape.dims = *feed.inputs[i];
    fed.input_shapes.push_back(std::move(shape));
  }
  if (options.labels.empty()) {  // --labels, when given, replaces the labels the code feeds
    fed.labels = feed.labels;
    fed.sample_weights = feed.sample_weights;
    fed.input_samples = feed.input_samples;
  }
  return fed;
}

// A Sequential built by its first data is from then on a model that declares that input:
// Keras adapts the rank of later data to it as to a declared input (adapted_rank), so that
// model.predict([17.0]) runs on a model first fit on (N, 1).
SourceFeed conformed(const Model& model, const SourceFeed& feed, const SourceFeed& first) {
  if (!model.sequential || model.inputs.size() != 1 || feed.inputs.size() != 1 ||
      first.inputs.size() != 1 || !feed.inputs[0] || !first.inputs[0])
    return feed;
  const Layer& input = model.layers[static_cast<size_t>(model.inputs[0])];
  if (!input.synthetic || input.declared_shape) return feed;
  SourceFeed out = feed;
  out.inputs[0] = adapted_rank(*feed.inputs[0], *first.inputs[0], model.generation);
  return out;
}

// Labels the code feeds that cannot be told apart among the outputs (two outputs of one layer
// share its name) are not checked, and the verdict says so; never an exit status 2, which is
// for what the user gives on the command line.
void drop_unmatched_labels(const SourceModel& source, const SourceFeed& feed, bool given,
                           CheckOptions& options, std::vector<std::string>& unchecked) {
  if (feed.labels.empty() || given) return;
  std::vector<const InputShape*> per_output;
  std::string error;
  if (match_labels(source.model, options, per_output, error)) return;
  options.labels.clear();
  options.sample_weights.clear();
  Location call = location_of(source.model, feed.call);
  unchecked.push_back(
      fmt::format("the labels fed on {}, which dimsum cannot match to the "
                  "model's outputs",
                  line_words(call)));
}

bool about_labels(const Diagnostic& d) {
  return d.code == "DS0014" || d.code == "DS0015" || d.code == "DS0016" || d.code == "DS0017";
}

// A line of the file, told apart from the same line number in another cell of a notebook.
uint64_t line_key(const Location& location) {
  return uint64_t{location.cell} << 32 | location.line;
}

// Points the diagnostics the data causes at the lines that make and feed it.
void label_data(const SourceModel& source, const SourceFeed& feed, Result& result) {
  const Model& model = source.model;
  Location call = location_of(model, feed.call);
  Location made = location_of(model, feed.made);
  Location labels_made = location_of(model, feed.labels_made);
  uint64_t call_line = line_key(call), made_line = line_key(made);
  uint64_t labels_line = line_key(labels_made);
  for (Diagnostic& d : result.diagnostics) {
    uint64_t primary = d.location ? line_key(*d.location) : 0;
    if (about_labels(d)) {  // at the output layer; the labels are made and fed elsewhere
      if (!feed.labels.empty() && labels_line != primary && labels_line != call_line)
        d.labels.push_back(Label{labels_made, feed.labels_made_label});
      if (call_line != primary)
        d.labels.push_back(Label{call, fmt::format("and fed to '{}' here", model.name)});
      continue;
    }
    if (d.cause != Cause::kIncompatibleInputData && d.cause != Cause::kIncorrectBatchSize) continue;
    if (made_line != call_line && made_line != primary)
      d.labels.push_back(Label{made, feed.made_label});
    if (call_line != primary) d.labels.push_back(Label{call, feed.call_label});
  }
}

// The notes (DS0103) about code the reader did not follow around a model, where each is.
std::vector<Diagnostic> notes_of(const SourceModel& source) {
  std::vector<Diagnostic> notes;
  for (const SourceNote& n : source.notes) {
    Diagnostic d;
    d.severity = Severity::kNote;
    d.code = "DS0103";
    d.message = n.message;
    d.location = location_of(source.model, n.offset);
    notes.push_back(std::move(d));
  }
  return notes;
}

// Notes about code the reader did not follow, and, for Python source, how to give a model
// without data an input shape.
void add_source_notes(const SourceModel& source, Result& result) {
  std::vector<Diagnostic> notes = notes_of(source);
  result.diagnostics.insert(result.diagnostics.begin(), notes.begin(), notes.end());
  if (source.model.dialect != "Python source") return;
  for (Diagnostic& d : result.diagnostics)
    if (d.code == "DS0102")
      d.help = {
          "to have the model checked, feed it data in the code (model(x), model.fit(x)), "
          "give its first layer input_shape=..., or pass --input-shape"};
}

// Keras makes a model's weights when the model is built, by its first call when it declares no
// input shape; a later call with data that needs other weights (a Dense after Flatten, fed larger
// images) fails, though either shape alone would build. Reports the first layer concerned.
void check_weights_fit(const SourceModel& source, const Result& built, const SourceFeed& first,
                       Result& later) {
  for (size_t i = 0; i < later.layers.size() && i < built.layers.size(); ++i) {
    const LayerReport& made = built.layers[i];
    const LayerReport& needed = later.layers[i];
    if (!made.params || !needed.params || *made.params == *needed.params) continue;
    const Layer& layer = source.model.layers[i];
    Diagnostic d;
    d.code = "DS0011";
    d.cause = Cause::kIncompatibleInputData;
    d.layer = layer.name;
    d.class_name = layer.class_name;
    d.message = fmt::format(
        "layer '{}' has the {} weights the model's first data made it; this "
        "data needs {}",
        layer.name, *made.params, *needed.params);
    auto input = [](const LayerReport& r) {
      return r.input_shapes.empty() ? std::string("?") : to_string(r.input_shapes[0]);
    };
    d.notes.push_back(fmt::format("its input was {} at the model's first call, and is {} here",
                                  input(made), input(needed)));
    d.help.push_back(
        "to feed data of another shape, build a new model for it, or resize the data "
        "to the shape the model was first fed");
    d.location = location_of(source.model, layer.offset);
    d.labels.push_back(Label{location_of(source.model, first.call),
                             "the model is first fed here, which makes its weights"});
    later.diagnostics.push_back(std::move(d));
    return;
  }
}

// What the reader could not follow of the model's data or code, for the verdict.
void add_unchecked(const SourceModel& source, Result& result) {
  result.unchecked.insert(result.unchecked.end(), source.unchecked.begin(), source.unchecked.end());
}

// A model the reader found but could not follow at all: reported, with why, never checked.
Result unfollowed_result(const SourceModel& source, const std::string& path) {
  Result result;
  result.file = path;
  result.model_name = source.model.name;
  result.dialect = source.model.dialect;
  result.unchecked.push_back(source.unfollowed);
  result.diagnostics = notes_of(source);
  return result;
}

}  // namespace

std::variant<std::vector<Result>, LoadError> check_file_models(const std::string& path,
                                                               const CheckOptions& options) {
  std::vector<SourceModel> models;
  std::string error;
  if (!read_model_sources(path, options.max_file_size, models, error)) return LoadError{error};
  // Data given on the command line replaces what the code feeds.
  bool data_given = !options.input_shapes.empty() || !options.data_archives.empty();
  std::vector<Result> results;
  for (const SourceModel& source : models) {
    if (!source.unfollowed.empty()) {
      results.push_back(unfollowed_result(source, path));
      continue;
    }
    if (source.rejected) {
      Result& result = results.emplace_back(unfollowed_result(source, path));
      result.unchecked.clear();
      result.diagnostics.push_back(*source.rejected);
      result.diagnostics.back().location = location_of(source.model, source.offset);
      continue;
    }
    if (source.feeds.empty() || data_given) {
      auto outcome = check_model(source.model, path, options);
      if (auto* failed = std::get_if<LoadError>(&outcome)) return std::move(*failed);
      results.push_back(std::move(std::get<Result>(outcome)));
      add_source_notes(source, results.back());
      if (!data_given) add_unchecked(source, results.back());
      continue;
    }
    std::optional<size_t> built;  // the result of the first call that builds the model
    const SourceFeed* first = nullptr;
    for (const SourceFeed& given : source.feeds) {
      SourceFeed feed = built ? conformed(source.model, given, *first) : given;
      CheckOptions fed = with_feed(options, source.model, feed);
      std::vector<std::string> unmatched;
      drop_unmatched_labels(source, feed, !options.labels.empty(), fed, unmatched);
      auto outcome = check_model(source.model, path, fed);
      if (auto* failed = std::get_if<LoadError>(&outcome)) return std::move(*failed);
      Result& result = results.emplace_back(std::move(std::get<Result>(outcome)));
      result.unchecked.insert(result.unchecked.end(), unmatched.begin(), unmatched.end());
      result.data_call = location_of(source.model, feed.call);
      label_data(source, feed, result);
      if (built && result.ok()) check_weights_fit(source, results[*built], *first, result);
      if (!built && result.ok()) {
        built = results.size() - 1;
        first = &given;
      }
      add_source_notes(source, result);
      add_unchecked(source, result);
    }
  }
  return results;
}

}  // namespace dimsum
