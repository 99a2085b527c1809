// What the Python reader knows of a value while it reads the source: a constant it can compute,
// a Keras layer, model or symbolic tensor the code builds, an array of data with its shape, or
// "unknown" (computed at run time, or code dimsum does not follow) with the reason and where.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "dimsum/dimsum.h"
#include "ops/ops.h"
#include "readers/json.h"
#include "shape/dim.h"

namespace dimsum::python {

struct LayerObject;
struct ModelObject;
struct Scope;           // names and their values (language/interpreter.h)
struct FunctionObject;  // a def in the source (language/interpreter.h)
struct ClassObject;

enum class Kind : uint8_t {
  kUnknown,  // `text` says why
  kNone,
  kBool,
  kInt,
  kFloat,
  kStr,
  kEllipsis,
  kSlice,  // start:stop:step, the three parts in `items` (None where left out)
  kTuple,
  kList,
  kDict,
  kModule,   // an imported module or a name in one: `text` is its dotted path ("keras.layers")
  kLayer,    // a Keras layer object
  kModel,    // a Sequential or functional Model
  kTensor,   // a symbolic tensor of the functional API: output `tensor` of call `node` of `layer`
  kData,     // an array or tensor of data: `shape`
  kDataset,  // a tf.data.Dataset: `shape` is one element's; `batch` once .batch(n) is applied
  kFunction,
  kClass,    // a class defined in the source
  kInstance  // an object of a class defined in the source
};

// Integers that each lie in [low, high); `every`: each of them occurs (a data set's classes),
// not only may (random draws).
struct IntRange {
  int64_t low = 0;
  int64_t high = 0;
  bool every = false;
};

// The number of classes labels with these values hold, counted from 0, when it is sure: every
// id occurs, or `samples` draws make missing one unlikely beyond doubt (64 per class).
std::optional<int64_t> class_count(const std::optional<IntRange>& values,
                                   std::optional<int64_t> samples);

struct Value {
  Kind kind = Kind::kUnknown;
  uint32_t offset = 0;  // where the value was written or made in the source
  bool boolean = false;
  ops::DType dtype = ops::DType::kUnknown;  // kData: the kind of its elements
  int64_t integer = 0;
  double real = 0;
  std::string text;  // kStr: the string; kModule: the dotted path; kUnknown: why it is unknown
  // kTuple, kList (shared: a list is mutable, and aliases see its appends), kDict's values.
  std::shared_ptr<std::vector<Value>> items;
  std::shared_ptr<std::vector<std::string>> keys;  // kDict, beside `items`
  // A list made by a comprehension holds one element standing for `repeat` alike ones.
  std::optional<int64_t> repeat;
  std::shared_ptr<LayerObject> layer;  // kLayer; kTensor: the layer that made it
  int node = 0;
  int tensor = 0;
  std::shared_ptr<ModelObject> model;
  std::shared_ptr<FunctionObject> function;
  std::shared_ptr<ClassObject> class_object;  // kClass, kInstance
  std::shared_ptr<Scope> attributes;          // kInstance: what `self.x = ...` set
  std::optional<Dims> shape;                  // kData, kDataset; nullopt: rank unknown
  std::optional<int64_t> batch;               // kDataset: the batch size of .batch(n)
  std::optional<int64_t> samples;             // kDataset: elements before batching, when known
  // kData of integers whose values the code tells (np.random.randint(0, 10, n), a bundled
  // dataset's class ids). Kept by what moves values around (indexing, reshape, astype), dropped
  // by arithmetic.
  std::optional<IntRange> values;
  // kData whose known axes may be followed by others: pad_sequences of sequences whose items
  // dimsum cannot tell (token ids, or one-hot rows). Its shape serves the inputs, whose layers
  // tell the rank, but not the labels, whose rank the loss compares.
  bool open_rank = false;

  bool known() const { return kind != Kind::kUnknown; }
  bool is_sequence() const { return kind == Kind::kTuple || kind == Kind::kList; }
  bool is_number() const {
    return kind == Kind::kInt || kind == Kind::kFloat || kind == Kind::kBool;
  }
  // The number of items of a tuple or list (counting a comprehension's repeats).
  int64_t length() const;
  const Value& item(int64_t index) const;  // index < length()
};

Value unknown(std::string why, uint32_t offset);
// An unknown value used at `offset` (called, indexed, a method of it taken): the same unknown,
// whose reason still names what it depends on.
Value moved(Value unknown_value, uint32_t offset);
Value none(uint32_t offset);
Value boolean(bool b, uint32_t offset);
Value integer(int64_t i, uint32_t offset);
Value real(double d, uint32_t offset);
Value string(std::string s, uint32_t offset);
Value sequence(Kind kind, std::vector<Value> items, uint32_t offset);
Value module(std::string path, uint32_t offset);
Value data(std::optional<Dims> shape, uint32_t offset, ops::DType dtype = ops::DType::kUnknown);

// Lists nest no deeper than this for the reader (a list may hold itself: `a.append(a)`).
inline constexpr int kMaxNesting = 64;

// Python's equality for what the reader can compare: constants, sequences of them, and the
// identity of objects. nullopt when it cannot tell.
std::optional<bool> equal(const Value& a, const Value& b);
std::optional<bool> equal(const Value& a, const Value& b, int depth);
// Whether a variable still holds the value it held before some code ran: the same constant,
// the same object, the same array (made at the same place, of the same shape).
bool unchanged(const Value& before, const Value& after);

// Python's truth value; nullopt when unknown.
std::optional<bool> truth(const Value& v);

// A size from a Python value: an int (or an integral float), None for an unknown size.
std::optional<Dim> as_dim(const Value& v);
// A shape from an int or a tuple/list of sizes; nullopt when it is not one, or when a size is
// unknown to dimsum (computed at run time: not Keras' None, which is a size of any value).
std::optional<Dims> as_shape(const Value& v);

// A symbolic tensor of the functional API, as a layer call's input.
struct TensorArg {
  std::shared_ptr<LayerObject> layer;
  int node = 0;
  int tensor = 0;
};

// One call of a layer in the functional API: the tensors of its first argument, and tensors
// passed as other arguments (MultiHeadAttention's value), as Node and Argument hold them.
struct Invocation {
  struct Other {
    std::string name;   // the keyword; empty for a positional argument
    int position = -1;  // 1, 2, ... for a positional argument
    TensorArg tensor;
  };
  std::vector<TensorArg> inputs;
  std::vector<Other> others;
  uint32_t offset = 0;  // where the call is written
  // A TensorFlow op's arguments other than its tensors, by TensorFlow's parameter names (the
  // node kwargs tf.keras 2 saves for a TFOpLambda); null for a layer's call.
  json::Node kwargs;
};

// Symbolic tensors as values: a tensor or a non-empty list of them; the tensors in a tensor, a
// list or a dict of them (false if anything else is there, `keys` getting a dict's keys); one
// tensor as a call's argument; the value of output `index` of call `node` of `layer`.
bool is_tensor_list(const Value& v);
bool collect_tensors(const Value& v, std::vector<TensorArg>& out,
                     std::vector<std::string>* keys = nullptr, int depth = 0);
TensorArg argument_of(const Value& tensor);
Value tensor(const std::shared_ptr<LayerObject>& layer, int node, int index, uint32_t offset);
// The output of an Input of `shape` (batch axis first) that dimsum makes, not the code: what a
// layer's call() runs on, or a tensor whose shape was read before. `id` orders it among layers.
Value input_tensor(const std::optional<Dims>& shape, uint32_t offset, size_t id = 0);

// The input shape a Sequential's first item declares: a layer's input_shape=, or, for a model,
// its own first layer's (Keras' get_input_shape_and_dtype descends into models).
std::optional<Dims> declared_input(const Value& head, int depth = 0);

// The layers the tensors `from` are computed from, each once, in the order a depth-first walk
// back from them meets them (each call's inputs, then its other tensor arguments), down to the
// Inputs.
std::vector<std::shared_ptr<LayerObject>> layers_behind(const std::vector<TensorArg>& from);

// layer.trainable = ...: the flag a layer's config says it with (the last one set counts).
void set_trainable_flag(json::Node& config, bool trainable);

struct LayerObject {
  size_t id = 0;  // creation order
  std::string class_name;
  std::string name;     // Keras' name for it: name=..., or the one Keras makes from the class
  uint32_t offset = 0;  // the constructor call
  json::Node config;    // the arguments, under Keras' parameter names
  // What dimsum could not follow in the arguments (empty: all of it); see Layer::unfollowed.
  std::string unfollowed;
  // Size arguments whose value is known only at run time (Embedding(len(vocab), 16)): the
  // config holds kProbeSize for each, and the layer is checked at two sizes (Layer::probe_config).
  std::vector<std::string> probed;
  // The input shape the layer declares, batch axis first (input_shape=, batch_input_shape=,
  // Input(shape=...)): a Sequential's input, or an InputLayer's.
  std::optional<Dims> declared_shape;
  std::shared_ptr<ModelObject> submodel;  // a model used as a layer
  std::vector<Invocation> calls;          // functional API
  int outputs_per_call = 1;
  // A keras.layers.Layer subclass of the source, followed through its build() and call() into
  // `submodel`: the weights its build() makes with add_weight (nullopt: a size is unknown).
  bool traced = false;
  std::optional<int64_t> own_params = 0;
  std::optional<int64_t> own_non_trainable = 0;
  // Its compute_output_shape's answer, when its call() cannot be followed (Layer::computed_output).
  std::optional<Dims> computed_output;
  // The shapes of its calls' outputs once dimsum has read them (x.shape): by call, then output;
  // `read` false for one not read yet, `dims` nullopt for one dimsum cannot tell.
  struct ReadShape {
    bool read = false;
    std::optional<Dims> dims;
  };
  std::vector<std::vector<ReadShape>> shapes;
};

struct ModelObject {
  size_t id = 0;
  bool sequential = true;
  std::string name;               // name=..., or the variable it is first bound to
  uint32_t offset = 0;            // Sequential(...) / Model(...)
  std::vector<Value> layers;      // Sequential: its layers (a kLayer, an Input's kTensor, ...)
  std::vector<TensorArg> inputs;  // functional
  std::vector<TensorArg> outputs;
  std::vector<std::string> input_keys;  // functional with a dict of inputs: their keys
  // What dimsum could not follow in building it (inputs that are no tensors, ...); empty: all.
  std::string unfollowed;
  bool used_as_layer = false;
  bool trainable = true;                  // model.trainable = False freezes all of its weights
  std::shared_ptr<LayerObject> as_layer;  // the layer it is when called on symbolic tensors
  // compile(loss=..., metrics=...), the last one made: the loss per output (LossChoice::output
  // empty for all, or the output layer's name; a list of losses is named in output order when
  // the graph is built, `loss_order` holding the position) and the metrics.
  std::vector<LossChoice> losses;
  std::vector<int> loss_order;  // per entry of `losses`: its position in a list, or -1
  std::vector<MetricChoice> metrics;
  std::vector<int> metric_order;
  // An object of a keras.Model subclass: its class, and how far tracing its call() into the
  // functional model this object stands for has come.
  std::shared_ptr<ClassObject> subclass;
  enum class Trace : uint8_t {
    kNone,      // no input shape seen yet
    kTracing,   // call() is running
    kSymbolic,  // called on symbolic tensors: inputs and outputs set, not yet a model of its own
    kTraced,    // a functional model, in Reading::models
    kFailed     // call() could not be followed: the class's note says why
  };
  Trace trace = Trace::kNone;
  bool built = false;  // the class's own build(input_shape) has run
  // The data whose shape it was traced with: a subclassed model takes data of other shapes
  // too, when its layers do (a convolution on larger images), so only data of that shape is
  // checked against the trace.
  std::vector<Value> traced_with;
};

struct ClassObject {
  std::string name;
  uint32_t offset = 0;
  bool keras_layer = false;  // derives from a Keras Layer
  // Derives from keras.layers.Layer itself (not from a layer class of Keras, Dense or Conv2D):
  // its build() and call() are the layer's rule.
  bool custom_layer = false;
  bool keras_model = false;  // derives from keras.Model
  // keras.Model subclasses: whether an object of it was traced into a functional model, and
  // otherwise why not (empty: no object of it had an input shape to trace with).
  bool traced = false;
  std::string untraced_why;
  uint32_t untraced_at = 0;
  // A plain class: what its body defines (methods, class attributes), its base classes defined
  // in the source, and which methods are @staticmethod or @classmethod.
  std::shared_ptr<Scope> members;
  std::vector<std::shared_ptr<ClassObject>> bases;
  std::vector<std::string> static_methods, class_methods;
  // A @dataclass, a collections.namedtuple or a typing.NamedTuple class: its fields in the
  // order its generated __init__ takes them (python/libraries/stdlib.cc).
  bool dataclass = false;
  bool named_tuple = false;
  std::vector<std::string> fields;
  // The defaults of fields that have one; a default_factory is kept as a kModule
  // "dataclasses.field()" value whose `items` hold the factory.
  std::vector<std::pair<std::string, Value>> field_defaults;
};

}  // namespace dimsum::python
