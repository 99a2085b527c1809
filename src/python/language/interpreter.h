// A static reading of a Python file: it runs the module's statements over the values of
// value.h, following imports, constants and arithmetic, loops over known values, helper
// functions, the Keras layers and models the code builds, and the data it feeds them. Nothing is
// executed for real: what depends on run time becomes an unknown value with the reason, and the
// models it touches are checked only as far as they can be.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "python/language/syntax.h"
#include "python/language/value.h"
#include "python/libraries/generation.h"

namespace dimsum::python {

struct Scope {
  std::unordered_map<std::string, Value> vars;
  std::shared_ptr<Scope> parent;            // where a function was defined; null for the module
  std::unordered_set<std::string> globals;  // names a function declares `global`
};

struct FunctionObject {
  std::string name;
  // A method taken from an object or class: the value its first parameter is bound to.
  std::shared_ptr<Value> self;
  TSNode definition{};  // function_definition or lambda
  std::shared_ptr<Scope> closure;
  std::unordered_map<std::string, Value> defaults;  // evaluated where the def is, as Python does
  // functools.partial(callee, *args, **kwargs): what it calls, with these arguments first (no
  // definition of its own).
  std::shared_ptr<Value> wrapped;
  std::vector<Value> bound_positional;
  std::vector<std::pair<std::string, Value>> bound_keywords;
};

// A call that feeds a model data: model(x), model.fit(x, ...), model.build(shape), ...
struct FeedRecord {
  std::shared_ptr<ModelObject> model;
  Value data;           // as passed: an array, a list or dict of arrays, a dataset
  uint32_t offset = 0;  // the call
  std::string method;   // "call", "fit", "predict", "evaluate", "build", ...
  // The batches the method cuts the data into (batch_size=, 32 by default); nullopt: whole.
  std::optional<int64_t> batch_size;
  int64_t times = 1;  // how often this call fed data of this shape (a call in a loop)
  // fit(x, y), evaluate(x, y), ...: the labels and sample weights as passed (a dataset of
  // (x, y) pairs carries its labels in `data`); kNone when none are.
  Value labels;
  Value weights;
};

// Code the reader did not follow, said once where it matters.
struct Note {
  uint32_t offset = 0;
  std::string message;
};

// A call Keras rejects before it makes a model (ValueError): a keras.applications function
// given an input shape it does not accept. What was called, why it fails, and how to fix it.
struct Rejected {
  uint32_t offset = 0;
  std::string what;  // "ResNet50"
  std::string message;
  std::string help;
};

// What one reading of a file found.
struct Reading {
  std::vector<std::shared_ptr<ModelObject>> models;  // in the order they are built
  std::vector<FeedRecord> feeds;
  std::vector<Note> notes;
  std::vector<Rejected> rejected;
  std::vector<std::shared_ptr<ClassObject>> subclassed_models;  // class Net(keras.Model)
  bool stopped = false;     // the reading ran out of its step budget
  uint32_t stopped_at = 0;  // where: the statement it was running
  bool keras_code = false;  // the file imports Keras or TensorFlow
  GenerationCues cues;      // which Keras the code is written for

  Reading() = default;
  Reading(const Reading&) = delete;
  Reading& operator=(const Reading&) = delete;
  // A model used as a layer holds that layer, which holds the model: a shared_ptr cycle, cut here.
  ~Reading() {
    for (const auto& model : models) model->as_layer.reset();
  }
};

// An op call's arguments as a TFOpLambda node keeps them: the first argument, the tensors
// passed as others, the rest as JSON kwargs; `unfollowed` says why not, when dimsum cannot tell
// one.
struct NodeArguments {
  Value first;
  std::vector<Invocation::Other> others;
  json::Node kwargs;
  std::string unfollowed;
};

class Interpreter {
 public:
  Interpreter(const std::string& source, Reading& out);
  ~Interpreter();
  Interpreter(const Interpreter&) = delete;
  Interpreter& operator=(const Interpreter&) = delete;
  void run(TSNode module);
  // How the shapes of symbolic tensors are read while the code runs (graph.h tensor_shapes):
  // the output shapes of a part of a model (one call, or a Sequential's layers so far). Without
  // one, they are unknown.
  struct TensorShapes {
    std::vector<std::optional<Dims>> shapes;
    // The weights of the layer that makes the first tensor, at that call.
    std::optional<int64_t> params;
  };
  using ShapeReader = std::function<TensorShapes(const ModelObject& part)>;
  void read_shapes_with(ShapeReader reader) { shape_reader_ = std::move(reader); }
  // How messages name the line of an offset ("line 3 of cell 7" in a notebook's code cells);
  // without one, "line 3" of the source.
  using LineNamer = std::function<std::string(uint32_t offset)>;
  void name_lines_with(LineNamer namer) { line_namer_ = std::move(namer); }
  // The value a module-level variable holds after run(); nullptr when it is not bound.
  const Value* module_variable(const std::string& name) const;

  // Positional and keyword arguments of a call, evaluated.
  struct Args {
    std::vector<Value> positional;
    std::vector<std::pair<std::string, Value>> keywords;
    bool complete = true;  // false when a *list or **dict could not be expanded
    const Value* keyword(std::string_view name) const;
    // The argument at `position`, else under keyword `name`; nullptr when neither is given.
    const Value* get(size_t position, std::string_view name) const;
  };

 private:
  enum class Flow { kNormal, kBreak, kContinue, kReturn, kRaise };

  // Statements (language/interpreter.cc).
  Flow exec_block(TSNode block);
  Flow exec(TSNode statement);
  Flow exec_if(TSNode statement);
  Flow exec_for(TSNode statement);
  // Whether a loop's iterations have settled: kIdleIterations in a row that made nothing Keras
  // sees, and which variables the last of them changed.
  struct IdleLoop {
    struct Snapshot {
      Value value;
      int64_t length = 0;
    };
    int idle_iterations = 0;
    std::unordered_map<std::string, Snapshot> before;
    std::vector<std::string> moving;    // changed by the last iteration run (a list appended to)
    std::vector<std::string> assigned;  // assigned anywhere in the body (loop_writes)
    bool settled(bool made_nothing, const std::unordered_map<std::string, Value>& vars);
  };
  bool loop_writes(TSNode node, std::vector<std::string>& names, int depth) const;
  void leave_idle_loop(TSNode statement, TSNode target, const Value& last, const IdleLoop& idle,
                       size_t skipped);
  Flow exec_uncertain(TSNode body, std::string why, uint32_t offset);
  Flow exec_try(TSNode statement);
  Flow give_back(Value value);  // a return statement
  std::optional<std::vector<Value>> iterate(const Value& iterable);
  Value imported(const std::string& path, uint32_t offset);
  void exec_import(TSNode statement);
  void exec_import_from(TSNode statement);
  void define_function(TSNode definition, std::string_view name);
  void define_class(TSNode definition);
  void run_class_body(TSNode definition, ClassObject& object);
  // A member of a class (or its bases) and the class that defines it; nulls when it has none.
  struct Member {
    const Value* value = nullptr;
    const ClassObject* owner = nullptr;
  };
  Member class_member(const ClassObject& c, const std::string& name, int depth) const;
  // `object.name` for a plain class or an instance of one: an attribute, or a method bound to it.
  Value member_of(const Value& object, const std::string& name, uint32_t offset);
  // Whether an object or class has `name` as an attribute or a member of its class (or bases).
  bool has_member(const Value& object, const std::string& name) const;
  void assign(TSNode target, const Value& value);
  void assign_attribute(TSNode target, const Value& value);
  void assign_subscript(TSNode target, const Value& value);
  void bind(const std::string& name, const Value& value);
  void run_uncalled_functions();

  // Expressions (language/interpreter.cc).
  Value eval(TSNode expression);
  Value eval_node(TSNode expression);
  Value lookup(const std::string& name, uint32_t offset);
  Value eval_string(TSNode node);
  Value eval_sequence(TSNode node, Kind kind);
  Value eval_dict(TSNode node);
  Value eval_binary(TSNode node);
  Value eval_comparison(TSNode node);
  Value eval_comprehension(TSNode node, Kind kind);
  Value eval_subscript(TSNode node);
  Value eval_slice(TSNode node);
  Value eval_attribute(TSNode node);
  Value eval_call(TSNode node);
  Args eval_arguments(TSNode arguments);
  Value call(const Value& callee, Args& args, uint32_t offset);
  Value call_function(const FunctionObject& function, Args& args, uint32_t offset);
  // The body of call_function, with a bound method's object already among the arguments.
  Value run_function(const FunctionObject& function, Args& args, uint32_t offset);
  Value instantiate(const Value& class_value, Args& args, uint32_t offset);
  Value call_method(const Value& object, const std::string& method, Args& args, uint32_t offset);
  // A list whose items dimsum can no longer tell: every name bound to it becomes unknown.
  void forget_list(const Value& list, const std::string& why, uint32_t offset);
  Value list_method(const Value& list, const std::string& method, Args& args, uint32_t offset);
  std::string describe(const Value& v) const;

  // Operators on numbers, sequences, arrays and symbolic tensors (language/operators.cc).
  Value apply_operator(const std::string& op, const Value& a, const Value& b, uint32_t offset);
  Value negate(const std::string& op, const Value& v, uint32_t offset);
  std::optional<bool> compare(std::string_view op, const Value& a, const Value& b);
  Value subscript(const Value& container, const std::vector<Value>& keys, uint32_t offset);

  // Known libraries: numpy, TensorFlow, Python's builtins (libraries/library.cc; builtins in
  // language/builtins.cc, datasets.cc, sklearn.cc).
  Value call_library(const std::string& path, Args& args, uint32_t offset);
  Value label_encoding(const std::string& path, Args& args, uint32_t offset);
  Value train_test_split(Args& args, uint32_t offset);
  Value call_builtin(const std::string& name, Args& args, uint32_t offset);
  Value data_method(const Value& array, const std::string& method, Args& args, uint32_t offset);
  Value data_method_shape(const Value& array, const std::string& method, Args& args,
                          uint32_t offset);
  Value dataset_method(const Value& dataset, const std::string& method, Args& args,
                       uint32_t offset);
  // Input pipelines (libraries/tf_data.cc, image_data.cc; pipeline.h): tf.data.Dataset, Keras'
  // directory loaders and ImageDataGenerator; nullopt for any other call.
  std::optional<Value> dataset_function(const std::string& path, Args& args, uint32_t offset);
  std::optional<Value> file_data_function(const std::string& path, Args& args, uint32_t offset);
  Value zip_datasets(const Value& structure, uint32_t offset);
  Value timeseries(Args& args, uint32_t offset);
  Value flow_arrays(double validation_split, Args& args, uint32_t offset);
  Value flow_files(const std::string& format, bool dataframe, Args& args, uint32_t offset);
  Value map_element(const Value& dataset, const Value& function, uint32_t offset);
  Value dataset_attribute(const Value& dataset, const std::string& name, uint32_t offset);
  // A dataset or keras.utils.Sequence object fed to fit/evaluate/predict: fed as the arrays of
  // its batches, split as Keras splits them (false: not a pipeline, fed as it is).
  bool is_pipeline(const Value& v) const;
  bool feed_pipeline(const Value& model, const Value& x, uint32_t offset,
                     const std::string& method);
  // Generators: what a function's `yield`s give, and a call of one, a dataset of that element.
  Value yield_value(TSNode node);
  Value generator_result(TSNode definition, Value returned, uint32_t offset);
  std::vector<std::vector<Value>> yields_;  // per function call running, innermost last
  int mapping_ = 0;  // above 0 while a dataset's map function runs (TensorFlow's graph mode)
  Value data_attribute(const Value& array, const std::string& name, uint32_t offset);

  // Arrays (libraries/numpy.cc).
  Value array_subscript(const Value& array, const std::vector<Value>& keys, uint32_t offset);
  Value array_operator(const std::string& op, const Value& a, const Value& b, uint32_t offset);
  Value array_comparison(std::string_view op, const Value& a, const Value& b, uint32_t offset);
  Value array_unary(const std::string& op, const Value& v, uint32_t offset);
  // np.NAME(x, ...) / tf.NAME(x, ...) for the functions that transform arrays; nullopt for others.
  std::optional<Value> array_function(std::string_view name, const Args& args, bool numpy,
                                      uint32_t offset);
  Value reduction(std::string_view name, const Value& array, const Value* axis, bool keepdims,
                  uint32_t offset);
  Value library_constant(const std::string& path, uint32_t offset);

  // Python's standard library where configuration lives (libraries/stdlib.cc): argparse,
  // os.environ, functools.partial, dataclasses, namedtuple, SimpleNamespace. nullopt for a call
  // or method of anything else.
  std::optional<Value> stdlib_call(const std::string& path, Args& args, uint32_t offset);
  std::optional<Value> stdlib_method(const Value& object, const std::string& method, Args& args,
                                     uint32_t offset);
  std::optional<Value> parser_method(const Value& parser, const std::string& method, Args& args,
                                     uint32_t offset);
  Value add_argument(const Value& parser, Args& args, uint32_t offset);
  Value option_default(const Value& value, const Value* type, uint32_t offset);
  Value make_partial(Args& args, uint32_t offset);
  Value call_partial(const FunctionObject& partial, Args& args, uint32_t offset);
  Value make_named_tuple_class(Args& args, uint32_t offset);
  // A @dataclass or typing.NamedTuple class: its fields, from the annotated names of its body.
  void record_fields(TSNode definition, ClassObject& object);
  const ClassObject* record_class(const ClassObject& c, int depth) const;
  std::optional<std::vector<Value>> field_values(const ClassObject& c, Args& args, uint32_t offset);
  // An object of a dataclass or named tuple made by the __init__ its fields make; nullopt when
  // the class has an __init__ of its own.
  std::optional<Value> make_record(const Value& class_value, Args& args, uint32_t offset);

  // Layers of libraries dimsum does not model (libraries/foreign.cc): TensorFlow Hub,
  // TensorFlow Addons, KerasNLP / KerasHub, Hugging Face, ...; nullopt for any other call.
  std::optional<Value> foreign_layer(const std::string& path, Args& args, uint32_t offset);

  // Keras: layers, models, the functional API (libraries/keras.cc, keras_subclass.cc,
  // tensorflow.cc).
  Value call_keras(const std::string& path, Args& args, uint32_t offset);
  // keras.applications (libraries/applications/): the application's model, built natively.
  Value call_application(const std::string& path, Args& args, uint32_t offset);
  friend class ApplicationBuilder;
  Value construct_layer(const std::string& class_name, Args& args, uint32_t offset);
  Value make_input(Args& args, uint32_t offset);
  // keras.Input(shape=sizes) (`keyword` "shape") or Input(batch_shape=sizes), None for a size
  // dimsum does not know: the Inputs dimsum makes for a traced subclass, a connected Sequential
  // and an application.
  Value input_of_sizes(const char* keyword, const Dims& sizes, uint32_t offset);
  std::shared_ptr<ModelObject> new_model(bool sequential, uint32_t offset, const Args& args);
  Value make_sequential(Args& args, uint32_t offset);
  Value make_functional(Args& args, uint32_t offset);
  Value call_layer(const Value& layer, Args& args, uint32_t offset);
  Value call_layer_on_data(const Value& layer, const Value& x, uint32_t offset);
  Value call_model(const Value& model, Args& args, uint32_t offset);
  Value model_method(const Value& model, const std::string& method, Args& args, uint32_t offset);
  Value model_attribute(const Value& model, const std::string& name, uint32_t offset);
  Value layer_attribute(const Value& layer, const std::string& name, uint32_t offset);
  // A model's layers as model.layers lists them (a model used as a layer is the model);
  // nullopt when dimsum cannot tell them.
  std::optional<std::vector<Value>> model_layers(const ModelObject& model, uint32_t offset) const;
  // layer.trainable = ... / model.trainable = ... (a model's layers, all of them, as Keras sets).
  void set_trainable(const Value& object, bool trainable, int depth);
  // A Sequential whose input shape is declared, called layer by layer on an Input as Keras
  // builds it, so that its input, output and its layers' outputs are tensors; false when its
  // input shape is not declared or a layer cannot be called.
  bool connect_sequential(ModelObject& model, uint32_t offset);
  // keras.Model subclasses: an object of one stands for the functional model its call() traces
  // to, from the first input shape the code gives (build, a call, fit/predict/evaluate data).
  Value subclass_method(const Value& instance, const std::string& method, Args& args,
                        uint32_t offset);
  Value call_subclass(const Value& instance, Args& args, uint32_t offset);
  void trace_subclass(const Value& instance, const Value& x, uint32_t offset);
  // Runs the class's call() on `inputs`; the tensors it returns, or nullopt with `why` set.
  std::optional<Value> run_call(const Value& instance, const Value& inputs, uint32_t offset,
                                std::string& why);
  void register_traced(const std::shared_ptr<ModelObject>& model);
  // A keras.Model subclass given inputs and outputs (MyModel(inputs, outputs), or
  // super().__init__(inputs, outputs) in its __init__) is the functional model of them; false
  // when the arguments are no tensors.
  bool init_functional(const Value& instance, const Args& args, uint32_t offset);
  // super().__init__(...) in a method of a Keras class: a model's inputs and outputs, a layer's
  // name=.
  Value keras_super_init(Args& args, uint32_t offset);
  void trace_failed(ModelObject& model, std::string why, uint32_t offset);

  // Symbolic tensors and TensorFlow's ops on them (libraries/tensorflow.cc).
  Value tensor_operation(const std::string& what, Args& args, uint32_t offset);
  std::string as_tensorflow_op(const std::string& path, Args& args);
  // The TFOpLambda layer of one op call (`function` empty: an op without a rule, whose output is
  // unknown, `unnamed` naming its layer), and its output tensor or tensors.
  Value op_layer(const std::string& unnamed, const std::string& shown, const std::string& function,
                 NodeArguments node_args, const Args& args, uint32_t offset);
  // A tensor's shape as Keras knows it when the code reads it (batch axis first); nullopt when
  // dimsum cannot tell.
  // `params`, when given, gets the weights of the layer that makes it, at that call.
  std::optional<Dims> tensor_shape(const Value& tensor, std::optional<int64_t>* params = nullptr);
  // x.shape / K.int_shape(x) (`dynamic` false: None for a size known only at run time) or
  // tf.shape(x) (true: such a size is a value dimsum cannot know).
  Value shape_value(const Value& tensor, bool dynamic, uint32_t offset);
  Value tensor_attribute(const Value& tensor, const std::string& name, uint32_t offset);
  Value tensor_method(const Value& tensor, const std::string& method, Args& args, uint32_t offset);
  // A shape function of a library (tf.shape, K.int_shape, keras.ops.shape, tf.rank) on a
  // symbolic tensor; nullopt for any other call.
  std::optional<Value> shape_function(const std::string& path, Args& args, uint32_t offset);
  // Initializers and tf.Variable (libraries/library.cc); nullopt for any other call.
  std::optional<Value> weight_function(const std::string& path, Args& args, uint32_t offset);

  // keras.layers.Layer subclasses of the source (libraries/keras_layer.cc): an object of one is
  // a layer that runs its build() with its first input's shape and its call() on Inputs of that
  // shape, which become the model it stands for (LayerObject::submodel).
  Value make_custom_layer(const Value& class_value, Args& args, uint32_t offset);
  Value call_custom_layer(const Value& instance, Args& args, uint32_t offset);
  bool trace_custom_layer(const Value& instance, const std::vector<Value>& inputs,
                          const Value& structure, Args& args, uint32_t offset);
  Value add_weight(const Value& instance, Args& args, uint32_t offset);
  // The class's compute_output_shape(input_shape), kept as the layer's output shape for when
  // its call() cannot be followed; false when it has none or gives no shape dimsum can read.
  bool computed_output(const Value& instance, const Value& input_shape, uint32_t offset);
  // The keras.layers.Layer subclass objects among a Sequential's layers, traced with the shape
  // the layers before each give, when the Sequential declares its input.
  void trace_sequential_layers(const ModelObject& model, uint32_t offset);
  void feed(const Value& model, const Value& data, uint32_t offset, std::string method,
            std::optional<int64_t> batch_size, const Value* labels = nullptr,
            const Value* weights = nullptr);
  void compile(ModelObject& model, Args& args, uint32_t offset);
  LossChoice loss_choice(const Value& loss, uint32_t offset);
  std::string keras_name(std::string_view class_name);

  // Bookkeeping.
  std::string line_of(uint32_t offset) const;
  void note(uint32_t offset, std::string message);
  bool spend_step();

  const std::string& source_;
  mutable std::vector<uint32_t> line_starts_;  // line_of's index, made at its first call
  Reading& out_;
  // Every scope made, so the destructor can empty them: a function's closure holds the scope
  // that holds the function, a cycle shared_ptr alone never frees.
  std::vector<std::weak_ptr<Scope>> scopes_;
  std::shared_ptr<Scope> new_scope(std::shared_ptr<Scope> parent);
  std::shared_ptr<Scope> module_;  // after scopes_, which its initialiser uses
  std::shared_ptr<Scope> scope_;
  std::vector<std::string> star_imports_;  // `from keras.layers import *`
  // The layout of images layers take when they do not say (K.set_image_data_format).
  std::string image_data_format_ = "channels_last";
  // Above zero inside code that may run any number of times, or not at all (a loop over values
  // computed at run time, a branch on one): layers added there are not followed.
  int uncertain_ = 0;
  std::string uncertain_why_;
  int frame_uncertain_ = 0;  // uncertain_ where the current function call started
  int loop_uncertain_ = 0;   // uncertain_ where the innermost followed loop started
  Value return_value_;
  std::optional<Value> maybe_return_;  // a return under a condition dimsum cannot decide
  std::vector<std::shared_ptr<FunctionObject>> defined_;  // the module's functions
  std::unordered_set<const void*> called_;                // definitions called at least once
  int depth_ = 0;                                         // expression nesting
  int call_depth_ = 0;                                    // user function calls
  size_t steps_ = 0;
  // The keras.layers.Layer subclasses whose call() is running, innermost last: a layer their
  // call() applies to an array is theirs, and so are its weights.
  std::vector<LayerObject*> tracing_layers_;
  // The keras.layers.Layer subclasses whose __init__ or build() is running, innermost last: a
  // tf.Variable made there is one of their weights (add_weight is the method that says so).
  std::vector<LayerObject*> making_layers_;
  ShapeReader shape_reader_;
  LineNamer line_namer_;
  size_t next_id_ = 0;
  std::unordered_map<std::string, int> name_counts_;  // Keras' automatic layer names
  std::unordered_set<uint32_t> noted_;                // one note per place
};

// Keras' automatic name for a class: "Conv2D" -> "conv2d", "MaxPooling2D" -> "max_pooling2d".
std::string snake_case(std::string_view class_name);

}  // namespace dimsum::python
