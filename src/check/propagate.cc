#include "check/propagate.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <queue>

#include "check/inputs.h"
#include "layers/checks.h"
#include "layers/layer.h"

namespace dimsum {

namespace {

bool is_input(const Layer& layer) { return layer.class_name == "InputLayer"; }

const std::vector<InputFeed> kNoFeeds;

// Raw TensorFlow ops may take a constant first argument (tf.math.subtract(1.0, x)); every other
// rule reads its first input.
bool takes_constant_first_argument(const Layer& layer) {
  return layer.class_name == "TFOpLambda" || layer.class_name == "SlicingOpLambda";
}

// What the backward walk needs from each call: how its output axes follow its input axes.
struct CallRecord {
  std::vector<Shape> outputs;
  std::vector<AxisMap> axis_maps;
  bool elementwise = false;
  bool done = false;
};

// A size some model input must have at least, found by walking back from a vanished size.
struct InputRequirement {
  size_t input = 0;  // position in Model::inputs
  size_t axis = 0;
  int64_t min_size = 0;
  std::string axis_name;
};

// A diagnostic whose layer's output vanished, and the sizes it needed on its first input.
struct Vanished {
  size_t diagnostic = 0;  // index into ModelTrace::diagnostics
  size_t call = 0;
  std::vector<AxisNeed> needs;
};

// Keeps the larger requirement of two on the same input axis.
void raise(std::vector<InputRequirement>& into, const InputRequirement& r) {
  for (InputRequirement& have : into) {
    if (have.input != r.input || have.axis != r.axis) continue;
    have.min_size = std::max(have.min_size, r.min_size);
    return;
  }
  into.push_back(r);
}

class Propagator {
 public:
  // `input_override`: check with these input shapes instead of the data (the whole-model search).
  Propagator(const Model& model, ModelTrace& trace, const PropagateOptions& options,
             const std::vector<Shape>* input_override = nullptr)
      : model_(model), trace_(trace), options_(options), input_override_(input_override) {
    for (size_t l = 0; l < model.layers.size(); ++l) {
      first_call_.push_back(layer_of_call_.size());
      layer_of_call_.insert(layer_of_call_.end(), calls(model.layers[l]), l);
    }
    records_.resize(layer_of_call_.size());
    rank_.assign(layer_of_call_.size(), 0);
    trace_.layers.resize(model.layers.size());
  }

  bool run(const InputData& data, std::string& error) {
    resolve_inputs(data);
    if (!visit_in_dependency_order(error) || !collect_outputs(error)) return false;
    add_reach_help();
    return true;
  }

  // The sizes every vanished layer needs at the model inputs, the larger of each.
  std::vector<InputRequirement> all_requirements() const {
    std::vector<InputRequirement> out;
    for (const Vanished& v : vanished_)
      for (const AxisNeed& need : v.needs)
        for (const InputRequirement& r : walk_back(v.call, need)) raise(out, r);
    return out;
  }

  // The first diagnostic that reports a vanished size, with what it alone needs.
  std::optional<std::pair<size_t, std::vector<InputRequirement>>> first_vanished() const {
    if (vanished_.empty()) return std::nullopt;
    std::vector<InputRequirement> own;
    for (const AxisNeed& need : vanished_[0].needs)
      for (const InputRequirement& r : walk_back(vanished_[0].call, need)) raise(own, r);
    return std::make_pair(vanished_[0].diagnostic, own);
  }

 private:
  static size_t calls(const Layer& layer) { return is_input(layer) ? 1 : layer.nodes.size(); }
  size_t call_id(const TensorRef& ref) const { return first_call_[ref.layer] + ref.node; }

  void resolve_inputs(const InputData& data) {
    input_shapes_.assign(model_.layers.size(), Shape::unknown());
    std::vector<std::vector<Diagnostic>> found(model_.inputs.size());
    for (size_t i = 0; i < model_.inputs.size(); ++i) {
      int index = model_.inputs[i];
      if (input_override_) {
        input_shapes_[index] = (*input_override_)[i];
      } else {
        bool fed = options_.feeds && i < options_.feeds->size();
        input_shapes_[index] = resolve_input(model_.layers[index], consumers_of(index),
                                             i < data.size() ? data[i] : std::nullopt,
                                             fed ? (*options_.feeds)[i] : InputFeed{}, found[i]);
      }
      trace_.inputs.push_back(input_shapes_[index]);
    }
    if (input_override_) return;
    auto agreement =
        check_inputs_agree(model_, options_.feeds ? *options_.feeds : kNoFeeds, trace_.inputs);
    // Inputs that fix different batch sizes are one problem, reported once: a batch that fits
    // neither input is a consequence of it.
    for (auto& [i, d] : agreement)
      if (d.code == "DS0009")
        std::erase_if(found[i], [](const Diagnostic& own) { return own.code == "DS0009"; });
    for (size_t i = 0; i < model_.inputs.size(); ++i)
      for (Diagnostic& d : found[i]) attach(model_.inputs[i], std::move(d));
    for (auto& [i, d] : agreement) attach(model_.inputs[i], std::move(d));
    for (size_t i = 0; i < model_.inputs.size(); ++i)
      input_shapes_[model_.inputs[i]] = trace_.inputs[i];
  }

  // The layers that take layer `index`'s output.
  std::vector<const Layer*> consumers_of(int index) const {
    std::vector<const Layer*> out;
    for (const Layer& layer : model_.layers) {
      bool takes = false;
      for (const Node& node : layer.nodes)
        for_each_tensor(node, [&](const TensorRef& ref) { takes = takes || ref.layer == index; });
      if (takes) out.push_back(&layer);
    }
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

  Dependents dependents() const {
    Dependents out;
    out.first.assign(records_.size() + 1, 0);
    for_each_edge([&](size_t producer, size_t) { ++out.first[producer + 1]; });
    for (size_t id = 0; id < records_.size(); ++id) out.first[id + 1] += out.first[id];
    out.calls.resize(out.first.back());
    std::vector<size_t> filled(out.first.begin(), out.first.end() - 1);
    for_each_edge(
        [&](size_t producer, size_t consumer) { out.calls[filled[producer]++] = consumer; });
    return out;
  }

  // Kahn's algorithm over calls; ready calls are taken in file order so that diagnostics come
  // out in the order of the model's layers.
  bool visit_in_dependency_order(std::string& error) {
    std::vector<int> waiting(records_.size(), 0);
    for_each_edge([&](size_t, size_t consumer) { ++waiting[consumer]; });
    Dependents dependents = this->dependents();
    std::priority_queue<size_t, std::vector<size_t>, std::greater<>> ready;
    for (size_t id = 0; id < records_.size(); ++id)
      if (waiting[id] == 0) ready.push(id);
    size_t visited = 0;
    while (!ready.empty()) {
      size_t id = ready.top();
      ready.pop();
      rank_[id] = visited++;
      if (!visit(id, error)) return false;
      for (size_t i = dependents.first[id]; i < dependents.first[id + 1]; ++i)
        if (--waiting[dependents.calls[i]] == 0) ready.push(dependents.calls[i]);
    }
    if (visited == records_.size()) return true;
    for (size_t l = 0; l < model_.layers.size(); ++l)
      for (size_t n = 0; n < calls(model_.layers[l]); ++n)
        if (!records_[first_call_[l] + n].done) {
          auto pos = model_.source->position(model_.layers[l].offset);
          error = fmt::format("{}:{}: the model graph has a cycle through layer \"{}\"", pos.line,
                              pos.column, model_.layers[l].name);
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
    auto pos = model_.source->position(layer.offset);
    error = fmt::format("{}:{}: layer \"{}\" uses output {} of \"{}\", which has {} output{}",
                        pos.line, pos.column, layer.name, ref.tensor, model_.layers[ref.layer].name,
                        producer.outputs.size(), producer.outputs.size() == 1 ? "" : "s");
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
    size_t n = id - first_call_[l];
    const Layer& layer = model_.layers[l];
    CallRecord& record = records_[id];
    record.done = true;
    LayerReport& report = trace_.layers[l];
    if (is_input(layer)) {
      record.outputs = {input_shapes_[l]};
      record.elementwise = true;
      report.input_shapes = {input_shapes_[l]};
      report.output_shape = input_shapes_[l];
      report.reached = input_shapes_[l].rank_known();
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
    if (n == 0) {
      report.input_shapes = inputs;
      for (const ArgumentShape& a : arguments) report.input_shapes.push_back(a.shape);
    }
    bool has_tensors = !inputs.empty() || (!arguments.empty() && node.constant &&
                                           takes_constant_first_argument(layer));
    bool inputs_known = has_tensors;
    for (const Shape& s : inputs) inputs_known = inputs_known && s.rank_known();
    for (const ArgumentShape& a : arguments) inputs_known = inputs_known && a.shape.rank_known();
    Outcome outcome;
    if (const AssumedShape* a = assumed(layer)) {
      outcome.outputs = {Shape(a->dims)};
      outcome.params = outcome.non_trainable_params = outcome.macs = std::nullopt;
    } else if (layer.submodel && !submodel_builds(l, error)) {
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
      return true;
    } else {
      outcome =
          layer.submodel ? run_submodel(layer, inputs, error) : run_rule(l, n, inputs, arguments);
      if (!error.empty()) return false;
      if (n > 0 && !layer.submodel && !report.failed && only_weight_sizes_unknown(outcome))
        outcome = run_built_call(l, n, inputs, arguments, report, std::move(outcome));
    }
    record.axis_maps = std::move(outcome.axis_maps);
    record.elementwise = outcome.elementwise;
    for (Diagnostic& d : outcome.diagnostics) {
      if (d.severity == Severity::kError && !outcome.needs.empty() && !node.inputs.empty())
        vanished_.push_back(Vanished{trace_.diagnostics.size(), id, outcome.needs});
      attach(l, std::move(d));
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
    return true;
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
    Diagnostic d;
    d.severity = Severity::kWarning;
    d.code = "DS0101";
    d.message = fmt::format(
        "dimsum does not know the layer class '{}'; its output shape is "
        "unknown and the layers after it are checked only where they can be",
        layer.class_name);
    d.help.push_back(
        fmt::format("to check the layers after it, state its output shape, batch "
                    "axis first: --assume {}=SHAPE",
                    layer.name));
    attach(l, std::move(d));
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
  // the first call's sizes in place of its unknown ones; an output size is kept only where it
  // does not depend on them (a run with those sizes one larger gives the same), else unknown.
  Outcome run_built_call(size_t l, size_t n, const std::vector<Shape>& inputs,
                         const std::vector<ArgumentShape>& arguments, const LayerReport& report,
                         Outcome unknown_sizes) {
    if (inputs.size() != 1 || report.input_shapes.empty() ||
        report.input_shapes[0].rank() != inputs[0].rank())
      return unknown_sizes;
    const Shape& built = report.input_shapes[0];
    std::vector<Dim> filled = inputs[0].dims(), larger = inputs[0].dims();
    for (size_t axis = 0; axis < filled.size(); ++axis) {
      if (filled[axis].known() || !built[axis].known()) continue;
      filled[axis] = built[axis];
      larger[axis] = Dim(built[axis].value() + 1);
    }
    Outcome outcome = run_rule(l, n, {Shape(filled)}, arguments);
    if (outcome.failed()) return unknown_sizes;
    Outcome moved = run_rule(l, n, {Shape(larger)}, arguments);
    for (size_t i = 0; i < outcome.outputs.size(); ++i) {
      if (!outcome.outputs[i].rank_known()) continue;
      std::vector<Dim> dims = outcome.outputs[i].dims();
      bool comparable = i < moved.outputs.size() && moved.outputs[i].rank() == dims.size();
      for (size_t axis = 0; axis < dims.size(); ++axis)
        if (!comparable || moved.outputs[i][axis] != dims[axis]) dims[axis] = Dim::unknown();
      outcome.outputs[i] = Shape(std::move(dims));
    }
    outcome.params = report.params;  // the weights of the first call, which this one fits
    outcome.macs = std::nullopt;     // per-sample work depends on the unknown sizes
    outcome.axis_maps.clear();
    return outcome;
  }

  Outcome run_rule(size_t l, size_t n, const std::vector<Shape>& inputs,
                   const std::vector<ArgumentShape>& arguments) {
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
    LayerConfig config(layer.config, layer.offset);
    std::optional<LayerConfig> source_config;
    std::optional<Producer> producer;
    if (!node.inputs.empty() && !is_input(model_.layers[node.inputs[0].layer])) {
      const Layer& source = model_.layers[node.inputs[0].layer];
      source_config.emplace(source.config, source.offset);
      producer = Producer{source.name, source.class_name, &*source_config};
    }
    try {
      rule(LayerCall{layer.class_name, config, inputs, producer, &arguments, node.kwargs,
                     node.constant, layer.name},
           outcome);
    } catch (const ConfigError& e) {
      throw ConfigError(
          e.offset, fmt::format("layer '{}' ({}): {}", layer.name, layer.class_name, e.message));
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
      PropagateOptions inner_options{options_.assumed, /*whole_model_help=*/false};
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
    PropagateOptions inner_options{options_.assumed, /*whole_model_help=*/false};
    if (!propagate(inner, data, inner_trace, error, inner_options)) return outcome;
    for (Diagnostic& d : inner_trace.diagnostics) {
      if (d.cause == Cause::kIncompatibleInputData) d.cause = Cause::kLayerMisconfiguration;
      d.notes.push_back(fmt::format("in model '{}', used as a layer here", layer.name));
      d.trace.clear();
      outcome.diagnostics.push_back(std::move(d));
    }
    outcome.outputs = inner_trace.outputs;
    outcome.params = inner_trace.total_params;
    outcome.macs = inner_trace.total_macs;
    auto trainable = inner_trace.trainable_params;
    outcome.non_trainable_params = outcome.params && trainable
                                       ? std::optional<int64_t>(*outcome.params - *trainable)
                                       : std::nullopt;
    return outcome;
  }

  void set_params(const Layer& layer, const Outcome& outcome, LayerReport& report) {
    report.params = outcome.params;
    LayerConfig config(layer.config, layer.offset);
    bool trainable = !config.raw("trainable") || config.boolean("trainable", true);
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

  // Works backwards from call `id`, whose output vanished along `need`, to the model inputs:
  // through windows, padding, cropping and upsampling, and through merges into every branch, to
  // the smallest input sizes that still give it an output. A branch that cannot be followed
  // (a Reshape, a Dense) adds nothing. Calls are taken in reverse visiting order, so each is
  // passed once, after every call that needs something of it.
  std::vector<InputRequirement> walk_back(size_t id, const AxisNeed& need) const {
    using Key = std::pair<size_t, size_t>;  // (call, axis): at least this size on its output
    std::map<Key, int64_t> wanted;
    std::priority_queue<std::pair<size_t, size_t>> pending;  // (rank, call)
    auto want = [&](const TensorRef& ref, size_t axis, int64_t size) {
      size_t call = call_id(ref);
      auto [it, added] = wanted.emplace(Key{call, axis}, size);
      if (!added) it->second = std::max(it->second, size);
      pending.push({rank_[call], call});
    };
    const Node& failing =
        model_.layers[layer_of_call_[id]].nodes[id - first_call_[layer_of_call_[id]]];
    want(failing.inputs[0], need.axis, need.min_size);
    std::vector<InputRequirement> found;
    size_t last = SIZE_MAX;
    while (!pending.empty()) {
      size_t call = pending.top().second;
      pending.pop();
      if (call == last) continue;
      last = call;
      size_t l = layer_of_call_[call];
      const Layer& layer = model_.layers[l];
      const CallRecord& record = records_[call];
      for (auto it = wanted.lower_bound({call, 0}); it != wanted.end() && it->first.first == call;
           ++it) {
        auto [axis, size] = std::pair{it->first.second, it->second};
        if (is_input(layer)) {
          for (size_t i = 0; i < model_.inputs.size(); ++i)
            if (static_cast<size_t>(model_.inputs[i]) == l)
              raise(found, InputRequirement{i, axis, size, need.axis_name});
          continue;
        }
        const Node& node = layer.nodes[call - first_call_[l]];
        if (record.elementwise && !node.inputs.empty()) {
          want(node.inputs[0], axis, size);
          continue;
        }
        for (const AxisMap& m : record.axis_maps)
          if (m.output_axis == axis && m.input < node.inputs.size())
            want(node.inputs[m.input], m.input_axis, min_input_for(m, size));
      }
    }
    return found;
  }

  // "30x30 (height x width)" and "20x20" for requirements on one model input; false when an
  // input size is unknown.
  bool describe(const std::vector<InputRequirement>& reqs, std::string& smallest,
                std::string& actual) const {
    std::vector<int64_t> sizes, given;
    std::string names;
    for (const InputRequirement& r : reqs) {
      const Shape& data = input_shapes_[model_.inputs[r.input]];
      if (r.axis >= data.rank() || !data[r.axis].known()) return false;
      sizes.push_back(r.min_size);
      given.push_back(data[r.axis].value());
      names += (names.empty() ? "" : " x ") + r.axis_name;
    }
    smallest = fmt::format("{} ({})", sizes_text(sizes), names);
    actual = sizes_text(given);
    return true;
  }

  // The smallest input that reaches each vanished layer with any output, when every size it
  // needs comes back to one model input.
  void add_reach_help() {
    for (const Vanished& v : vanished_) {
      std::vector<InputRequirement> reqs;
      bool followed = true;
      for (const AxisNeed& need : v.needs) {
        auto found = walk_back(v.call, need);
        followed = followed && !found.empty();
        for (const InputRequirement& r : found) raise(reqs, r);
      }
      if (!followed || reqs.empty()) continue;
      bool one_input = true;
      for (const InputRequirement& r : reqs) one_input = one_input && r.input == reqs[0].input;
      std::string smallest, actual;
      if (!one_input || !describe(sorted(reqs), smallest, actual)) continue;
      Diagnostic& d = trace_.diagnostics[v.diagnostic];
      d.help.push_back(
          fmt::format("the smallest input that reaches '{}' with any output is {}; "
                      "the model's input is {}",
                      d.layer, smallest, actual));
    }
  }

  static std::vector<InputRequirement> sorted(std::vector<InputRequirement> reqs) {
    std::sort(reqs.begin(), reqs.end(), [](const auto& a, const auto& b) {
      return std::pair(a.input, a.axis) < std::pair(b.input, b.axis);
    });
    return reqs;
  }

 public:
  // "to give every layer an output, use an input of at least 75x75 (height x width); ..."
  std::optional<std::string> whole_model_line(const std::vector<InputRequirement>& reqs) const {
    std::vector<InputRequirement> ordered = sorted(reqs);
    std::string wanted, given;
    for (size_t i = 0; i < ordered.size();) {
      size_t j = i;
      while (j < ordered.size() && ordered[j].input == ordered[i].input) ++j;
      std::vector<InputRequirement> one(ordered.begin() + i, ordered.begin() + j);
      std::string smallest, actual;
      if (!describe(one, smallest, actual)) return std::nullopt;
      std::string name =
          model_.inputs.size() > 1
              ? fmt::format("'{}' ", model_.layers[model_.inputs[ordered[i].input]].name)
              : "";
      wanted += fmt::format("{}{}{}", wanted.empty() ? "" : " and ", name, smallest);
      given += fmt::format("{}{}", given.empty() ? "" : " and ", actual);
      i = j;
    }
    return fmt::format(
        "to give every layer of the model an output, use an input of at least {}; "
        "the model's {} {}",
        wanted, ordered.size() > 1 && model_.inputs.size() > 1 ? "inputs are" : "input is", given);
  }

 private:
  void attach(size_t l, Diagnostic d) {
    // A Sequential's implicit input is not written in the file: its shape, and so any problem
    // with it, belongs to the first layer, which declares it.
    if (model_.layers[l].synthetic && l + 1 < model_.layers.size()) ++l;
    const Layer& layer = model_.layers[l];
    d.layer = layer.name;
    d.class_name = layer.class_name;
    d.location = model_.source->location(model_.file, layer.offset);
    d.trace = trace_to(l, d.trace_omitted);
    trace_.diagnostics.push_back(std::move(d));
  }

  // The layers leading to layer `l` along first inputs, oldest first, `l` last. Of a long chain
  // only the last kTraceKept are listed and `omitted` counts the others: a chain of thousands of
  // layers must not cost thousands of entries in each of thousands of diagnostics.
  std::vector<size_t> trace_to(size_t l, size_t& omitted) {
    constexpr size_t kTraceKept = 16;
    std::vector<size_t> path{l};
    while (path.size() < kTraceKept) {
      std::optional<size_t> before = first_input_layer(path.back());
      if (!before) break;
      path.push_back(*before);
    }
    omitted = path.size() == kTraceKept ? layers_before(path.back()) : 0;
    return {path.rbegin(), path.rend()};
  }

  std::optional<size_t> first_input_layer(size_t l) const {
    const Layer& layer = model_.layers[l];
    if (layer.nodes.empty() || layer.nodes[0].inputs.empty()) return std::nullopt;
    return static_cast<size_t>(layer.nodes[0].inputs[0].layer);
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
      next = first_input_layer(*next);
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
        error = fmt::format("model output {} of \"{}\" does not exist", ref.tensor,
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
  const std::vector<Shape>* input_override_;
  std::vector<size_t> first_call_;     // layer -> id of its first call
  std::vector<size_t> layer_of_call_;  // call id -> layer
  std::vector<size_t> rank_;           // call id -> its place in the visiting order
  std::vector<CallRecord> records_;
  std::vector<Shape> input_shapes_;  // per layer index; only InputLayers are set
  std::vector<Vanished> vanished_;
  std::vector<size_t> layers_before_;  // per layer; see layers_before()
  std::map<size_t, bool> own_build_;   // nested model layer -> whether it builds on its own
};

// Raises `shapes` to `reqs`; false when nothing grew.
bool grow(std::vector<Shape>& shapes, const std::vector<InputRequirement>& reqs) {
  bool grew = false;
  for (const InputRequirement& r : reqs) {
    std::vector<Dim> dims = shapes[r.input].dims();
    if (r.axis >= dims.size() || !dims[r.axis].known() || dims[r.axis].value() >= r.min_size)
      continue;
    dims[r.axis] = Dim(r.min_size);
    shapes[r.input] = Shape(std::move(dims));
    grew = true;
  }
  return grew;
}

// The smallest input with which every layer has an output is the largest that any layer needs;
// but a layer after the first vanished one was never reached, so its needs are unknown. Re-check
// the model at the sizes found so far until no size vanishes; each round starts from a layer
// that needs more than the last, so the rounds are few.
void add_whole_model_help(const Model& model, const InputData& data, const Propagator& first,
                          ModelTrace& trace, const PropagateOptions& options) {
  auto vanished = first.first_vanished();
  if (!vanished) return;
  std::vector<InputRequirement> reqs = first.all_requirements();
  std::vector<Shape> shapes = trace.inputs;
  if (!grow(shapes, reqs)) return;
  PropagateOptions search{options.assumed, /*whole_model_help=*/false};
  constexpr int kMaxRounds = 64;
  for (int round = 0; round < kMaxRounds; ++round) {
    ModelTrace scratch;
    Propagator again(model, scratch, search, &shapes);
    std::string error;
    if (!again.run(data, error)) return;
    std::vector<InputRequirement> more = again.all_requirements();
    if (more.empty()) break;
    if (!grow(shapes, more)) return;
    for (const InputRequirement& r : more) raise(reqs, r);
    if (round + 1 == kMaxRounds) return;
  }
  // Only worth a line when the whole model needs more than reaching the first failing layer.
  bool more_than_first = false;
  for (const InputRequirement& r : reqs) {
    bool covered = false;
    for (const InputRequirement& own : vanished->second)
      covered =
          covered || (own.input == r.input && own.axis == r.axis && own.min_size >= r.min_size);
    more_than_first = more_than_first || !covered;
  }
  if (!more_than_first) return;
  if (auto line = first.whole_model_line(reqs))
    trace.diagnostics[vanished->first].help.push_back(*line);
}

}  // namespace

bool propagate(const Model& model, const InputData& data, ModelTrace& trace, std::string& error,
               const PropagateOptions& options) {
  error.clear();
  Propagator propagator(model, trace, options);
  if (!propagator.run(data, error)) return false;
  if (options.whole_model_help) add_whole_model_help(model, data, propagator, trace, options);
  return true;
}

}  // namespace dimsum
