#include "check/labels.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "check/losses.h"

namespace dimsum {

namespace {

using losses::Family;
using losses::Fit;
using losses::Loss;

// One model output and what it is trained against.
struct Target {
  size_t layer = 0;  // index into Model::layers and Result::layers
  std::string name;
  Dims output;                         // its shape, batch first
  const InputShape* labels = nullptr;  // nullptr: none given
  const InputShape* weights = nullptr;
  const LossChoice* loss = nullptr;  // nullptr: the model is not compiled with one
  std::vector<std::string> metrics;
};

bool named(const std::string& wanted, const std::string& name) {
  return wanted.empty() || wanted == name;
}

// The sample weights of each target: by output name, then the unnamed ones in output order.
void assign_weights(std::vector<Target>& targets, const std::vector<InputShape>& weights) {
  std::vector<bool> taken(targets.size(), false);
  for (const InputShape& w : weights)
    for (size_t i = 0; i < targets.size(); ++i)
      if (!w.name.empty() && w.name == targets[i].name && !taken[i]) {
        targets[i].weights = &w;
        taken[i] = true;
        break;
      }
  size_t next = 0;
  for (const InputShape& w : weights) {
    if (!w.name.empty()) continue;
    while (next < targets.size() && taken[next]) ++next;
    if (next == targets.size()) break;
    targets[next].weights = &w;
    taken[next++] = true;
  }
}

std::vector<Target> targets_of(const Model& model, const CheckOptions& options,
                               const std::vector<const InputShape*>& labels, const Result& result) {
  std::vector<Target> targets;
  std::vector<std::string> names = output_names(model);
  for (size_t i = 0; i < model.outputs.size(); ++i) {
    Target t;
    t.layer = static_cast<size_t>(model.outputs[i].layer);
    t.name = names[i];
    if (i < result.output_shapes.size() && result.output_shapes[i].rank_known())
      t.output = result.output_shapes[i].dims();
    if (i < labels.size()) t.labels = labels[i];
    targets.push_back(std::move(t));
  }
  assign_weights(targets, options.sample_weights);
  // --loss for an output replaces its compiled loss; the metrics compiled for that loss are then
  // not checked ("accuracy" may stand for another metric under another loss).
  auto loss_for = [](const std::vector<LossChoice>& losses, const std::string& output) {
    const LossChoice* found = nullptr;
    for (const LossChoice& loss : losses)
      if (loss.output == output) found = &loss;
    if (!found)
      for (const LossChoice& loss : losses)
        if (loss.output.empty()) found = &loss;
    return found;
  };
  for (Target& t : targets) {
    t.loss = loss_for(options.losses, t.name);
    if (t.loss) continue;
    t.loss = loss_for(model.losses, t.name);
    for (const MetricChoice& metric : model.metrics)
      if (named(metric.output, t.name)) t.metrics.push_back(metric.name);
  }
  return targets;
}

// The output layer and the layers before it along first inputs, oldest first.
std::vector<size_t> chain_to(const Model& model, size_t layer, size_t& omitted) {
  constexpr size_t kKept = 8;
  std::vector<size_t> path{layer};
  std::set<size_t> seen{layer};
  omitted = 0;
  for (auto l = first_input_layer(model, layer); l; l = first_input_layer(model, *l)) {
    if (!seen.insert(*l).second) break;
    if (path.size() < kKept)
      path.push_back(*l);
    else
      ++omitted;
  }
  return {path.rbegin(), path.rend()};
}

Diagnostic& add(Result& result, const Model& model, const Target& t, std::string code, Cause cause,
                std::string message) {
  Diagnostic& d = result.diagnostics.emplace_back();
  d.code = std::move(code);
  d.cause = cause;
  d.message = std::move(message);
  const Layer& layer = model.layers[t.layer];
  d.layer = layer.name;
  d.class_name = layer.class_name;
  d.location = model.source->location(model.file, layer.offset);
  d.trace = chain_to(model, t.layer, d.trace_omitted);
  if (t.labels) d.label_shape = t.labels->dims;
  return d;
}

std::string subject(const InputShape& labels) {
  return labels.source.empty() ? std::string("the labels") : "the labels " + labels.source;
}

std::optional<int64_t> size_of(Dim d) {
  return d.known() ? std::optional<int64_t>(d.value()) : std::nullopt;
}

// The last recurrent layer before `layer` that returns sequences, whose output keeps the time
// axis a classifier does not want.
std::optional<size_t> sequence_returning(const Model& model, size_t layer) {
  size_t omitted = 0;
  std::vector<size_t> path = chain_to(model, layer, omitted);
  for (auto it = path.rbegin(); it != path.rend(); ++it) {
    const json::Value* config = model.layers[*it].config;
    const json::Value* flag =
        config && config->is_object() ? config->find("return_sequences") : nullptr;
    if (flag && flag->kind == json::Kind::kBool && flag->boolean) return *it;
  }
  return std::nullopt;
}

// Labels with fewer axes than the output, which the output has too many of: a classifier on a
// feature map (a Dense on a 4-D tensor, no Flatten) or on a sequence.
void help_extra_axes(const Model& model, const Target& t, Diagnostic& d) {
  const Layer& out = model.layers[t.layer];
  if (auto rnn = sequence_returning(model, t.layer)) {
    d.help.push_back(fmt::format(
        "to classify whole sequences, give '{}' return_sequences=False, so that '{}' gets one "
        "vector per sample",
        model.layers[*rnn].name, out.name));
    return;
  }
  d.help.push_back(fmt::format(
      "to classify whole samples, add Flatten() (or GlobalAveragePooling{}D()) before '{}': a "
      "{} on a tensor of rank {} applies to its last axis only and keeps the others",
      t.output.size() >= 4 ? t.output.size() - 2 : 1, out.name, out.class_name, t.output.size()));
}

// The help for labels that do not fit, by what is wrong: the labels' form for the loss, or the
// output layer's size or rank.
Cause explain_misfit(const Model& model, const Target& t, const Loss& loss, const Dims& labels,
                     Diagnostic& d) {
  const Dims& out = t.output;
  const Layer& layer = model.layers[t.layer];
  auto units = out.empty() ? std::nullopt : size_of(out.back());
  auto columns = labels.empty() ? std::nullopt : size_of(labels.back());
  bool ids = labels.size() + 1 == out.size() || (labels.size() == out.size() && columns == 1);
  bool ids_beyond = labels.size() < out.size() && labels.size() <= 2;
  // The output keeps axes the labels do not have: a classifier on a feature map or a sequence.
  if (out.size() > 2 && labels.size() <= 2 &&
      (labels.size() == 1 || columns == 1 || columns == units)) {
    d.notes.push_back(
        fmt::format("output '{}' has shape {}: one prediction per position, not one "
                    "per sample",
                    layer.name, to_string(Shape(out))));
    help_extra_axes(model, t, d);
    return Cause::kLayerMisconfiguration;
  }
  switch (loss.family) {
    case Family::kCategorical:
      if (ids || ids_beyond) {
        if (units == 1) break;
        d.notes.push_back(fmt::format(
            "{} takes one-hot labels, one column per class; these look like class ids", loss.name));
        d.help.push_back(
            fmt::format("to one-hot encode the labels, use "
                        "keras.utils.to_categorical(y, {})",
                        units ? std::to_string(*units) : std::string("num_classes")));
        d.help.push_back(
            "or compile with loss='sparse_categorical_crossentropy', which takes class ids");
        return Cause::kIncompatibleInputData;
      }
      break;
    case Family::kSparse:
      if (labels.size() == out.size() && columns && columns == units && units > 1) {
        d.notes.push_back(fmt::format(
            "sparse_categorical_crossentropy takes class ids, one per prediction; these labels "
            "look one-hot, {} columns",
            *columns));
        d.help.push_back(
            "compile with loss='categorical_crossentropy', which takes one-hot labels");
        d.help.push_back("or feed the class ids instead: y.argmax(axis=-1)");
        return Cause::kIncompatibleInputData;
      }
      break;
    case Family::kBinary:
      if ((ids || labels.size() == 1) && units && *units > 1) {
        d.notes.push_back(fmt::format(
            "binary_crossentropy compares each of the {} output units with its own label", *units));
        d.help.push_back(fmt::format(
            "for one yes/no label per sample, end with Dense(1, activation=\"sigmoid\") instead of "
            "{} units",
            *units));
        d.help.push_back(
            fmt::format("or keep {} units with activation=\"softmax\" and compile with "
                        "loss='sparse_categorical_crossentropy'",
                        *units));
        return Cause::kLayerMisconfiguration;
      }
      break;
    case Family::kElementwise: break;
  }
  if (loss.family == Family::kCategorical && units == 1) {
    d.notes.push_back(
        "categorical_crossentropy over a single unit: a softmax of one value is always 1, and the "
        "loss teaches nothing");
    d.help.push_back(
        "for two classes, end with Dense(1, activation=\"sigmoid\") and compile with "
        "loss='binary_crossentropy'");
    d.help.push_back(
        "or end with Dense(num_classes, activation=\"softmax\") and one-hot labels "
        "(keras.utils.to_categorical)");
    return Cause::kLayerMisconfiguration;
  }
  // The same rank, another number of columns: the output layer's size.
  Dims y = labels;
  if (y.size() == 1) y.push_back(Dim(1));
  if (y.size() == out.size() && y.back().known() && units && y.back() != out.back()) {
    d.notes.push_back(fmt::format("'{}' gives {} {} per sample; the labels have {}", layer.name,
                                  *units, *units == 1 ? "value" : "values", to_string(y.back())));
    std::string wanted = to_string(y.back());
    std::string columns = y.back() == Dim(1) ? "column" : "columns";
    d.help.push_back(layer.class_name == "Dense"
                         ? fmt::format("to predict the labels' {} {}, make '{}' Dense({}) instead "
                                       "of Dense({})",
                                       wanted, columns, layer.name, wanted, *units)
                         : fmt::format("to predict the labels' {} {}, give '{}' {} outputs per "
                                       "sample instead of {}",
                                       wanted, columns, layer.name, wanted, *units));
    if (loss.family == Family::kCategorical)
      d.help.push_back(
          fmt::format("or, if there are {} classes, one-hot encode the labels with "
                      "keras.utils.to_categorical(y, {})",
                      *units, *units));
    return Cause::kLayerMisconfiguration;
  }
  Dims wanted = out;
  if (loss.family == Family::kSparse && !wanted.empty()) {
    // Standalone Keras wants sparse targets with a last axis of 1 (training.py's
    // _standardize_user_data); the later ones take them with or without it.
    if (generation_of(model) == KerasGeneration::kStandalone) {
      wanted.back() = Dim(1);
      if (labels.size() + 1 == out.size()) {
        wanted.erase(wanted.begin());
        d.help.push_back(fmt::format(
            "give the class ids a last axis of 1, shape {} per sample: np.expand_dims(y, -1)",
            tuple_string(wanted)));
        return Cause::kIncompatibleInputData;
      }
    } else {
      wanted.pop_back();
    }
  }
  wanted.erase(wanted.begin());
  d.help.push_back(
      fmt::format("feed labels whose samples have the shape {}", tuple_string(wanted)));
  return Cause::kIncompatibleInputData;
}

// Whether the layer's activation is a sigmoid: Activation("sigmoid"), or a layer made with
// activation="sigmoid".
bool ends_in_sigmoid(const Layer& layer) {
  const json::Value* activation =
      layer.config && layer.config->is_object() ? layer.config->find("activation") : nullptr;
  return activation && activation->is_string() && activation->text() == "sigmoid";
}

// The loss a target is checked with, when dimsum knows it.
std::optional<Loss> known_loss(const Model& model, const Target& t) {
  if (!t.loss || t.loss->name.empty()) return std::nullopt;
  std::optional<Loss> loss = losses::find_loss(t.loss->name, t.loss->from_logits);
  if (loss) loss->sigmoid_output = ends_in_sigmoid(model.layers[t.layer]);
  return loss;
}

// The sample counts of the inputs, the labels and the sample weights (tf.keras 2
// data_adapter: "Data cardinality is ambiguous"; standalone Keras:
// check_array_length_consistency).
void check_sample_counts(const Model& model, const CheckOptions& options, const Target& t,
                         Result& result) {
  std::optional<int64_t> inputs = options.input_samples;
  if (!inputs)
    for (const InputShape& shape : options.input_shapes)
      if (shape.from_data() && !shape.dims.empty() && shape.dims[0].known())
        inputs = shape.dims[0].value();
  auto labels = t.labels->dims.empty() ? std::nullopt : size_of(t.labels->dims[0]);
  auto weights = t.weights && !t.weights->dims.empty() ? size_of(t.weights->dims[0]) : std::nullopt;
  auto report = [&](std::string what, int64_t theirs) {
    Diagnostic& d =
        add(result, model, t, "DS0015", Cause::kIncompatibleInputData,
            fmt::format("the inputs hold {} samples, but {} {}", *inputs, what, theirs));
    d.notes.push_back(
        "Keras pairs the i-th input sample with the i-th label: every array fed to fit() must "
        "hold the same number of samples (tf.keras 2: \"Data cardinality is ambiguous\")");
    d.help.push_back(
        "check that the labels come from the same split as the inputs (x_train with y_train), "
        "and that both are sliced or filtered alike");
  };
  if (inputs && labels && *inputs != *labels)
    report(fmt::format("{} for output '{}' hold", subject(*t.labels), t.name), *labels);
  if (inputs && weights && *inputs != *weights)
    report(fmt::format("the sample weights for output '{}' hold", t.name), *weights);
}

// Class ids of a sparse loss must be below the output's number of classes.
bool check_class_ids(const Model& model, const Target& t, const Loss& loss, Result& result) {
  if (loss.family != Family::kSparse || !t.labels->high || t.output.empty()) return true;
  auto classes = size_of(t.output.back());
  if (!classes || *t.labels->high <= *classes) return true;
  int64_t top = *t.labels->high - 1;
  Diagnostic& d = add(result, model, t, "DS0016", Cause::kIncompatibleInputData,
                      fmt::format("{} hold class ids up to {}, but output '{}' has {} classes, "
                                  "ids 0 to {}",
                                  subject(*t.labels), top, t.name, *classes, *classes - 1));
  d.notes.push_back(fmt::format(
      "sparse_categorical_crossentropy reads each label as the index of a class: tf.keras 2 "
      "raises 'Received a label value of {} which is outside the valid range of [0, {})' on the "
      "CPU, and gives a loss of NaN on a GPU",
      top, *classes));
  const Layer& layer = model.layers[t.layer];
  d.help.push_back(layer.class_name == "Dense"
                       ? fmt::format("if there are {} classes, make '{}' Dense({}) instead of "
                                     "Dense({})",
                                     top + 1, t.name, top + 1, *classes)
                       : fmt::format("if there are {} classes, give '{}' {} outputs per sample",
                                     top + 1, t.name, top + 1));
  int64_t low = t.labels->low.value_or(0);
  if (low > 0 && top - low + 1 == *classes)  // ids counted from 1
    d.help.push_back(
        fmt::format("the ids run from {} to {}: to count them from 0, subtract {} (y - {})", low,
                    top, low, low));
  else
    d.help.push_back(fmt::format("or make the labels class ids from 0 to {}", *classes - 1));
  return false;
}

void check_metrics(const Model& model, const Target& t, const std::optional<Loss>& loss,
                   KerasGeneration generation, Result& result) {
  for (const std::string& metric : t.metrics) {
    std::string resolved =
        metric == "accuracy" || metric == "acc"
            ? losses::resolve_accuracy(loss, t.output, t.labels->dims, generation)
            : metric;
    losses::Verdict v = losses::fit_metric(resolved, t.output, t.labels->dims);
    if (v.fit == Fit::kFits) continue;
    std::string shown = resolved == metric ? fmt::format("metric '{}'", metric)
                                           : fmt::format("metric '{}' ({} here)", metric, resolved);
    Diagnostic& d = add(result, model, t, "DS0017", Cause::kIncompatibleInputData,
                        fmt::format("{} does not fit {} of shape {} for output '{}'", shown,
                                    subject(*t.labels), tuple_string(t.labels->dims), t.name));
    if (v.fit == Fit::kBroadcasts) d.severity = Severity::kWarning;
    d.notes.insert(d.notes.end(), v.notes.begin(), v.notes.end());
    if (resolved.starts_with("sparse"))
      d.help.push_back("for one-hot labels, use metrics=['categorical_accuracy']");
    else
      d.help.push_back("for class ids, use metrics=['sparse_categorical_accuracy']");
  }
}

std::string loss_name(const Target& t) {
  if (!t.loss) return "";
  return t.loss->name.empty() ? t.loss->custom : t.loss->name;
}

void check_target(const Model& model, const CheckOptions& options, const Target& t,
                  Result& result) {
  check_sample_counts(model, options, t, result);
  if (t.output.empty()) return;  // the output's shape is unknown: the model's own notes say why
  std::string where = fmt::format("the labels of output '{}'", t.name);
  if (!t.loss) {
    result.unchecked.push_back(where + ", as the loss the model is compiled with is unknown");
    return;
  }
  if (t.loss->name.empty()) {
    result.unchecked.push_back(fmt::format("{}, trained with {}", where, t.loss->custom));
    return;
  }
  std::optional<Loss> loss = known_loss(model, t);
  if (!loss) {
    result.unchecked.push_back(fmt::format(
        "{}, trained with the loss '{}', which dimsum does not know", where, t.loss->name));
    return;
  }
  const Dims& labels = t.labels->dims;
  KerasGeneration generation = generation_of(model);
  losses::Verdict verdict = losses::fit_labels(*loss, t.output, labels, generation);
  if (verdict.fit != Fit::kFits) {
    Diagnostic& d = add(result, model, t, "DS0014", Cause::kIncompatibleInputData,
                        fmt::format("{} of shape {} do not fit output '{}' of shape {} under {}",
                                    subject(*t.labels), tuple_string(labels), t.name,
                                    to_string(Shape(t.output)), loss->name));
    d.notes.insert(d.notes.end(), verdict.notes.begin(), verdict.notes.end());
    Dims adapted = losses::adapted_labels(t.output, labels, generation);
    d.cause = explain_misfit(model, t, *loss, adapted, d);
    return;
  }
  if (loss->family == Family::kCategorical && t.output.back() == Dim(1)) {
    // Runs in tf.keras 2 and Keras 3 (standalone Keras refuses it), but learns nothing.
    Diagnostic& d = add(result, model, t, "DS0014", Cause::kLayerMisconfiguration,
                        fmt::format("output '{}' has a single unit, and {} over one class "
                                    "learns nothing",
                                    t.name, loss->name));
    d.severity = Severity::kWarning;
    explain_misfit(model, t, *loss, labels, d);
    return;
  }
  if (!check_class_ids(model, t, *loss, result)) return;
  check_metrics(model, t, loss, generation, result);
}

bool fits(const Model& model, const Target& output, const InputShape& labels) {
  std::optional<Loss> loss = known_loss(model, output);
  return loss && !output.output.empty() &&
         losses::fit_labels(*loss, output.output, labels.dims, generation_of(model)).fit ==
             Fit::kFits;
}

// Labels of several outputs given in the wrong order: two outputs whose labels each fit the
// other and not their own. Reported once, on the first; returns the targets so reported.
std::set<size_t> report_swapped_labels(const Model& model, const std::vector<Target>& targets,
                                       Result& result) {
  std::set<size_t> reported;
  constexpr size_t kPairsUpTo = 64;  // outputs: beyond, pairs would cost too much to try
  if (targets.size() > kPairsUpTo) return reported;
  for (size_t i = 0; i < targets.size(); ++i)
    for (size_t j = i + 1; j < targets.size(); ++j) {
      const Target& a = targets[i];
      const Target& b = targets[j];
      if (!a.labels || !b.labels || reported.count(i) || reported.count(j)) continue;
      if (fits(model, a, *a.labels) || fits(model, b, *b.labels) || !fits(model, a, *b.labels) ||
          !fits(model, b, *a.labels))
        continue;
      Diagnostic& d =
          add(result, model, a, "DS0014", Cause::kIncompatibleInputData,
              fmt::format("the labels for outputs '{}' and '{}' are swapped: those "
                          "given for '{}', of shape {}, fit '{}', and the other way "
                          "round",
                          a.name, b.name, a.name, tuple_string(a.labels->dims), b.name));
      std::string order;
      for (const Target& t : targets) order += (order.empty() ? "" : ", ") + t.name;
      d.notes.push_back(fmt::format(
          "Keras pairs a list of labels with the model's outputs in their order: {}", order));
      d.help.push_back(fmt::format(
          "give the labels in the outputs' order, or as a dict by output name ({{\"{}\": ..., "
          "\"{}\": ...}})",
          a.name, b.name));
      reported.insert(i);
      reported.insert(j);
    }
  return reported;
}

}  // namespace

void check_labels(const Model& model, const CheckOptions& options,
                  const std::vector<const InputShape*>& labels, Result& result) {
  if (std::none_of(labels.begin(), labels.end(), [](const InputShape* l) { return l; })) return;
  std::vector<Target> targets = targets_of(model, options, labels, result);
  for (const Target& t : targets) {
    result.label_shapes.push_back(t.labels ? Shape(t.labels->dims) : Shape::unknown());
    result.losses.push_back(loss_name(t));
  }
  std::set<size_t> swapped = report_swapped_labels(model, targets, result);
  for (size_t i = 0; i < targets.size(); ++i)
    if (targets[i].labels && !swapped.count(i)) check_target(model, options, targets[i], result);
}

}  // namespace dimsum
