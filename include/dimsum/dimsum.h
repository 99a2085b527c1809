// dimsum's public API: check a Keras model for shape errors, without TensorFlow.
//
//   dimsum::CheckOptions options;
//   auto outcome = dimsum::check_file("model.json", options);
//   if (auto* error = std::get_if<dimsum::LoadError>(&outcome)) ...  // not a readable model
//   const dimsum::Result& result = std::get<dimsum::Result>(outcome);
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "shape/shape.h"

namespace dimsum {

enum class Severity { kError, kWarning, kNote };

// The four root causes every error is filed under (DESIGN.md).
enum class Cause {
  kNone,
  kIncorrectReshaping,
  kIncompatibleInputData,
  kLayerMisconfiguration,
  kIncorrectBatchSize,
};

std::string_view to_string(Severity severity);
std::string_view to_string(Cause cause);

struct Location {
  std::string file;
  uint32_t line = 0;
  uint32_t column = 0;
  // The text of that line, for a caret display; of a long line (a minified file), only the part
  // around the column, which starts `source_start` characters into the line.
  std::string source_line;
  uint32_t source_start = 0;
  // In a Jupyter notebook: the cell, 1-based, counting every cell of the notebook as Jupyter
  // shows them (code, Markdown and raw); `line` is then the line in that cell. 0 in other files.
  uint32_t cell = 0;
};

// Where a location is, as messages and the human report write it: "model.json:12:7", and in a
// notebook, "train.ipynb:cell 7:3:5".
std::string to_string(const Location& location);
// Its line in words: "line 3", and in a notebook, "line 3 of cell 7".
std::string line_words(const Location& location);

// Another place in the source that explains a diagnostic, and what it says there (Python
// source: where the data the error is about is made, and where it is fed to the model).
struct Label {
  Location location;
  std::string text;
};

struct Diagnostic {
  Severity severity = Severity::kError;
  std::string code;  // "DS0001"; see `dimsum explain`
  Cause cause = Cause::kNone;
  std::string layer;  // the layer's name as written in the model
  std::string class_name;
  std::string message;
  std::vector<std::string> notes;
  std::vector<std::string> help;
  std::optional<Location> location;
  std::vector<Label> labels;  // secondary locations, after `location`
  // Indices into Result::layers: the layers whose outputs lead to this one, in order; of a long
  // chain, only the last ones, after `trace_omitted` earlier layers.
  std::vector<size_t> trace;
  size_t trace_omitted = 0;
  // A problem of the data fed to an input (DS0007, DS0009, DS0012): the data's shape, batch axis
  // first, as it was fed; the trace then shows the data and the input it does not fit.
  std::optional<Dims> data_shape;
  // A problem of the labels fed for an output (DS0014-DS0017): their shape, samples first; the
  // trace then shows the model up to that output, and the labels.
  std::optional<Dims> label_shape;
};

// A condition a layer needs of symbolic sizes (--input-shape 1,H,W,3): a window that keeps at
// least one position, branches that agree at a merge, a Reshape whose element count fits.
struct SizeCondition {
  enum class Kind {
    kAtLeast,     // lhs >= rhs
    kEqual,       // lhs == rhs
    kMultipleOf,  // lhs is a multiple of rhs (a known size > 0)
    kBroadcasts,  // lhs == rhs, or either is 1 (a merge broadcasts a size of 1)
  };
  Kind kind = Kind::kAtLeast;
  Dim lhs;
  Dim rhs;
  std::string what;   // what the layer needs, in words: "output height at least 1"
  std::string layer;  // the layer that needs it
};

// "floor(H / 32) >= 1", "L - 2 == L", "64 * H is a multiple of 10".
std::string to_string(const SizeCondition& condition);
// Whether the condition holds for these values of its two sides.
bool holds(SizeCondition::Kind kind, int64_t lhs, int64_t rhs);

struct LayerReport {
  std::string name;
  std::string class_name;
  std::vector<Shape> input_shapes;  // of the layer's first call
  Shape output_shape;               // first output of the first call
  int output_count = 1;             // outputs per call (LSTM with return_state has several)
  std::optional<int64_t> params;    // nullopt where the input shape needed is unknown
  std::optional<int64_t> trainable_params;
  // Multiply-adds for one sample, over every call of the layer (docs/semantics.md); nullopt where
  // a size they need is unknown, or the layer failed or was not reached.
  std::optional<int64_t> macs;
  bool failed = false;  // an error was reported at this layer
  bool reached = true;  // false when an earlier failure left its inputs unknown
  bool shown = true;    // false for a Sequential's implicit input, which Keras does not list
  // A layer whose rule a check runs: one written in the model, but its inputs.
  bool checkable() const { return shown && class_name != "InputLayer"; }
};

struct Result {
  std::string file;
  std::string model_name;
  std::string dialect;
  std::vector<std::string> input_names;
  std::vector<Shape> input_shapes;
  std::vector<Shape> output_shapes;
  std::optional<int64_t> total_params;
  std::optional<int64_t> trainable_params;
  std::optional<int64_t> total_macs;  // nullopt when any layer's multiply-adds are unknown
  std::vector<LayerReport> layers;
  std::vector<Diagnostic> diagnostics;
  // What the layers need of the symbolic sizes the model was checked with, in layer order; the
  // model builds exactly for the sizes that meet them all (`dimsum domain`).
  std::vector<SizeCondition> conditions;
  // Python source: where the model is fed the data it was checked with (model(x),
  // model.fit(x), ...); nullopt when it was checked with the input it declares.
  std::optional<Location> data_call;
  // What was not checked, so that a verdict never claims more than was done: the layers whose
  // rule did not run on a known input (a class dimsum does not know, code it cannot follow, and
  // every layer after one; an unknown input shape), in layer order; and, in words, what else was
  // not followed ("the data fed on line 40: its shape is unknown", "the model itself: ...").
  std::vector<std::string> unchecked_layers;
  std::vector<std::string> unchecked;
  // What the model was trained against, per model output (empty when no labels were given):
  // the labels' shape as fed, all samples first (unknown rank when not given for that output),
  // and the loss they were checked with, as named ("" when unknown).
  std::vector<Shape> label_shapes;
  std::vector<std::string> losses;

  // Nothing is left out: every layer was checked, and so was the data the code feeds it.
  bool complete() const { return unchecked_layers.empty() && unchecked.empty(); }
  bool ok() const;
};

// `dimsum domain`: the sizes one symbolic input size can take for the model to build.
struct SymbolDomain {
  std::string name;   // "H"
  std::string input;  // the input layer it sizes
  size_t axis = 0;
  enum class Kind {
    kNone,       // no size works
    kValues,     // exactly `values` work
    kPeriodic,   // every size >= from whose remainder modulo `modulus` is in `residues`, and
                 // the sizes in `values` (all below from), work; no other size does
    kUndecided,  // conditions beyond what dimsum decides exactly (a size squared): `values` are
                 // the sizes that work up to checked_up_to
  };
  Kind kind = Kind::kPeriodic;
  int64_t from = 1;
  int64_t modulus = 1;
  std::vector<int64_t> residues{0};
  std::vector<int64_t> values;
  std::optional<int64_t> smallest;
  int64_t checked_up_to = 0;  // kUndecided: the sizes tried, from 1 (fewer on large models)
  // kNone: the layers whose conditions on this size cannot hold together (a smallest such set).
  std::vector<std::string> conflicts;

  bool contains(int64_t size) const;
  // The working sizes nearest to `size`: the largest below it and the smallest above it (either
  // may be missing), or none when size works or nothing does.
  std::vector<int64_t> nearest(int64_t size) const;
  // "the conditions of 'conv1d', 'add' cannot all hold"; empty when nothing conflicts.
  std::string conflict_text() const;
  // In plain words: "H >= 32", "H a multiple of 16", "L in {5, 6}", "no H works".
  std::string text() const;
};

struct Domain {
  std::vector<SymbolDomain> symbols;
  // Conditions tying several sizes together (H * W == 784): not in any one symbol's domain.
  std::vector<SizeCondition> coupled;
  // Sizes of every symbol that meet every condition, when some were found.
  std::optional<std::vector<int64_t>> witness;
  bool works() const;
};

// The domain of each symbolic input size of a result checked with symbols.
Domain solve_domain(const Result& result);

// dimsum could not do its job: the file is unreadable, not JSON, or not a model.
struct LoadError {
  std::string message;  // "model.json:3:5: malformed JSON: ..."
};

// The element type of data read from a file (--data), as far as Keras cares.
struct DataType {
  enum class Kind { kUnknown, kBool, kInteger, kFloat, kComplex, kString, kObject, kOther };
  Kind kind = Kind::kUnknown;  // kUnknown for --input-shape, which gives no dtype
  std::string numpy;           // as the file spells it: "<f4", "|O", "<U12"
};

// The shape of the data fed to one model input, batch axis first.
struct InputShape {
  std::string name;  // the input layer's name; empty: the model's only (or first unnamed) input
  Dims dims;
  // Data from a file: dims[0] counts all its samples (fed in batches of --batch-size), not one
  // batch; `source` names it in messages ("x_train.npy", "data.npz:x").
  std::string source;
  DataType dtype;
  // Integer data whose values the code tells (np.random.randint(0, 10, ...), a dataset's class
  // ids): each lies in [low, high). Only labels use it, against the classes of a sparse loss.
  std::optional<int64_t> low, high;
  bool from_data() const { return !source.empty(); }
};

// The loss one model output is trained with: compile(loss=...), the compile config a .keras or
// .h5 file saves, or --loss.
struct LossChoice {
  std::string output;  // the output layer's name; empty: every output (or the only one)
  // As written: "mse", "categorical_crossentropy", "SparseCategoricalCrossentropy". Empty for a
  // loss dimsum cannot follow (a custom function), which `custom` then names.
  std::string name;
  bool from_logits = false;
  std::string custom;  // "the custom loss 'dice_loss'": why the labels are not checked
};

// A metric one model output is compiled with ("accuracy", "sparse_categorical_accuracy").
struct MetricChoice {
  std::string output;  // empty: every output
  std::string name;
};

// An .npz file given whole: each array feeds the model input of the same name (--data), or is
// the labels of the model output of the same name (--labels).
struct DataArchive {
  std::string file;
  std::vector<InputShape> arrays;  // name: the array's key in the archive
};

// --assume LAYER=SHAPE: the output shape of a layer dimsum cannot infer (a custom layer, a
// Lambda without output_shape), batch axis first; checking goes on with it.
struct AssumedShape {
  std::string layer;  // the layer's name, at any nesting depth
  Dims dims;
};

// The largest model file read whole by default (--max-file-size): far above any real config
// (VGG16's is 20 KB), far below what would exhaust memory.
inline constexpr uint64_t kDefaultMaxFileSize = uint64_t{256} << 20;

// --custom-objects FILE.py: Python source that defines custom layer classes a model config
// names (what Keras' load_model takes as custom_objects=). A layer of a class dimsum does not know
// is followed through the class's build() and call() when one of these files defines it.
struct CustomObjectsFile {
  std::string file;                  // as given, for messages
  std::string text;                  // the whole file
  std::vector<std::string> classes;  // the classes it defines at its top level, in file order
};

struct CheckOptions {
  std::vector<InputShape> input_shapes;
  std::vector<AssumedShape> assumed_shapes;
  std::vector<DataArchive> data_archives;
  std::optional<int64_t> batch_size;  // --batch-size: the data is fed in batches of this size
  std::optional<int64_t> samples;     // --samples: how many samples are fed in all
  // --max-file-size: a model file read whole into memory (JSON, Python source) that is larger
  // is refused before it is read. Archives and HDF5 files are read in parts and have no limit.
  uint64_t max_file_size = kDefaultMaxFileSize;
  // `dimsum domain`: each unknown non-batch size of each model input becomes a symbol (H and W
  // of an image input), unless --input-shape gives it.
  bool symbolic_inputs = false;
  // A size that fails is checked again with symbols, so that help lines name the nearest sizes
  // that work (off for that second check itself).
  bool nearest_size_help = true;
  // What the model is trained against (--labels, --loss; in Python source, fit(x, y) and
  // compile(loss=...)). `labels` and `sample_weights` hold one entry per output they are given
  // for (InputShape::name: the output layer's name, or empty for the only or next unnamed
  // output), dims[0] counting all their samples. `input_samples`: how many samples the inputs
  // hold in all, when the input shapes above are those of one batch.
  std::vector<InputShape> labels;
  // --labels d.npz given whole: each array is the labels of the output of its name (a model with
  // one output takes the array "y", or the only one). See check/label_inputs.h.
  std::vector<DataArchive> label_archives;
  std::vector<InputShape> sample_weights;
  std::optional<int64_t> input_samples;
  // --loss: replaces the losses the model is compiled with (Model::losses).
  std::vector<LossChoice> losses;
  // --custom-objects: where layers of classes dimsum does not know are defined, for models read
  // from configs (a Python source file's own classes are followed anyway).
  std::vector<CustomObjectsFile> custom_objects;
};

// Parses "100,28,28" or "image=?,28,28,None" into `out`; on failure sets `error`.
bool parse_input_shape(std::string_view spec, InputShape& out, std::string& error);
// Parses "LAYER=?,32,32,16" into `out`; on failure sets `error`.
bool parse_assumed_shape(std::string_view spec, AssumedShape& out, std::string& error);

// Reads the Python file given with --custom-objects into options.custom_objects; sets `error`
// ("layers.py:3:5: invalid Python syntax ...", "layers.py: cannot open ...") when it cannot be
// read or parsed. Files larger than options.max_file_size are refused.
bool read_custom_objects(std::string_view path, CheckOptions& options, std::string& error);

// Reads the header of the data file named by a --data SPEC ("x.npy", "input=x.npy", "d.npz",
// "d.npz:key") into `options`, without reading the array; on failure sets `error`.
bool read_data(std::string_view spec, CheckOptions& options, std::string& error);
// The same for a --labels SPEC, whose name is a model output's ("y.npy", "output=y.npy", "d.npz",
// "d.npz:key"): fills options.labels, or options.label_archives for an .npz given whole.
bool read_labels(std::string_view spec, CheckOptions& options, std::string& error);
// Parses a --loss SPEC, "[OUTPUT=]NAME[:from_logits]" ("mse", "out=categorical_crossentropy",
// "BinaryCrossentropy:from_logits"), into `out`; on failure sets `error`. NAME is not resolved.
bool parse_loss(std::string_view spec, LossChoice& out, std::string& error);

// Reads a model file of any kind dimsum knows (a config JSON, a TensorFlow.js model.json or its
// folder, a Keras .keras archive, an HDF5 .h5 file), recognised by its content.
std::variant<Result, LoadError> check_file(const std::string& path, const CheckOptions& options);
// Every model a file holds, each checked with the data it is fed: one Result for a model file;
// for Python source, one per model and per shape of data the code feeds it (in the order the
// code builds them; --input-shape or --data, when given, replace the data the code feeds).
// check_file gives the first of them with an error, or else the first.
std::variant<std::vector<Result>, LoadError> check_file_models(const std::string& path,
                                                               const CheckOptions& options);
// `text` is the file's contents; `file` names it in messages.
std::variant<Result, LoadError> check_text(std::string text, const std::string& file,
                                           const CheckOptions& options);

// For a program that checks model after model (the command given many files, a benchmark, an
// editor's checker): tells glibc's malloc to keep the memory a check frees for the next one
// instead of returning it to the system. Each check of a large model frees and then remakes tens
// of megabytes; handing them back cost a page fault per 4 KiB to take them again, which on a
// virtual machine was a third of a 100k-layer check. Process-wide, so it is the program's choice:
// call it once from main, before any check. Does nothing with another C library.
void keep_freed_memory();

}  // namespace dimsum
