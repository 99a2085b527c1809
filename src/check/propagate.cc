#include "check/propagate.h"

#include <fmt/format.h>

#include <functional>
#include <queue>

#include "check/inputs.h"
#include "layers/layer.h"
#include "layers/checks.h"

namespace dimsum {

namespace {

bool is_input(const Layer& layer) { return layer.class_name == "InputLayer"; }

// What the backward walk needs from each call: how its output axes follow its input axes.
struct CallRecord {
  std::vector<Shape> outputs;
  std::vector<AxisMap> axis_maps;
  bool elementwise = false;
  bool done = false;
};

class Propagator {
 public:
  Propagator(const Model& model, ModelTrace& trace) : model_(model), trace_(trace) {
    for (size_t l = 0; l < model.layers.size(); ++l) {
      first_call_.push_back(layer_of_call_.size());
      layer_of_call_.insert(layer_of_call_.end(), calls(model.layers[l]), l);
    }
    records_.resize(layer_of_call_.size());
    trace_.layers.resize(model.layers.size());
  }

  bool run(const InputData& data, std::string& error) {
    resolve_inputs(data);
    return visit_in_dependency_order(error) && collect_outputs(error);
  }

 private:
  static size_t calls(const Layer& layer) { return is_input(layer) ? 1 : layer.nodes.size(); }
  size_t call_id(const TensorRef& ref) const { return first_call_[ref.layer] + ref.node; }

  void resolve_inputs(const InputData& data) {
    input_shapes_.assign(model_.layers.size(), Shape::unknown());
    for (size_t i = 0; i < model_.inputs.size(); ++i) {
      int index = model_.inputs[i];
      std::vector<Diagnostic> found;
      input_shapes_[index] =
          resolve_input(model_.layers[index], i < data.size() ? data[i] : std::nullopt, found);
      for (Diagnostic& d : found) attach(index, std::move(d));
      trace_.inputs.push_back(input_shapes_[index]);
    }
  }

  // Kahn's algorithm over calls; ready calls are taken in file order so that diagnostics come
  // out in the order of the model's layers.
  bool visit_in_dependency_order(std::string& error) {
    std::vector<int> waiting(records_.size(), 0);
    std::vector<std::vector<size_t>> dependents(records_.size());
    for (size_t l = 0; l < model_.layers.size(); ++l) {
      const Layer& layer = model_.layers[l];
      if (is_input(layer)) continue;
      for (size_t n = 0; n < layer.nodes.size(); ++n)
        for (const TensorRef& ref : layer.nodes[n].inputs) {
          dependents[call_id(ref)].push_back(first_call_[l] + n);
          ++waiting[first_call_[l] + n];
        }
    }
    std::priority_queue<size_t, std::vector<size_t>, std::greater<>> ready;
    for (size_t id = 0; id < records_.size(); ++id)
      if (waiting[id] == 0) ready.push(id);
    size_t visited = 0;
    while (!ready.empty()) {
      size_t id = ready.top();
      ready.pop();
      ++visited;
      if (!visit(id, error)) return false;
      for (size_t next : dependents[id])
        if (--waiting[next] == 0) ready.push(next);
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
    std::vector<Shape> inputs;
    for (const TensorRef& ref : layer.nodes[n].inputs) {
      const CallRecord& producer = records_[call_id(ref)];
      if (static_cast<size_t>(ref.tensor) < producer.outputs.size()) {
        inputs.push_back(producer.outputs[ref.tensor]);
      } else if (producer.outputs.size() == 1 && !producer.outputs[0].rank_known()) {
        inputs.push_back(Shape::unknown());
      } else {
        auto pos = model_.source->position(layer.offset);
        error = fmt::format("{}:{}: layer \"{}\" uses output {} of \"{}\", which has {} output{}",
                            pos.line, pos.column, layer.name, ref.tensor,
                            model_.layers[ref.layer].name, producer.outputs.size(),
                            producer.outputs.size() == 1 ? "" : "s");
        return false;
      }
    }
    if (n == 0) report.input_shapes = inputs;
    bool inputs_known = !inputs.empty();
    for (const Shape& s : inputs) inputs_known = inputs_known && s.rank_known();
    if (!inputs_known) {
      record.outputs = {Shape::unknown()};
      if (n == 0) {
        report.reached = false;
        report.params = std::nullopt;
        report.trainable_params = std::nullopt;
        if (!inputs.empty()) warn_if_unknown_class(l);
      }
      return true;
    }
    Outcome outcome = layer.submodel ? run_submodel(layer, inputs, error) : run_rule(l, n, inputs);
    if (!error.empty()) return false;
    record.axis_maps = outcome.axis_maps;
    record.elementwise = outcome.elementwise;
    for (Diagnostic& d : outcome.diagnostics) {
      if (d.severity == Severity::kError && !outcome.needs.empty())
        add_min_input_help(layer.nodes[n].inputs[0], outcome.needs, layer.name, d);
      attach(l, std::move(d));
    }
    if (outcome.failed() || outcome.outputs.empty()) {
      record.outputs = {Shape::unknown()};
      report.failed = report.failed || outcome.failed();
    } else {
      record.outputs = outcome.outputs;
    }
    if (n == 0) {
      report.output_shape = record.outputs[0];
      report.output_count = static_cast<int>(record.outputs.size());
      set_params(layer, outcome, report);
    } else {
      check_shared_weights(l, outcome, report);
    }
    return true;
  }

  void warn_if_unknown_class(size_t l) {
    const Layer& layer = model_.layers[l];
    if (layer.submodel || LayerRegistry::instance().find(layer.class_name)) return;
    Diagnostic d;
    d.severity = Severity::kWarning;
    d.code = "DS0101";
    d.message = fmt::format("dimsum does not know the layer class '{}'; its output shape is "
                            "unknown and the layers after it are checked only where they can be",
                            layer.class_name);
    attach(l, std::move(d));
  }

  Outcome run_rule(size_t l, size_t n, const std::vector<Shape>& inputs) {
    const Layer& layer = model_.layers[l];
    Outcome outcome;
    ShapeRule rule = LayerRegistry::instance().find(layer.class_name);
    if (!rule) {
      if (n == 0) warn_if_unknown_class(l);
      outcome.params = std::nullopt;
      outcome.non_trainable_params = std::nullopt;
      return outcome;
    }
    LayerConfig config(layer.config, layer.offset);
    const TensorRef& first = layer.nodes[n].inputs[0];
    const Layer& source = model_.layers[first.layer];
    std::optional<LayerConfig> source_config;
    std::optional<Producer> producer;
    if (!is_input(source)) {
      source_config.emplace(source.config, source.offset);
      producer = Producer{source.name, source.class_name, &*source_config};
    }
    try {
      rule(LayerCall{layer.class_name, config, inputs, producer}, outcome);
    } catch (const ConfigError& e) {
      throw ConfigError(e.offset, fmt::format("layer '{}' ({}): {}", layer.name,
                                              layer.class_name, e.what()));
    }
    return outcome;
  }

  Outcome run_submodel(const Layer& layer, const std::vector<Shape>& inputs, std::string& error) {
    const Model& inner = *layer.submodel;
    InputData data;
    for (const Shape& s : inputs) data.push_back(s.dims());
    ModelTrace inner_trace;
    Outcome outcome;
    if (!propagate(inner, data, inner_trace, error)) return outcome;
    for (Diagnostic& d : inner_trace.diagnostics) {
      if (d.cause == Cause::kIncompatibleInputData) d.cause = Cause::kLayerMisconfiguration;
      d.notes.push_back(fmt::format("in model '{}', used as a layer here", layer.name));
      d.trace.clear();
      outcome.diagnostics.push_back(std::move(d));
    }
    outcome.outputs = inner_trace.outputs;
    outcome.params = inner_trace.total_params;
    auto trainable = inner_trace.trainable_params;
    outcome.non_trainable_params =
        outcome.params && trainable ? std::optional<int64_t>(*outcome.params - *trainable)
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
  void check_shared_weights(size_t l, const Outcome& outcome, const LayerReport& report) {
    if (outcome.failed() || !outcome.params || !report.params || *outcome.params == *report.params)
      return;
    Diagnostic d;
    d.code = "DS0011";
    d.cause = Cause::kLayerMisconfiguration;
    d.message = fmt::format("layer '{}' is shared, but this call needs {} weights where its first "
                            "call created {}",
                            model_.layers[l].name, *outcome.params, *report.params);
    d.notes.push_back(fmt::format("first call on {}", report.input_shapes.empty()
                                                           ? std::string("?")
                                                           : to_string(report.input_shapes[0])));
    d.help.push_back("call a shared layer only on inputs whose weight-bearing sizes (such as the "
                     "last axis) match, or use a separate layer");
    attach(l, std::move(d));
  }

  // Works backwards from a layer whose output vanished to the model input, through windows,
  // padding, cropping and upsampling, to the smallest input that still reaches it.
  void add_min_input_help(TensorRef ref, const std::vector<AxisNeed>& needs,
                          const std::string& failing, Diagnostic& d) {
    std::vector<AxisNeed> wanted = needs;
    for (size_t steps = 0; steps < model_.layers.size() + 1; ++steps) {
      const Layer& layer = model_.layers[ref.layer];
      const CallRecord& record = records_[call_id(ref)];
      if (is_input(layer)) {
        const Shape& data = input_shapes_[ref.layer];
        std::vector<int64_t> smallest, actual;
        std::string names;
        for (const AxisNeed& need : wanted) {
          if (need.axis >= data.rank() || !data[need.axis].known()) return;
          smallest.push_back(need.min_size);
          actual.push_back(data[need.axis].value());
          names += (names.empty() ? "" : " x ") + need.axis_name;
        }
        d.help.push_back(fmt::format("the smallest input that reaches '{}' with any output is "
                                     "{} ({}); the model's input is {}",
                                     failing, sizes_text(smallest), names, sizes_text(actual)));
        return;
      }
      if (!record.elementwise) {
        for (AxisNeed& need : wanted) {
          const AxisMap* map = nullptr;
          for (const AxisMap& m : record.axis_maps)
            if (m.output_axis == need.axis) map = &m;
          if (!map) return;
          need.axis = map->input_axis;
          need.min_size = min_input_for(*map, need.min_size);
        }
      }
      const Layer& here = model_.layers[ref.layer];
      if (here.nodes.empty() || here.nodes[ref.node].inputs.empty()) return;
      ref = here.nodes[ref.node].inputs[0];
    }
  }

  void attach(size_t l, Diagnostic d) {
    // A Sequential's implicit input is not written in the file: its shape, and so any problem
    // with it, belongs to the first layer, which declares it.
    if (model_.layers[l].synthetic && l + 1 < model_.layers.size()) ++l;
    const Layer& layer = model_.layers[l];
    d.layer = layer.name;
    d.class_name = layer.class_name;
    auto pos = model_.source->position(layer.offset);
    d.location = Location{model_.file, pos.line, pos.column,
                          std::string(model_.source->line_text(pos.line))};
    d.trace = trace_to(l);
    trace_.diagnostics.push_back(std::move(d));
  }

  // The layers leading to layer `l` along first inputs, oldest first, `l` last.
  std::vector<size_t> trace_to(size_t l) const {
    std::vector<size_t> path{l};
    for (size_t steps = 0; steps < model_.layers.size(); ++steps) {
      const Layer& layer = model_.layers[path.back()];
      if (layer.nodes.empty() || layer.nodes[0].inputs.empty()) break;
      path.push_back(static_cast<size_t>(layer.nodes[0].inputs[0].layer));
    }
    return {path.rbegin(), path.rend()};
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
      if (is_input(layer) || calls(layer) == 0) report.params = report.trainable_params = 0;
      trace_.total_params = sum({trace_.total_params, report.params});
      trace_.trainable_params = sum({trace_.trainable_params, report.trainable_params});
    }
    return true;
  }

  const Model& model_;
  ModelTrace& trace_;
  std::vector<size_t> first_call_;     // layer -> id of its first call
  std::vector<size_t> layer_of_call_;  // call id -> layer
  std::vector<CallRecord> records_;
  std::vector<Shape> input_shapes_;  // per layer index; only InputLayers are set
};

}  // namespace

bool propagate(const Model& model, const InputData& data, ModelTrace& trace, std::string& error) {
  error.clear();
  Propagator propagator(model, trace);
  return propagator.run(data, error);
}

}  // namespace dimsum
