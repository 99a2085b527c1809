#include "check/propagate.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <functional>
#include <map>
#include <queue>

#include "check/inputs.h"
#include "layers/checks.h"
#include "layers/layer.h"
#include "shape/symbolic.h"

namespace dimsum {

namespace {

bool is_input(const Layer& layer) { return layer.class_name == "InputLayer"; }

const std::vector<InputFeed> kNoFeeds;

// Raw TensorFlow ops may take a constant first argument (tf.math.subtract(1.0, x)); every other
// rule reads its first input.
bool takes_constant_first_argument(const Layer& layer) {
  return layer.class_name == "TFOpLambda" || layer.class_name == "SlicingOpLambda";
}

// What each call gave: its output shapes, once it has been visited.
struct CallRecord {
  std::vector<Shape> outputs;
  bool done = false;
};

class Propagator {
 public:
  Propagator(const Model& model, ModelTrace& trace, const PropagateOptions& options)
      : model_(model), trace_(trace), options_(options) {
    for (size_t l = 0; l < model.layers.size(); ++l) {
      first_call_.push_back(layer_of_call_.size());
      layer_of_call_.insert(layer_of_call_.end(), calls(model.layers[l]), l);
    }
    records_.resize(layer_of_call_.size());
    trace_.layers.resize(model.layers.size());
  }

  bool run(const InputData& data, std::string& error) {
    find_dependents();
    resolve_inputs(data);
    return visit_in_dependency_order(error) && collect_outputs(error);
  }

 private:
  static size_t calls(const Layer& layer) { return is_input(layer) ? 1 : layer.nodes.size(); }
  size_t call_id(const TensorRef& ref) const { return first_call_[ref.layer] + ref.node; }

  void resolve_inputs(const InputData& data) {
    std::vector<std::vector<Diagnostic>> found(model_.inputs.size());
    for (size_t i = 0; i < model_.inputs.size(); ++i) {
      int index = model_.inputs[i];
      bool fed = options_.feeds && i < options_.feeds->size();
      trace_.inputs.push_back(resolve_input(model_.layers[index], consumers_of(index),
                                            i < data.size() ? data[i] : std::nullopt,
                                            fed ? (*options_.feeds)[i] : InputFeed{}, found[i]));
    }
    auto agreement =
        check_inputs_agree(model_, options_.feeds ? *options_.feeds : kNoFeeds, trace_.inputs);
    // Inputs that fix different batch sizes are one problem, reported once: a batch that fits
    // neither input is a consequence of it.
    for (auto& [i, d] : agreement)
      if (d.code == "DS0009")
        std::erase_if(found[i], [](const Diagnostic& own) { return own.code == "DS0009"; });
    for (size_t i = 0; i < model_.inputs.size(); ++i) {
      note_declared_sizes(static_cast<size_t>(model_.inputs[i]), trace_.inputs[i]);
      for (Diagnostic& d : found[i]) attach(model_.inputs[i], std::move(d));
    }
    for (auto& [i, d] : agreement) attach(model_.inputs[i], std::move(d));
    // An InputLayer's call gives the shape resolved for it (the last, should it be listed twice).
    for (size_t i = 0; i < model_.inputs.size(); ++i)
      records_[first_call_[model_.inputs[i]]].outputs = {trace_.inputs[i]};
  }

  // A symbolic size where the input declares a number asks what the model's layers accept at
  // other sizes (the question `dimsum domain` answers): the declared number is set aside, and a
  // note says so.
  void note_declared_sizes(size_t index, const Shape& shape) {
    const Layer& input = model_.layers[index];
    if (!input.declared_shape || input.declared_shape->size() != shape.rank()) return;
    std::vector<std::string> axes;
    for (size_t axis = 1; axis < shape.rank(); ++axis) {
      Dim declared = (*input.declared_shape)[axis];
      if (shape[axis].symbolic() && declared.known())
        axes.push_back(fmt::format("{} for axis {}", to_string(shape[axis]), axis));
    }
    if (axes.empty()) return;
    Diagnostic d;
    d.severity = Severity::kNote;
    d.code = "DS0104";
    d.message = fmt::format("the input declares the shape {}; checked with {} instead",
                            tuple_string(*input.declared_shape), fmt::join(axes, ", "));
    d.help.push_back(
        "the answer is for the layers at any size; the model as saved accepts only the declared "
        "one (save it with None there to accept others)");
    attach(index, std::move(d));
  }

  // The layers that take layer `index`'s output, in file order.
  std::vector<const Layer*> consumers_of(int index) const {
    std::vector<const Layer*> out;
    size_t first = first_call_[index];
    for (size_t id = first; id < first + calls(model_.layers[index]); ++id)
      for (size_t i = dependents_.first[id]; i < dependents_.first[id + 1]; ++i)
        out.push_back(&model_.layers[layer_of_call_[dependents_.calls[i]]]);
    std::sort(out.begin(), out.end());  // the layers' addresses are in file order
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  // Calls `f` on every tensor a call depends on: its first argument's and those passed as other
  // arguments.
  template <typename F>
  static void for_each_tensor(const Node& node, F f) {
    for (const TensorRef& ref : node.inputs) f(ref);
    for (const Argument& a : node.arguments) f(a.tensor);
  }

  // Calls `f(producer, consumer)` for every tensor one call passes to another, in file order.
  template <typename F>
  void for_each_edge(F f) const {
    for (size_t l = 0; l < model_.layers.size(); ++l) {
      const Layer& layer = model_.layers[l];
      if (is_input(layer)) continue;
      for (size_t n = 0; n < layer.nodes.size(); ++n)
        for_each_tensor(layer.nodes[n],
                        [&](const TensorRef& ref) { f(call_id(ref), first_call_[l] + n); });
    }
  }

  // The calls that take each call's outputs, as one array of lists (`first[id]` to
  // `first[id + 1]` in `calls`): a vector per call cost an allocation per layer of a large graph.
  struct Dependents {
    std::vector<size_t> first;
    std::vector<size_t> calls;
  };

  // One walk over the graph's calls and their inputs, which in a large graph are scattered over
  // the heap and out of the cache: the edges are gathered first, then sorted by producer.
  void find_dependents() {
    std::vector<std::pair<size_t, size_t>> edges;  // producer, consumer
    for_each_edge(
        [&](size_t producer, size_t consumer) { edges.emplace_back(producer, consumer); });
    dependents_.first.assign(records_.size() + 1, 0);
    for (auto [producer, consumer] : edges) ++dependents_.first[producer + 1];
    for (size_t id = 0; id < records_.size(); ++id)
      dependents_.first[id + 1] += dependents_.first[id];
    dependents_.calls.resize(edges.size());
    std::vector<size_t> filled(dependents_.first.begin(), dependents_.first.end() - 1);
    for (auto [producer, consumer] : edges) dependents_.calls[filled[producer]++] = consumer;
  }

  // Kahn's algorithm over calls; ready calls are taken in file order so that diagnostics come
  // out in the order of the model's layers.
  bool visit_in_dependency_order(std::string& error) {
    std::vector<int> waiting(records_.size(), 0);
    for (size_t consumer : dependents_.calls) ++waiting[consumer];
    std::priority_queue<size_t, std::vector<size_t>, std::greater<>> ready;
    for (size_t id = 0; id < records_.size(); ++id)
      if (waiting[id] == 0) ready.push(id);
    size_t visited = 0;
    while (!ready.empty()) {
      size_t id = ready.top();
      ready.pop();
      ++visited;
      if (!visit(id, error)) return false;
      for (size_t i = dependents_.first[id]; i < dependents_.first[id + 1]; ++i)
        if (--waiting[dependents_.calls[i]] == 0) ready.push(dependents_.calls[i]);
    }
    if (visited == records_.size()) return true;
    for (size_t l = 0; l < model_.layers.size(); ++l)
      for (size_t n = 0; n < calls(model_.layers[l]); ++n)
        if (!records_[first_call_[l] + n].done) {
          error = fmt::format("{}: the model graph has a cycle through layer \"{}\"",
                              model_.source->where(model_.file, model_.layers[l].offset),
                              model_.layers[l].name);
          return false;
        }
    return true;
  }

  // The shape of tensor `ref`, as its producer made it; false with `error` if it has no such
  // output.
  bool shape_of(const Layer& layer, const TensorRef& ref, Shape& shape, std::string& error) {
    const CallRecord& producer = records_[call_id(ref)];
    if (static_cast<size_t>(ref.tensor) < producer.outputs.size()) {
      shape = producer.outputs[ref.tensor];
      return true;
    }
    if (producer.outputs.size() == 1 && !producer.outputs[0].rank_known()) {
      shape = Shape::unknown();
      return true;
    }
    error = fmt::format("{}: layer \"{}\" uses output {} of \"{}\", which has {} output{}",
                        model_.source->where(model_.file, layer.offset), layer.name, ref.tensor,
                        model_.layers[ref.layer].name, producer.outputs.size(),
                        producer.outputs.size() == 1 ? "" : "s");
    return false;
  }

  const AssumedShape* assumed(const Layer& layer) const {
    if (!options_.assumed) return nullptr;
    for (const AssumedShape& a : *options_.assumed)
      if (a.layer == layer.name) return &a;
    return nullptr;
  }

  bool visit(size_t id, std::string& error) {
    size_t l = layer_of_call_[id];
    // Calls are visited nearly in file order: the configs a few layers ahead are loaded into the
    // cache while this one is checked (a large graph's tree is long out of it). A config's
    // members sit shortly before the layer's entry, which holds the config value itself.
    constexpr size_t kPrefetchDistance = 8, kConfigBytes = 768, kEntryTail = 64, kText = 384;
    if (l + kPrefetchDistance < model_.layers.size()) {
      const Layer& ahead = model_.layers[l + kPrefetchDistance];
      if (ahead.config) json::prefetch_around(ahead.config, kConfigBytes, kEntryTail);
      // And the config's text, where its keys are compared and its numbers read.
      if (model_.source && ahead.offset < model_.source->text().size())
        json::prefetch_around(model_.source->text().data() + ahead.offset, 0, kText);
    }
    size_t n = id - first_call_[l];
    const Layer& layer = model_.layers[l];
    CallRecord& record = records_[id];
    record.done = true;
    LayerReport& report = trace_.layers[l];
    if (is_input(layer)) {
      // Set by resolve_inputs for a model input; an InputLayer that is none has no shape.
      if (record.outputs.empty()) record.outputs = {Shape::unknown()};
      const Shape& shape = record.outputs[0];
      report.input_shapes = {shape};
      report.output_shape = shape;
      report.reached = shape.rank_known();
      return true;
    }
    const Node& node = layer.nodes[n];
    std::vector<Shape> inputs(node.inputs.size());
    for (size_t i = 0; i < node.inputs.size(); ++i)
      if (!shape_of(layer, node.inputs[i], inputs[i], error)) return false;
    std::vector<ArgumentShape> arguments;
    for (const Argument& a : node.arguments) {
      arguments.push_back({a.name, a.position, Shape::unknown()});
      if (!shape_of(layer, a.tensor, arguments.back().shape, error)) return false;
    }
    // The first call's input shapes are the layer's, kept in its report: moved there once the
    // call is done with them, as copying them cost an allocation per layer.
    auto keep_first_call_inputs = [&] {
      if (n != 0) return;
      report.input_shapes = std::move(inputs);
      for (const ArgumentShape& a : arguments) report.input_shapes.push_back(a.shape);
    };
    bool has_tensors = !inputs.empty() || (!arguments.empty() && node.constant &&
                                           takes_constant_first_argument(layer));
    bool inputs_known = has_tensors;
    for (const Shape& s : inputs) inputs_known = inputs_known && s.rank_known();
    for (const ArgumentShape& a : arguments) inputs_known = inputs_known && a.shape.rank_known();
    Outcome outcome;
    if (const AssumedShape* a = assumed(layer)) {
      outcome.outputs = {Shape(a->dims)};
      outcome.params = outcome.non_trainable_params = outcome.macs = std::nullopt;
    } else if (layer.computed_output && !layer.submodel && inputs_known) {
      outcome.outputs = {Shape(*layer.computed_output)};
      outcome.params = outcome.non_trainable_params = outcome.macs = std::nullopt;
      if (n == 0) {
        outcome.note("DS0103", layer.unfollowed);
        note_computed_output(layer);
      }
    } else if (layer.submodel && !layer.traced && !submodel_builds(l, error)) {
      if (!error.empty()) return false;
      outcome.params = outcome.non_trainable_params = outcome.macs = std::nullopt;
    } else if (!inputs_known) {
      record.outputs = {Shape::unknown()};
      if (n == 0) {
        report.reached = false;
        report.params = std::nullopt;
        report.trainable_params = std::nullopt;
        if (has_tensors || !layer.unfollowed.empty()) warn_if_unknown_class(l);
      }
      report.macs = std::nullopt;
      keep_first_call_inputs();
      return true;
    } else {
      const Layer* followed = follow_custom(l, n, inputs, arguments);
      outcome = followed         ? run_submodel(*followed, inputs, error)
                : layer.submodel ? run_submodel(layer, inputs, error)
                                 : run_rule(l, n, inputs, arguments);
      if (!error.empty()) return false;
      // A custom layer whose call() leaves its output unknown: its compute_output_shape's.
      if (layer.computed_output && !outcome.failed() &&
          (outcome.outputs.empty() || !outcome.outputs[0].rank_known())) {
        outcome.outputs = {Shape(*layer.computed_output)};
        if (n == 0) note_computed_output(layer);
      }
      bool rule = !layer.submodel && !followed;
      if (n > 0 && rule && !report.failed && only_weight_sizes_unknown(outcome))
        outcome = run_built_call(l, n, inputs, arguments, report, std::move(outcome));
      if (rule && only_weight_sizes_unknown(outcome))
        outcome = run_at_probe_sizes(l, n, inputs, arguments, std::move(outcome));
    }
    for (Diagnostic& d : outcome.diagnostics) attach(l, std::move(d), node.offset);
    for (SizeCondition& c : outcome.conditions) {
      c.layer = model_.layers[l].name;
      trace_.conditions.push_back(std::move(c));
    }
    if (outcome.failed() || outcome.outputs.empty()) {
      record.outputs = {Shape::unknown()};
      report.failed = report.failed || outcome.failed();
    } else {
      record.outputs = std::move(outcome.outputs);
    }
    std::optional<int64_t> macs = outcome.failed() ? std::nullopt : outcome.macs;
    if (n == 0) {
      report.output_shape = record.outputs[0];
      report.output_count = static_cast<int>(record.outputs.size());
      report.macs = macs;
      set_params(layer, outcome, report);
    } else {
      report.macs = sum({report.macs, macs});
      check_shared_weights(l, inputs, outcome, report);
    }
    keep_first_call_inputs();
    return true;
  }

  void note_computed_output(const Layer& layer) {
    trace_.unchecked.push_back(
        fmt::format("the call() of layer '{}', whose output shape is its compute_output_shape()'s",
                    layer.name));
  }

  void warn_if_unknown_class(size_t l) {
    const Layer& layer = model_.layers[l];
    if (!layer.unfollowed.empty()) {  // Python source the reader could not follow: a note
      Diagnostic d;
      d.severity = Severity::kNote;
      d.code = "DS0103";
      d.message = layer.unfollowed;
      attach(l, std::move(d));
      return;
    }
    if (layer.submodel || LayerRegistry::instance().find(layer.class_name)) return;
    // A class the custom objects define, not reached with a known input (after an error): its
    // code is there, and the layer is unchecked like any other after it.
    if (options_.custom && options_.custom->defines(layer.class_name) && !custom_.contains(l))
      return;
    Diagnostic d;
    d.severity = Severity::kWarning;
    d.code = "DS0101";
    d.message = fmt::format(
        "dimsum does not know the layer class '{}'; its output shape is "
        "unknown and the layers after it are checked only where they can be",
        layer.class_name);
    if (auto custom = custom_.find(l); custom != custom_.end() && !custom->second.why.empty())
      d.notes.push_back(custom->second.why);
    d.help.push_back(
        fmt::format("to check the layers after it, state its output shape, batch "
                    "axis first: --assume {}=SHAPE",
                    layer.name));
    attach(l, std::move(d));
  }

  // Layer `l` as its class's code builds it, when the class is unknown to the registry and the
  // custom objects define it (--custom-objects): Keras builds the layer at its first call, so its
  // code is followed with the first call's shapes, and later calls are checked against what that
  // built. nullptr when it is not followed; then custom_[l].why says why, for DS0101.
  const Layer* follow_custom(size_t l, size_t n, const std::vector<Shape>& inputs,
                             const std::vector<ArgumentShape>& arguments) {
    const Layer& layer = model_.layers[l];
    if (!options_.custom || layer.submodel || !layer.unfollowed.empty() ||
        LayerRegistry::instance().find(layer.class_name))
      return nullptr;
    auto known = custom_.find(l);
    if (known == custom_.end()) {
      if (n != 0) return nullptr;  // its first call had no known input: never built
      Followed f;
      CustomLayer custom;
      if (!arguments.empty())
        custom.why =
            "it is called with tensors in more than its first argument, which dimsum "
            "does not pass to the custom objects' call()";
      else
        custom = options_.custom->follow(layer, inputs, generation_of(model_));
      f.why = std::move(custom.why);
      if (custom.submodel) {
        f.layer.name = layer.name;
        f.layer.class_name = layer.class_name;
        f.layer.offset = layer.offset;
        f.layer.submodel = std::move(custom.submodel);
        f.layer.traced = true;
        f.layer.own_params = custom.own_params;
        f.layer.own_non_trainable = custom.own_non_trainable;
      }
      known = custom_.emplace(l, std::move(f)).first;
    }
    return known->second.layer.submodel ? &known->second.layer : nullptr;
  }

  // Whether layer `l` was followed through its class's code (the Python reader's, or the custom
  // objects'): a problem inside keeps its place there.
  bool traced(size_t l) const {
    if (model_.layers[l].traced) return true;
    auto custom = custom_.find(l);
    return custom != custom_.end() && custom->second.layer.submodel;
  }

  static bool only_weight_sizes_unknown(const Outcome& outcome) {
    bool any = false;
    for (const Diagnostic& d : outcome.diagnostics) {
      if (d.severity != Severity::kError) continue;
      if (d.code != "DS0006") return false;
      any = true;
    }
    return any;
  }

  // A later call of a layer whose first call made its weights needs no size to make them: Keras
  // checks it against the weights, and an unknown size fits them. So the call is run again with
  // the first call's sizes in place of its unknown ones (in every tensor it takes: a
  // MultiHeadAttention's value too); an output size is kept only where it does not depend on
  // them (a run with those sizes one larger gives the same), else unknown.
  Outcome run_built_call(size_t l, size_t n, const std::vector<Shape>& inputs,
                         const std::vector<ArgumentShape>& arguments, const LayerReport& report,
                         Outcome unknown_sizes) {
    // The first call's shapes, kept in its report: its inputs, then its arguments.
    const std::vector<Shape>& built = report.input_shapes;
    if (built.size() != inputs.size() + arguments.size()) return unknown_sizes;
    std::vector<Shape> filled = inputs, larger = inputs;
    std::vector<ArgumentShape> filled_arguments = arguments, larger_arguments = arguments;
    for (size_t i = 0; i < built.size(); ++i) {
      bool is_input = i < inputs.size();
      Shape& low = is_input ? filled[i] : filled_arguments[i - inputs.size()].shape;
      Shape& high = is_input ? larger[i] : larger_arguments[i - inputs.size()].shape;
      if (!fill_from_first_call(built[i], low, high)) return unknown_sizes;
    }
    Outcome outcome = run_rule(l, n, filled, filled_arguments);
    if (outcome.failed()) return unknown_sizes;
    Outcome moved = run_rule(l, n, larger, larger_arguments);
    keep_sizes_that_stay(outcome, moved, [](Dim, Dim) { return Dim::unknown(); });
    outcome.params = report.params;  // the weights of the first call, which this one fits
    outcome.macs = std::nullopt;     // per-sample work depends on the unknown sizes
    return outcome;
  }

  // Puts the first call's known sizes where a later call's shape has unknown ones: `low` gets
  // them, `high` them plus one. False when the ranks differ (the call is then not comparable).
  static bool fill_from_first_call(const Shape& first, Shape& low, Shape& high) {
    if (!first.rank_known() || !low.rank_known() || first.rank() != low.rank()) return false;
    Dims a = low.dims(), b = high.dims();
    for (size_t axis = 0; axis < a.size(); ++axis) {
      if (a[axis].known() || !first[axis].known()) continue;
      a[axis] = first[axis];
      b[axis] = Dim(first[axis].value() + 1);
    }
    low = Shape(std::move(a));
    high = Shape(std::move(b));
    return true;
  }

  // Each output size of `outcome` that `moved` (the same call at other input sizes) gives too;
  // a size that differs becomes changed(size in outcome, size in moved).
  template <typename Changed>
  static void keep_sizes_that_stay(Outcome& outcome, const Outcome& moved, Changed changed) {
    for (size_t i = 0; i < outcome.outputs.size(); ++i) {
      if (!outcome.outputs[i].rank_known()) continue;
      Dims dims = outcome.outputs[i].dims();
      bool comparable = i < moved.outputs.size() && moved.outputs[i].rank() == dims.size();
      for (size_t axis = 0; axis < dims.size(); ++axis) {
        if (!comparable)
          dims[axis] = Dim::unknown();
        else if (moved.outputs[i][axis] != dims[axis])
          dims[axis] = changed(dims[axis], moved.outputs[i][axis]);
      }
      outcome.outputs[i] = Shape(std::move(dims));
    }
  }

  // Weights sized by a symbolic size (a Dense after the Flatten of an H x W map, a Conv2D on
  // symbolic channels) exist for every value of it: Keras builds them at whatever size the data
  // has. So the call is run at two probe values of the symbolic input sizes: one at a time, the
  // last axis first (the one weights are sized by), keeping the others symbolic and their
  // conditions; else all at once. An output size the same in both runs is kept, one that
  // follows a probed size is that size, any other is unknown.
  Outcome run_at_probe_sizes(size_t l, size_t n, const std::vector<Shape>& inputs,
                             const std::vector<ArgumentShape>& arguments, Outcome symbolic) {
    std::vector<std::pair<size_t, size_t>> positions;  // (input, axis) of each symbolic size
    for (size_t i = 0; i < inputs.size(); ++i)
      for (size_t axis = inputs[i].rank(); axis-- > 0;)
        if (inputs[i].rank_known() && inputs[i][axis].symbolic()) positions.emplace_back(i, axis);
    if (positions.empty()) return symbolic;
    std::vector<std::vector<std::pair<size_t, size_t>>> attempts;
    for (const auto& p : positions) attempts.push_back({p});
    if (positions.size() > 1) attempts.push_back(positions);
    for (const auto& probed : attempts)
      if (auto outcome = run_probed(l, n, inputs, arguments, probed)) return std::move(*outcome);
    return symbolic;
  }

  // One attempt of run_at_probe_sizes: nullopt when the call fails at the probe sizes.
  std::optional<Outcome> run_probed(size_t l, size_t n, const std::vector<Shape>& inputs,
                                    const std::vector<ArgumentShape>& arguments,
                                    const std::vector<std::pair<size_t, size_t>>& probed) {
    constexpr int64_t kFirstProbe = 100003;  // unlike any size a config writes
    // Probe k is kFirstProbe + 2k in the low run and one more in the high run.
    std::vector<Shape> low = inputs, high = inputs;
    Dims sizes;
    for (auto [i, axis] : probed) {
      Dims a = low[i].dims(), b = high[i].dims();
      int64_t probe = kFirstProbe + 2 * static_cast<int64_t>(sizes.size());
      sizes.push_back(a[axis]);
      a[axis] = Dim(probe);
      b[axis] = Dim(probe + 1);
      low[i] = Shape(std::move(a));
      high[i] = Shape(std::move(b));
    }
    Outcome outcome = run_rule(l, n, low, arguments);
    if (outcome.failed()) return std::nullopt;
    Outcome moved = run_rule(l, n, high, arguments);
    keep_sizes_that_stay(outcome, moved, [&](Dim a, Dim b) {
      int64_t k = a.known() ? (a.value() - kFirstProbe) / 2 : -1;
      bool follows = k >= 0 && k < static_cast<int64_t>(sizes.size()) &&
                     a.value() == kFirstProbe + 2 * k && b == Dim(a.value() + 1);
      return follows ? sizes[static_cast<size_t>(k)] : Dim::unknown();
    });
    if (outcome.params != moved.params) outcome.params = std::nullopt;
    if (outcome.non_trainable_params != moved.non_trainable_params)
      outcome.non_trainable_params = std::nullopt;
    outcome.macs = std::nullopt;  // per-sample work depends on the symbolic sizes
    return outcome;
  }

  // The layer's rule; for a layer with size arguments known only at run time (probe_config),
  // the rule at two values of them: what differs between the two is unknown, and where either
  // fails the output is unknown without an error, since the real sizes may be others.
  Outcome run_rule(size_t l, size_t n, const std::vector<Shape>& inputs,
                   const std::vector<ArgumentShape>& arguments) {
    const Layer& layer = model_.layers[l];
    Outcome outcome = run_rule_with(l, n, inputs, arguments, layer.config);
    if (!layer.probe_config || outcome.outputs.empty()) return outcome;
    Outcome other = run_rule_with(l, n, inputs, arguments, layer.probe_config);
    if (outcome.failed() || other.failed()) {
      Outcome unknown;
      unknown.params = unknown.non_trainable_params = unknown.macs = std::nullopt;
      return unknown;
    }
    // A size that follows the argument (c * size + d at both probes) is that expression of
    // the argument's symbol, so that the layers after it are checked for every value of it.
    Dim symbol = layer.probe_symbol.empty() ? Dim::unknown() : symbol_dim(layer.probe_symbol);
    keep_sizes_that_stay(outcome, other, [&](Dim a, Dim b) {
      if (!symbol.symbolic() || !a.known() || !b.known()) return Dim::unknown();
      int64_t c = b.value() - a.value(), d = a.value() - c * kProbeSize;
      if (c < 1 || c > 64 || d < 0) return Dim::unknown();
      return symbolic_add(symbolic_mul(Dim(c), symbol), Dim(d));
    });
    if (outcome.params != other.params) outcome.params = std::nullopt;
    if (outcome.non_trainable_params != other.non_trainable_params)
      outcome.non_trainable_params = std::nullopt;
    if (outcome.macs != other.macs) outcome.macs = std::nullopt;
    return outcome;
  }

  Outcome run_rule_with(size_t l, size_t n, const std::vector<Shape>& inputs,
                        const std::vector<ArgumentShape>& arguments,
                        const json::Value* layer_config) {
    const Layer& layer = model_.layers[l];
    const Node& node = layer.nodes[n];
    Outcome outcome;
    ShapeRule rule =
        layer.unfollowed.empty() ? LayerRegistry::instance().find(layer.class_name) : nullptr;
    if (!rule) {
      if (n == 0) warn_if_unknown_class(l);
      outcome.params = outcome.non_trainable_params = outcome.macs = std::nullopt;
      return outcome;
    }
    LayerConfig config(layer_config, layer.offset);
    std::optional<LayerConfig> source_config;
    std::optional<Producer> producer;
    if (!node.inputs.empty() && !is_input(model_.layers[node.inputs[0].layer])) {
      const Layer& source = model_.layers[node.inputs[0].layer];
      source_config.emplace(source.config, source.offset);
      producer = Producer{source.name, source.class_name,    &*source_config,
                          &model_,     node.inputs[0].layer, node.inputs[0].node};
    }
    try {
      rule(LayerCall{layer.class_name, config, inputs, producer, &arguments, node.kwargs,
                     node.constant, layer.name},
           outcome);
    } catch (const ConfigError& e) {
      if (model_.dialect != "Python source")
        throw ConfigError(
            e.offset, fmt::format("layer '{}' ({}): {}", layer.name, layer.class_name, e.message));
      // In Python source the arguments are the reader's reading of the code, which may miss
      // what the code means (an argument dimsum maps wrongly): a note on this layer, whose
      // output becomes unknown, and the rest of the file is still checked.
      Outcome unread;
      unread.params = unread.non_trainable_params = unread.macs = std::nullopt;
      unread.note("DS0103", fmt::format("dimsum cannot check this layer's arguments ({}); its "
                                        "output shape is unknown",
                                        e.message));
      return unread;
    }
    return outcome;
  }

  // Keras builds a nested model that declares its inputs while it loads the file, before any call
  // of it: an error there is the nested model's own, reported once, and its calls are not
  // checked further. A nested model without declared inputs is built by its first call.
  bool submodel_builds(size_t l, std::string& error) {
    if (auto known = own_build_.find(l); known != own_build_.end()) return known->second;
    const Layer& layer = model_.layers[l];
    const Model& inner = *layer.submodel;
    bool declared = true;
    for (int index : inner.inputs) declared = declared && inner.layers[index].declared_shape;
    ModelTrace inner_trace;
    bool builds = true;
    if (declared) {
      PropagateOptions inner_options{options_.assumed};
      inner_options.custom = options_.custom;
      if (!propagate(inner, {}, inner_trace, error, inner_options)) return false;
      builds = std::none_of(inner_trace.diagnostics.begin(), inner_trace.diagnostics.end(),
                            [](const Diagnostic& d) { return d.severity == Severity::kError; });
    }
    own_build_[l] = builds;
    if (builds) return true;
    for (Diagnostic& d : inner_trace.diagnostics) {
      d.notes.push_back(fmt::format("in model '{}', built for its declared input", layer.name));
      d.trace.clear();
      attach(l, std::move(d));
    }
    trace_.layers[l].failed = true;
    return false;
  }

  Outcome run_submodel(const Layer& layer, const std::vector<Shape>& inputs, std::string& error) {
    const Model& inner = *layer.submodel;
    InputData data;
    for (const Shape& s : inputs) data.push_back(s.dims());
    ModelTrace inner_trace;
    Outcome outcome;
    PropagateOptions inner_options{options_.assumed};
    inner_options.custom = options_.custom;
    if (!propagate(inner, data, inner_trace, error, inner_options)) return outcome;
    for (Diagnostic& d : inner_trace.diagnostics) {
      if (d.cause == Cause::kIncompatibleInputData) d.cause = Cause::kLayerMisconfiguration;
      if (!layer.traced)
        d.notes.push_back(fmt::format("in model '{}', used as a layer here", layer.name));
      d.trace.clear();
      outcome.diagnostics.push_back(std::move(d));
    }
    for (SizeCondition& c : inner_trace.conditions) {
      c.what = fmt::format("{} (layer '{}' of model '{}')", c.what, c.layer, layer.name);
      outcome.conditions.push_back(std::move(c));
    }
    outcome.outputs = inner_trace.outputs;
    outcome.params = sum({inner_trace.total_params, layer.own_params});
    outcome.macs = inner_trace.total_macs;
    auto trainable = inner_trace.trainable_params;
    outcome.non_trainable_params =
        outcome.params && trainable
            ? sum({*inner_trace.total_params - *trainable, layer.own_non_trainable})
            : std::nullopt;
    return outcome;
  }

  void set_params(const Layer& layer, const Outcome& outcome, LayerReport& report) {
    report.params = outcome.params;
    LayerConfig config(layer.config, layer.offset);
    bool trainable = config.boolean("trainable", true);
    if (!outcome.params || !outcome.non_trainable_params)
      report.trainable_params = std::nullopt;
    else
      report.trainable_params = trainable ? *outcome.params - *outcome.non_trainable_params : 0;
  }

  // A layer called at several nodes shares its weights: every call must fit them.
  void check_shared_weights(size_t l, const std::vector<Shape>& inputs, const Outcome& outcome,
                            const LayerReport& report) {
    if (outcome.failed()) return;
    size_t first_rank = report.input_shapes.empty() || !report.input_shapes[0].rank_known()
                            ? inputs[0].rank()
                            : report.input_shapes[0].rank();
    bool rank_differs = outcome.fixes_rank && inputs[0].rank() != first_rank;
    if (!rank_differs && (!outcome.params || !report.params || *outcome.params == *report.params))
      return;
    Diagnostic d;
    d.code = "DS0011";
    d.cause = Cause::kLayerMisconfiguration;
    d.message = rank_differs ? fmt::format(
                                   "layer '{}' is shared, but this call's input has rank {} where "
                                   "its first call fixed rank {}",
                                   model_.layers[l].name, inputs[0].rank(), first_rank)
                             : fmt::format(
                                   "layer '{}' is shared, but this call needs {} weights where its "
                                   "first call created {}",
                                   model_.layers[l].name, *outcome.params, *report.params);
    d.notes.push_back(fmt::format("first call on {}", report.input_shapes.empty()
                                                          ? std::string("?")
                                                          : to_string(report.input_shapes[0])));
    d.help.push_back(rank_differs ? "call a shared layer only on inputs of its first call's rank, "
                                    "or use a separate layer"
                                  : "call a shared layer only on inputs whose weight-bearing sizes "
                                    "(such as the last axis) match, or use a separate layer");
    attach(l, std::move(d));
  }

  // `call`: where the call that met the problem is written, when not at the layer (Python
  // source). A problem inside a layer followed through its call() (Layer::traced) keeps its
  // place there, the call of the layer becoming a secondary label.
  void attach(size_t l, Diagnostic d, uint32_t call = 0) {
    // A Sequential's implicit input is not written in the file: its shape, and so any problem
    // with it, belongs to the first layer, which declares it.
    if (model_.layers[l].synthetic && l + 1 < model_.layers.size()) ++l;
    const Layer& layer = model_.layers[l];
    Location here = model_.source->location(model_.file, call ? call : layer.offset);
    if (traced(l) && d.location) {
      d.labels.push_back(
          Label{std::move(here), fmt::format("in layer '{}', called here", layer.name)});
    } else {
      d.layer = layer.name;
      d.class_name = layer.class_name;
      // A layer made in one place and called in another (__init__ and call()): both are shown.
      if (call && model_.source->position(call).line != model_.source->position(layer.offset).line)
        d.labels.push_back(Label{model_.source->location(model_.file, layer.offset),
                                 fmt::format("'{}' is made here", layer.name)});
      d.location = std::move(here);
    }
    d.trace = trace_to(l, d.trace_omitted);
    trace_.diagnostics.push_back(std::move(d));
  }

  // The layers leading to layer `l` along first inputs, oldest first, `l` last; for a layer
  // that joins several tensors (a merge), along each of them, in the model's order. Of a long
  // chain only the last kTraceKept are listed and `omitted` counts the others: a chain of
  // thousands of layers must not cost thousands of entries in each of thousands of diagnostics.
  std::vector<size_t> trace_to(size_t l, size_t& omitted) {
    constexpr size_t kTraceKept = 16;
    const Layer& layer = model_.layers[l];
    size_t joined = layer.nodes.empty() ? 0 : layer.nodes[0].inputs.size();
    if (joined < 2) {
      std::vector<size_t> path = chain_to(l, kTraceKept);
      omitted = path.size() == kTraceKept ? layers_before(path.back()) : 0;
      return {path.rbegin(), path.rend()};
    }
    // A Concatenate of a thousand tensors lists the first few branches, as many entries as a
    // chain of kTraceKept layers would have at most for each.
    constexpr size_t kBranches = 4;
    std::vector<size_t> layers{l};
    omitted = 0;
    for (size_t i = 0; i < joined && i < kBranches; ++i) {
      const TensorRef& input = layer.nodes[0].inputs[i];
      std::vector<size_t> path = chain_to(static_cast<size_t>(input.layer), kTraceKept - 1);
      if (path.size() == kTraceKept - 1) omitted = std::max(omitted, layers_before(path.back()));
      layers.insert(layers.end(), path.begin(), path.end());
    }
    std::sort(layers.begin(), layers.end());
    layers.erase(std::unique(layers.begin(), layers.end()), layers.end());
    return layers;
  }

  // Layer `l` and the layers before it along first inputs, nearest first, at most `count`.
  std::vector<size_t> chain_to(size_t l, size_t count) {
    std::vector<size_t> path{l};
    while (path.size() < count) {
      std::optional<size_t> before = first_input_layer(model_, path.back());
      if (!before) break;
      path.push_back(*before);
    }
    return path;
  }

  // How many layers lead to `l` along first inputs, remembered for the next diagnostic. The walk
  // is by layer, not by call, so a shared layer can close a loop; the walk stops there.
  size_t layers_before(size_t l) {
    constexpr size_t kUnknown = SIZE_MAX, kWalking = SIZE_MAX - 1;
    layers_before_.resize(model_.layers.size(), kUnknown);
    std::vector<size_t> walked;
    std::optional<size_t> next = l;
    while (next && layers_before_[*next] == kUnknown) {
      layers_before_[*next] = kWalking;
      walked.push_back(*next);
      next = first_input_layer(model_, *next);
    }
    size_t count = next && layers_before_[*next] < kWalking ? layers_before_[*next] + 1 : 0;
    for (auto it = walked.rbegin(); it != walked.rend(); ++it) layers_before_[*it] = count++;
    return layers_before_[l];
  }

  bool collect_outputs(std::string& error) {
    for (const TensorRef& ref : model_.outputs) {
      const CallRecord& record = records_[call_id(ref)];
      if (static_cast<size_t>(ref.tensor) < record.outputs.size())
        trace_.outputs.push_back(record.outputs[ref.tensor]);
      else if (record.outputs.size() == 1 && !record.outputs[0].rank_known())
        trace_.outputs.push_back(Shape::unknown());
      else {
        error = fmt::format("{}: model output {} of \"{}\" does not exist", model_.file, ref.tensor,
                            model_.layers[ref.layer].name);
        return false;
      }
    }
    for (size_t l = 0; l < model_.layers.size(); ++l) {
      LayerReport& report = trace_.layers[l];
      const Layer& layer = model_.layers[l];
      report.name = layer.name;
      report.class_name = layer.class_name;
      report.shown = !layer.synthetic && !(model_.sequential && is_input(layer));
      if (is_input(layer) || calls(layer) == 0)
        report.params = report.trainable_params = report.macs = 0;
      trace_.total_params = sum({trace_.total_params, report.params});
      trace_.trainable_params = sum({trace_.trainable_params, report.trainable_params});
      trace_.total_macs = sum({trace_.total_macs, report.macs});
    }
    return true;
  }

  const Model& model_;
  ModelTrace& trace_;
  const PropagateOptions& options_;
  std::vector<size_t> first_call_;     // layer -> id of its first call
  std::vector<size_t> layer_of_call_;  // call id -> layer
  std::vector<CallRecord> records_;
  Dependents dependents_;
  std::vector<size_t> layers_before_;  // per layer; see layers_before()
  std::map<size_t, bool> own_build_;   // nested model layer -> whether it builds on its own
  // A custom layer followed through the custom objects' code (follow_custom): the layer it
  // stands for (a traced submodel; none when not followed), or why not.
  struct Followed {
    Layer layer;
    std::string why;
  };
  std::map<size_t, Followed> custom_;
};

}  // namespace

bool propagate(const Model& model, const InputData& data, ModelTrace& trace, std::string& error,
               const PropagateOptions& options) {
  error.clear();
  Propagator propagator(model, trace, options);
  return propagator.run(data, error);
}

}  // namespace dimsum
