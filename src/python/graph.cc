#include "python/graph.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "check/propagate.h"
#include "python/libraries/library.h"
#include "shape/symbolic.h"

namespace dimsum::python {

namespace {

constexpr int kMaxNesting = 16;  // models in models

bool is_input(const LayerObject& layer) {
  return layer.class_name == "InputLayer" && layer.calls.empty();
}

// A compact text of a JSON value, to tell apart models built by one line of code in a loop.
void serialize(const json::Value& v, std::string& out) {
  switch (v.kind) {
    case json::Kind::kArray:
      out += '[';
      for (const json::Value& item : v.items()) serialize(item, out), out += ',';
      out += ']';
      return;
    case json::Kind::kObject:
      out += '{';
      for (const json::Member& m : v.members())
        if (m.key() != "name") out.append(m.key()) += ':', serialize(m.value, out), out += ',';
      out += '}';
      return;
    case json::Kind::kBool: out += v.boolean ? "true" : "false"; return;
    case json::Kind::kNull: out += "null"; return;
    default: out += v.text(); return;
  }
}

// The shape one model input is fed, per step, and the size of the last, partial batch.
struct Fed {
  std::optional<Dims> shape;
  std::optional<int64_t> remainder;
  std::string why;  // when the shape is unknown
};

Fed fed_shape(const Value& v, std::optional<int64_t> batch) {
  Fed fed;
  if (v.kind == Kind::kData || v.is_sequence()) {
    fed.shape = v.kind == Kind::kData ? v.shape : nested_shape(v);
    if (!fed.shape) {
      fed.why = v.kind == Kind::kData ? "an array whose shape dimsum cannot follow"
                                      : "a list of arrays of different shapes";
      return fed;
    }
    if (batch && !fed.shape->empty() && (*fed.shape)[0].known() &&
        (*fed.shape)[0].value() > *batch) {
      int64_t n = (*fed.shape)[0].value();
      (*fed.shape)[0] = Dim(*batch);
      if (n % *batch != 0) fed.remainder = n % *batch;
    }
    return fed;
  }
  fed.why = v.known() ? "not an array" : v.text;
  return fed;
}

// The config at the second probe size: every probed size, at any depth (a wrapper's inner
// layer, TimeDistributed(Dense(n))), one more.
void move_probes(json::Node& node, int depth) {
  if (depth > kMaxNesting) return;
  if (node.kind == json::Kind::kNumber && node.text == std::to_string(kProbeSize))
    node.text = std::to_string(kProbeSize + 1);
  for (json::NodeMember& member : node.members) move_probes(member.value, depth + 1);
  for (json::Node& item : node.items) move_probes(item, depth + 1);
}

class GraphBuilder {
 public:
  // `store` keeps the layer configs the graphs point into: the source itself, or a scratch store
  // for a graph made only to read shapes from (tensor_shapes).
  GraphBuilder(std::shared_ptr<PythonSource> source, std::string file, KerasGeneration generation,
               std::shared_ptr<PythonSource> store = nullptr)
      : source_(std::move(source)),
        store_(store ? std::move(store) : source_),
        file_(std::move(file)),
        generation_(generation) {}

  // The graph of `m`; nullptr with `why` when dimsum cannot follow how it is built.
  std::shared_ptr<Model> build(const ModelObject& m, std::string& why, int depth = 0) {
    if (depth > kMaxNesting) {
      why = "it is nested in other models too deeply";
      return nullptr;
    }
    auto model = std::make_shared<Model>();
    model->name = m.name.empty() ? (m.sequential ? "sequential" : "model") : m.name;
    model->dialect = "Python source";
    model->generation = generation_;
    model->sequential = m.sequential;
    model->file = file_;
    model->source = source_;
    bool built = m.sequential ? build_sequential(m, *model, why, depth)
                              : build_functional(m, *model, why, depth);
    return built ? model : nullptr;
  }

 private:
  Layer make_layer(const LayerObject& object, int depth) {
    Layer layer;
    layer.name = object.name;
    layer.class_name = object.class_name;
    layer.offset = object.offset;
    layer.config = store_->keep(object.config);
    layer.unfollowed = object.unfollowed;
    if (!object.probed.empty()) {
      // By value: legacy names (Keras 1's output_dim) were renamed since they were probed.
      json::Node other = object.config;
      move_probes(other, 0);
      layer.probe_config = store_->keep(other);
      if (object.probed.size() == 1) {
        layer.probe_symbol = object.probed[0] + "_" + layer.name;
        for (char& c : layer.probe_symbol)
          if (!is_symbol_char(c)) c = '_';
      }
    }
    if (object.class_name == "InputLayer") layer.declared_shape = object.declared_shape;
    layer.traced = object.traced;
    layer.own_params = object.own_params;
    layer.own_non_trainable = object.own_non_trainable;
    layer.computed_output = object.computed_output;
    if (object.submodel) {
      std::string why;
      layer.submodel = build(*object.submodel, why, depth + 1);
      if (!layer.submodel) layer.unfollowed = why;
    }
    // A layer with a compute_output_shape() answer says its own output shape.
    if (!layer.unfollowed.empty())
      layer.unfollowed = fmt::format("dimsum cannot follow this layer: {}{}", layer.unfollowed,
                                     layer.computed_output ? "" : "; its output shape is unknown");
    return layer;
  }

  Layer layer_of(const Value& item, size_t index, int depth) {
    // A keras.layers.Layer subclass in a Sequential: followed when it was traced with the shape
    // of the layers before it (trace_sequential_layers), else a layer of unknown class.
    if (item.kind == Kind::kLayer || (item.kind == Kind::kInstance && item.layer))
      return make_layer(*item.layer, depth);
    Layer layer;
    layer.offset = item.offset;
    if (item.kind == Kind::kModel) {
      layer.name = item.model->name.empty() ? fmt::format("model_{}", index) : item.model->name;
      layer.class_name = item.model->sequential ? "Sequential" : "Functional";
      if (!item.model->trainable) {  // base.trainable = False: its weights are frozen
        json::Node config;
        config.kind = json::Kind::kObject;
        set_trainable_flag(config, false);
        layer.config = store_->keep(config);
      }
      std::string why;
      layer.submodel = build(*item.model, why, depth + 1);
      if (!layer.submodel)
        layer.unfollowed = fmt::format("dimsum cannot follow this nested model: {}", why);
      return layer;
    }
    layer.name = fmt::format("layer_{}", index);
    layer.class_name = "?";
    layer.unfollowed = fmt::format(
        "dimsum cannot follow layer {} of this Sequential: it is {}; its "
        "output shape is unknown",
        index, item.known() ? "not a Keras layer" : item.text);
    return layer;
  }

  bool build_sequential(const ModelObject& m, Model& model, std::string& why, int depth) {
    if (!m.unfollowed.empty()) {
      why = m.unfollowed;
      return false;
    }
    if (m.layers.empty()) {
      why = "it has no layers";
      return false;
    }
    size_t first = 0;
    const Value& head = m.layers[0];
    const LayerObject* input = nullptr;
    if ((head.kind == Kind::kTensor || head.kind == Kind::kLayer) && is_input(*head.layer))
      input = head.layer.get();
    if (input) {
      model.layers.push_back(make_layer(*input, depth));
      first = 1;
    } else {  // the first layer declares the input shape, or the data decides it
      Layer implicit;
      implicit.class_name = "InputLayer";
      implicit.name = "input";
      implicit.offset = head.offset;
      implicit.synthetic = true;
      implicit.declared_shape = declared_input(head);
      model.layers.push_back(std::move(implicit));
    }
    model.inputs.push_back(0);
    for (size_t i = first; i < m.layers.size(); ++i) {
      Layer layer = layer_of(m.layers[i], i, depth);
      Node node;
      node.inputs.push_back(TensorRef{static_cast<int>(model.layers.size()) - 1, 0, 0});
      layer.nodes.push_back(std::move(node));
      model.layers.push_back(std::move(layer));
    }
    model.outputs.push_back(TensorRef{static_cast<int>(model.layers.size()) - 1, 0, 0});
    return true;
  }

  bool build_functional(const ModelObject& m, Model& model, std::string& why, int depth) {
    if (!m.unfollowed.empty()) {
      why = m.unfollowed;
      return false;
    }
    // The calls the outputs depend on, back to the inputs.
    std::map<const LayerObject*, std::set<int>> used;
    std::map<const LayerObject*, std::shared_ptr<LayerObject>> owners;
    std::vector<TensorArg> pending(m.outputs.begin(), m.outputs.end());
    pending.insert(pending.end(), m.inputs.begin(), m.inputs.end());
    while (!pending.empty()) {
      TensorArg t = pending.back();
      pending.pop_back();
      const LayerObject* layer = t.layer.get();
      owners[layer] = t.layer;
      if (is_input(*layer)) {
        used[layer].insert(0);
        continue;
      }
      if (t.node < 0 || static_cast<size_t>(t.node) >= layer->calls.size()) {
        why = fmt::format("layer '{}' is used before it is called", layer->name);
        return false;
      }
      if (!used[layer].insert(t.node).second) continue;
      const Invocation& call = layer->calls[static_cast<size_t>(t.node)];
      pending.insert(pending.end(), call.inputs.begin(), call.inputs.end());
      for (const Invocation::Other& other : call.others) pending.push_back(other.tensor);
    }
    std::vector<const LayerObject*> order;
    for (const auto& [layer, nodes] : used) order.push_back(layer);
    std::sort(order.begin(), order.end(),
              [](const LayerObject* a, const LayerObject* b) { return a->id < b->id; });
    std::map<const LayerObject*, int> index;
    for (size_t i = 0; i < order.size(); ++i) index[order[i]] = static_cast<int>(i);
    auto ref = [&](const TensorArg& t) {
      const std::set<int>& nodes = used[t.layer.get()];
      int node = is_input(*t.layer)
                     ? 0
                     : static_cast<int>(std::distance(nodes.begin(), nodes.find(t.node)));
      return TensorRef{index[t.layer.get()], node, t.tensor};
    };
    for (const LayerObject* object : order) {
      Layer layer = make_layer(*object, depth);
      if (!is_input(*object))
        for (int node : used[object]) {
          const Invocation& call = object->calls[static_cast<size_t>(node)];
          Node n;
          n.offset = call.offset;
          if (!call.kwargs.members.empty()) n.kwargs = store_->keep(call.kwargs);
          for (const TensorArg& input : call.inputs) n.inputs.push_back(ref(input));
          for (const Invocation::Other& other : call.others)
            n.arguments.push_back(Argument{other.name, other.position, ref(other.tensor)});
          layer.nodes.push_back(std::move(n));
        }
      model.layers.push_back(std::move(layer));
    }
    for (const TensorArg& input : m.inputs) {
      if (!is_input(*input.layer)) {
        why = fmt::format("its input '{}' is not made by keras.Input()", input.layer->name);
        return false;
      }
      model.inputs.push_back(index[input.layer.get()]);
    }
    // An Input the outputs depend on but the model does not list: Keras says "Graph
    // disconnected"; dimsum checks on with it as one more input.
    for (const LayerObject* object : order)
      if (is_input(*object) &&
          std::find(model.inputs.begin(), model.inputs.end(), index[object]) == model.inputs.end())
        model.inputs.push_back(index[object]);
    for (const TensorArg& output : m.outputs) model.outputs.push_back(ref(output));
    return true;
  }

  std::shared_ptr<PythonSource> source_;
  std::shared_ptr<PythonSource> store_;
  std::string file_;
  KerasGeneration generation_;
};

bool has_fixed_batch(const Model& model) {
  for (int i : model.inputs) {
    const auto& declared = model.layers[static_cast<size_t>(i)].declared_shape;
    if (declared && !declared->empty() && (*declared)[0].known()) return true;
  }
  return false;
}

// The value fed to each model input: one array for a one-input model; a list (in input order)
// or a dict (by input name) for several.
std::vector<Value> split_inputs(const Value& data, const Model& model, const ModelObject& m) {
  size_t n = model.inputs.size();
  if (n == 1) {
    if (data.kind == Kind::kDict && data.items->size() == 1) return {data.items->front()};
    if (data.is_sequence() && data.length() == 1 && !data.repeat &&
        data.item(0).kind == Kind::kData)
      return {data.item(0)};
    return {data};
  }
  std::vector<Value> out(n, unknown("no data given for this input", data.offset));
  if (data.is_sequence() && !data.repeat && data.length() == static_cast<int64_t>(n)) {
    for (size_t i = 0; i < n; ++i) out[i] = data.item(static_cast<int64_t>(i));
  } else if (data.kind == Kind::kDict) {
    for (size_t i = 0; i < n; ++i) {
      std::string name = model.layers[static_cast<size_t>(model.inputs[i])].name;
      std::string key = i < m.input_keys.size() ? m.input_keys[i] : name;
      for (size_t k = 0; k < data.keys->size(); ++k)
        if ((*data.keys)[k] == name || (*data.keys)[k] == key) out[i] = (*data.items)[k];
    }
  } else {
    std::fill(out.begin(), out.end(),
              unknown("data dimsum cannot split among the inputs", data.offset));
  }
  return out;
}

// Labels that check alike: the same shape per sample and values, and sample counts that agree
// with the inputs' in both or in neither.
bool alike_labels(const SourceFeed& a, const SourceFeed& b) {
  if (a.labels.size() != b.labels.size() || a.sample_weights.size() != b.sample_weights.size())
    return false;
  auto agree = [](const SourceFeed& f, const InputShape& s) {
    return !f.input_samples || s.dims.empty() || !s.dims[0].known() ||
           s.dims[0].value() == *f.input_samples;
  };
  auto same = [&](const InputShape& x, const InputShape& y) {
    return x.name == y.name && x.low == y.low && x.high == y.high &&
           x.dims.size() == y.dims.size() &&
           std::equal(x.dims.begin() + (x.dims.empty() ? 0 : 1), x.dims.end(),
                      y.dims.begin() + (y.dims.empty() ? 0 : 1)) &&
           agree(a, x) == agree(b, y);
  };
  for (size_t i = 0; i < a.labels.size(); ++i)
    if (!same(a.labels[i], b.labels[i])) return false;
  for (size_t i = 0; i < a.sample_weights.size(); ++i)
    if (!same(a.sample_weights[i], b.sample_weights[i])) return false;
  return true;
}

bool alike(const SourceFeed& a, const SourceFeed& b, bool any_batch) {
  if (a.inputs.size() != b.inputs.size()) return false;
  for (size_t i = 0; i < a.inputs.size(); ++i) {
    const auto& x = a.inputs[i];
    const auto& y = b.inputs[i];
    if (x.has_value() != y.has_value() || (x && x->size() != y->size())) return false;
    if (!x) continue;
    for (size_t axis = any_batch ? 1 : 0; axis < x->size(); ++axis)
      if ((*x)[axis] != (*y)[axis]) return false;
  }
  return alike_labels(a, b);
}

std::string signature(const Model& model, const std::vector<SourceFeed>& feeds) {
  std::string out;
  for (const Layer& layer : model.layers) {
    out += layer.class_name + std::to_string(layer.offset) + '(';
    if (layer.config) serialize(*layer.config, out);
    out += ')';
  }
  for (const SourceFeed& feed : feeds) {
    for (const auto& input : feed.inputs) {
      out += '<';
      if (input)
        for (Dim d : *input) out += to_string(d) + ',';
      out += '>';
    }
    for (const InputShape& labels : feed.labels) out += '[' + to_string(Shape(labels.dims)) + ']';
  }
  return out;
}

// The value given for each model output: the value itself for a one-output model; a list (in
// output order) or a dict (by output name) for several. nullopt for an output given nothing.
std::vector<std::optional<Value>> split_outputs(const Value& v, const Model& model) {
  std::vector<std::string> names = output_names(model);
  size_t n = names.size();
  std::vector<std::optional<Value>> out(n);
  bool listed = v.is_sequence() && !v.repeat && v.length() == static_cast<int64_t>(n);
  if (n == 1) {
    if (v.kind == Kind::kDict && v.items->size() == 1)
      out[0] = v.items->front();
    else if (v.is_sequence() && listed && v.item(0).kind == Kind::kData)
      out[0] = v.item(0);
    else
      out[0] = v;
  } else if (listed) {
    for (size_t i = 0; i < n; ++i) out[i] = v.item(static_cast<int64_t>(i));
  } else if (v.kind == Kind::kDict) {
    for (size_t i = 0; i < n; ++i)
      for (size_t k = 0; k < v.keys->size(); ++k)
        if ((*v.keys)[k] == names[i]) out[i] = (*v.items)[k];
  } else {  // one value for several outputs (or one dimsum cannot split): not split
    std::fill(out.begin(), out.end(),
              unknown("labels dimsum cannot split among the outputs", v.offset));
  }
  return out;
}

// Labels or sample weights as the check takes them, named after their output; nullopt when their
// shape is unknown.
std::optional<InputShape> label_shape(const Value& v, const std::string& output) {
  if (v.open_rank) return std::nullopt;
  Fed whole = fed_shape(v, std::nullopt);
  if (!whole.shape || whole.shape->empty()) return std::nullopt;
  InputShape shape;
  shape.name = output;
  shape.dims = *whole.shape;
  if (v.kind == Kind::kData && v.values) {
    shape.low = v.values->low;
    shape.high = v.values->high;
  }
  return shape;
}

// The labels (and sample weights) a feed gives, per output, all samples first; `inputs` are the
// values fed to the model's inputs, whose sample count the labels' must match.
void add_labels(const FeedRecord& f, const std::vector<Value>& inputs, const Model& model,
                const PythonSource& source, SourceFeed& feed, std::vector<std::string>& unchecked) {
  const Value& labels = f.labels;
  if (labels.kind == Kind::kNone) return;
  for (const Value& v : inputs) {
    Fed whole = fed_shape(v, std::nullopt);
    if (whole.shape && !whole.shape->empty() && (*whole.shape)[0].known()) {
      feed.input_samples = (*whole.shape)[0].value();
      break;
    }
  }
  std::vector<std::string> outputs = output_names(model);
  std::vector<std::optional<Value>> per_output = split_outputs(labels, model);
  std::string shapes;
  for (size_t i = 0; i < per_output.size(); ++i) {
    const std::string& output = outputs[i];
    std::optional<InputShape> shape =
        per_output[i] ? label_shape(*per_output[i], output) : std::nullopt;
    if (!shape) {
      unchecked.push_back(fmt::format("the labels fed for output '{}' on {}, whose shape is {}",
                                      output, source.line_name(f.offset),
                                      per_output[i] ? "unknown" : "not given"));
      continue;
    }
    shapes += (shapes.empty() ? "" : ", ") + tuple_string(shape->dims);
    feed.labels.push_back(std::move(*shape));
  }
  if (feed.labels.empty()) return;
  feed.labels_made = labels.offset ? labels.offset : f.offset;
  feed.labels_made_label = fmt::format("the labels are made here, of shape {}", shapes);
  if (f.weights.kind == Kind::kNone) return;
  std::vector<std::optional<Value>> weights = split_outputs(f.weights, model);
  for (size_t i = 0; i < weights.size(); ++i) {
    if (auto shape = weights[i] ? label_shape(*weights[i], outputs[i]) : std::nullopt)
      feed.sample_weights.push_back(std::move(*shape));
  }
}

// compile(loss=[...], metrics=[[...], ...]): entries given by position are named after the
// output in that position.
void set_compile(const ModelObject& m, Model& model) {
  std::vector<std::string> outputs = output_names(model);
  auto output_name = [&](int position) -> std::string {
    if (position < 0 || static_cast<size_t>(position) >= outputs.size()) return "";
    return outputs[static_cast<size_t>(position)];
  };
  model.losses = m.losses;
  for (size_t i = 0; i < model.losses.size() && i < m.loss_order.size(); ++i)
    if (m.loss_order[i] >= 0) model.losses[i].output = output_name(m.loss_order[i]);
  model.metrics = m.metrics;
  for (size_t i = 0; i < model.metrics.size() && i < m.metric_order.size(); ++i)
    if (m.metric_order[i] >= 0) model.metrics[i].output = output_name(m.metric_order[i]);
}

// A model the reader found but cannot follow, reported as not checked, with why.
// `why` is said in a note at `offset`; `what`, shorter, in the verdict.
SourceModel unfollowed_model(std::string name, uint32_t offset, std::string why, std::string what,
                             const std::shared_ptr<PythonSource>& source, const std::string& file) {
  SourceModel entry;
  entry.model.name = std::move(name);
  entry.model.dialect = "Python source";
  entry.model.file = file;
  entry.model.source = source;
  entry.offset = offset;
  entry.notes.push_back(SourceNote{offset, std::move(why)});
  entry.unfollowed = std::move(what);
  return entry;
}

// Whether a class written in the source, or one of its bases there, defines call().
bool defines_call(const ClassObject& c, int depth) {
  if (depth > kMaxNesting) return true;
  if (c.members && c.members->vars.count("call")) return true;
  return std::any_of(c.bases.begin(), c.bases.end(),
                     [&](const auto& base) { return defines_call(*base, depth + 1); });
}

}  // namespace

Interpreter::TensorShapes tensor_shapes(const ModelObject& part,
                                        const std::shared_ptr<PythonSource>& source,
                                        KerasGeneration generation) {
  Interpreter::TensorShapes read;
  auto store = std::make_shared<PythonSource>("");
  GraphBuilder builder(source, "", generation, store);
  std::string why;
  std::shared_ptr<Model> model = builder.build(part, why);
  if (!model) return read;
  ModelTrace trace;
  if (!propagate(*model, {}, trace, why)) return read;
  for (const Shape& output : trace.outputs)
    read.shapes.push_back(output.rank_known() ? std::optional<Dims>(output.dims()) : std::nullopt);
  if (!model->outputs.empty())
    read.params = trace.layers[static_cast<size_t>(model->outputs[0].layer)].params;
  return read;
}

std::vector<SourceModel> build_models(const Reading& reading,
                                      const std::shared_ptr<PythonSource>& source,
                                      const std::string& file, std::vector<SourceNote>& unplaced) {
  GraphBuilder builder(source, file, reading.cues.generation());
  std::vector<SourceModel> out;
  std::vector<SourceNote> loose;  // notes that belong to no model that is checked
  std::set<std::string> seen;
  for (const auto& m : reading.models) {
    std::string why;
    std::shared_ptr<Model> model = builder.build(*m, why);
    bool fed = false;
    for (const FeedRecord& f : reading.feeds) fed = fed || f.model == m;
    if (!model) {
      if (!m->used_as_layer || fed)
        out.push_back(unfollowed_model(
            m->name.empty() ? (m->sequential ? "sequential" : "model") : m->name, m->offset,
            fmt::format("the model built on {} is not checked: {}", source->line_name(m->offset),
                        why),
            "dimsum cannot follow how it is built (see the note)", source, file));
      continue;
    }
    if (m->used_as_layer && !fed) continue;  // checked as a part of the models that use it
    SourceModel entry;
    // Data that differs only in its batch size checks a model whose batch size is free alike:
    // the first is kept.
    bool fixed = has_fixed_batch(*model);
    auto fed_before = [&](const SourceFeed& candidate) {
      return std::any_of(entry.feeds.begin(), entry.feeds.end(),
                         [&](const SourceFeed& other) { return alike(other, candidate, !fixed); });
    };
    for (const FeedRecord& f : reading.feeds) {
      if (f.model != m) continue;
      std::vector<Value> values = split_inputs(f.data, *model, *m);
      SourceFeed feed;
      feed.call = f.offset;
      feed.made = values.empty() ? f.offset : values[0].offset;
      std::vector<std::optional<Dims>> last_inputs;  // of the last, partial batch
      bool any_known = false, partial = false;
      std::string why_unknown, made_shapes;
      for (const Value& v : values) {
        Fed whole = fed_shape(v, std::nullopt);
        made_shapes += (made_shapes.empty() ? "" : ", ") +
                       (whole.shape ? to_string(Shape(*whole.shape)) : std::string("?"));
        Fed fed_input = fed_shape(v, f.batch_size);
        any_known = any_known || fed_input.shape.has_value();
        if (!fed_input.shape) why_unknown = fed_input.why;
        feed.inputs.push_back(fed_input.shape);
        auto partial_shape = fed_input.shape;
        if (fed_input.remainder) {
          (*partial_shape)[0] = Dim(*fed_input.remainder);
          partial = true;
        }
        last_inputs.push_back(partial_shape);
      }
      if (!any_known) {
        entry.notes.push_back(SourceNote{
            f.offset,
            fmt::format("the data fed to '{}' on {}{} is {}, so the model is checked "
                        "with the input it declares",
                        model->name, source->line_name(f.offset),
                        f.times > 1 ? fmt::format(" ({} times)", f.times) : "", why_unknown)});
        entry.unchecked.push_back(
            fmt::format("the data fed on {}, whose shape is unknown", source->line_name(f.offset)));
        // The labels are still checked, against the outputs of the input the model declares
        // (labels of unknown shape go unsaid: the data's is said).
        std::vector<std::string> unsaid;
        add_labels(f, values, *model, *source, feed, unsaid);
        if (!feed.labels.empty() && !fed_before(feed)) {
          feed.call_label = fmt::format("and fed to '{}' here", model->name);
          entry.feeds.push_back(feed);
        }
        continue;
      }
      for (size_t i = 0; i < feed.inputs.size(); ++i)
        if (!feed.inputs[i])
          entry.unchecked.push_back(
              fmt::format("the data fed to input '{}' on {}, whose shape is unknown",
                          model->layers[static_cast<size_t>(model->inputs[i])].name,
                          source->line_name(f.offset)));
      feed.made_label = fmt::format("the data is made here, of shape {}", made_shapes);
      add_labels(f, values, *model, *source, feed, entry.unchecked);
      std::string fed_to = fmt::format("and fed to '{}' here", model->name);
      if (f.method == "fit(validation_data=...)")
        fed_to = fmt::format(
            "and fed to '{}' as "
            "validation data here",
            model->name);
      auto batches = [&](const SourceFeed& shapes) {
        std::string text;
        for (const auto& input : shapes.inputs)
          text +=
              (text.empty() ? "" : ", ") + (input ? to_string(Shape(*input)) : std::string("?"));
        return text;
      };
      // The last, partial batch matters only to a model whose batch size is fixed: the same
      // feed but for its inputs' batch axis.
      SourceFeed last_batch = feed;
      last_batch.inputs = std::move(last_inputs);
      last_batch.call_label = fmt::format("{}, its last batch {}", fed_to, batches(last_batch));
      feed.call_label =
          f.batch_size ? fmt::format("{}, in batches of {}", fed_to, batches(feed)) : fed_to;
      if (!fed_before(feed)) entry.feeds.push_back(feed);
      if (partial && fixed && !fed_before(last_batch)) entry.feeds.push_back(last_batch);
    }
    if (!seen.insert(std::to_string(m->offset) + signature(*model, entry.feeds)).second) continue;
    set_compile(*m, *model);
    entry.model = std::move(*model);
    out.push_back(std::move(entry));
  }
  // A keras.Model subclass is checked as the functional model its call() traces to; one no
  // object of which could be traced is reported as not checked, with the reason.
  for (const auto& c : reading.subclassed_models) {
    if (c->traced) continue;
    std::string why =
        c->untraced_why.empty()
            ? "no object of it is given an input shape dimsum can read (model.build(shape), or "
              "data of known shape fed to it)"
            : c->untraced_why;
    bool callable = defines_call(*c, 0);
    if (!callable)
      why =
          "it defines no call() to trace (a keras.Sequential subclass, or a model trained only "
          "by its own train_step); the models it holds are checked where they are built";
    out.push_back(unfollowed_model(
        c->name, c->offset,
        fmt::format("class '{}' on {} is a subclassed model (of keras.Model): dimsum follows "
                    "one by tracing its call() with the input shape the code gives, but {}",
                    c->name, source->line_name(c->offset), why),
        !callable                 ? "a subclassed model with no call() of its own"
        : c->untraced_why.empty() ? "a subclassed model whose input shape dimsum cannot tell"
                                  : "a subclassed model whose call() dimsum cannot follow",
        source, file));
  }
  for (const Rejected& r : reading.rejected) {
    SourceModel entry;
    entry.model.name = r.what;
    entry.model.dialect = "Python source";
    entry.model.file = file;
    entry.model.source = source;
    entry.offset = r.offset;
    Diagnostic d;
    d.code = "DS0008";
    d.cause = Cause::kLayerMisconfiguration;
    d.message = fmt::format("Keras rejects {}(...): {}", r.what, r.message);
    d.help.push_back(r.help);
    entry.rejected = std::move(d);
    out.push_back(std::move(entry));
  }
  // Notes about a layer go with the models that hold it; the others with the first model.
  for (const Note& n : reading.notes) {
    bool placed = false;
    for (SourceModel& entry : out)
      for (const Layer& layer : entry.model.layers)
        if (layer.offset == n.offset && !placed) {
          entry.notes.push_back(SourceNote{n.offset, n.message});
          placed = true;
        }
    if (!placed) loose.push_back(SourceNote{n.offset, n.message});
  }
  if (reading.stopped) {
    std::string where = source->line_name(reading.stopped_at);
    loose.push_back(SourceNote{
        reading.stopped_at,
        fmt::format("dimsum stopped reading this file at {}: following it took too many steps "
                    "(a very long loop?); what the code does from there on is not checked",
                    where)});
    for (SourceModel& entry : out)
      entry.unchecked.push_back(
          fmt::format("the code from {} on, where dimsum stopped reading", where));
  }
  // A file with Keras code in which no model could be followed is still reported, as not
  // checked; one without Keras code is not a model file at all.
  if (out.empty() && reading.keras_code) {
    std::string why = "dimsum found no Keras model it can follow in this file";
    uint32_t at = 0;
    if (!loose.empty()) {
      why = fmt::format("no Keras model that dimsum can follow: {}", loose.front().message);
      at = loose.front().offset;
      loose.erase(loose.begin());
    }
    out.push_back(unfollowed_model(
        "", at, why, "no Keras model in this file that dimsum can follow", source, file));
  }
  if (out.empty())
    unplaced = std::move(loose);
  else
    out.front().notes.insert(out.front().notes.begin(), loose.begin(), loose.end());
  return out;
}

}  // namespace dimsum::python
