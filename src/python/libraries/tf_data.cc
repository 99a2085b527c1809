// tf.data.Dataset as the reader follows it: the constructors (from_tensor_slices, from_tensors,
// zip, range, from_generator with its signature), the methods that shape or count elements
// (batch, padded_batch, unbatch, rebatch, window + flat_map, map, take, skip, repeat, ...), and
// a dataset fed to a model, split as Keras splits each element: (x,), (x, y), (x, y, weights).
// The element shapes are TensorFlow's element_spec (tensorflow/python/data/ops/*_op.py): a batch
// axis is None unless drop_remainder=True says its size.
#include <fmt/format.h>

#include <algorithm>

#include "python/language/interpreter.h"
#include "python/language/syntax.h"
#include "python/libraries/library.h"
#include "python/libraries/pipeline.h"

namespace dimsum::python {

using ops::DType;

namespace {

constexpr int kMaxDepth = 16;  // nesting of an element's tuples and dicts

// A structure of the same tuples and dicts, with `leaf` applied to each array in it.
template <class Leaf>
Value map_leaves(const Value& element, const Leaf& leaf, int depth = 0) {
  if (element.kind == Kind::kData) return leaf(element);
  if ((element.kind != Kind::kTuple && element.kind != Kind::kDict) || element.repeat ||
      depth > kMaxDepth)
    return element;  // an unknown part stays unknown
  Value out = element;
  out.items = std::make_shared<std::vector<Value>>();
  for (const Value& item : *element.items) out.items->push_back(map_leaves(item, leaf, depth + 1));
  return out;
}

// Whether every part of an element is an array of known rank.
bool followed(const Value& element, int depth = 0) {
  if (element.kind == Kind::kData) return element.shape.has_value();
  if (element.kind == Kind::kDataset) return true;  // a window
  if ((element.kind != Kind::kTuple && element.kind != Kind::kDict) || element.repeat ||
      depth > kMaxDepth)
    return false;
  return std::all_of(element.items->begin(), element.items->end(),
                     [&](const Value& item) { return followed(item, depth + 1); });
}

// A Python value as tf.data takes it for an element: tuples and dicts are its structure, arrays
// and numbers its tensors, and a list is one tensor (tf.data converts lists to tensors).
Value as_element(const Value& v, int depth = 0) {
  if (v.kind == Kind::kData) return v;
  if (v.is_number() || v.kind == Kind::kStr)
    return data(Dims{}, v.offset,
                v.kind == Kind::kFloat ? DType::kFloat
                : v.is_number()        ? DType::kInt
                                       : DType::kUnknown);
  if (v.kind == Kind::kList || (v.kind == Kind::kTuple && v.repeat)) {
    bool strings =
        !v.repeat && std::all_of(v.items->begin(), v.items->end(),
                                 [](const Value& item) { return item.kind == Kind::kStr; });
    if (strings) return data(Dims{Dim(v.length())}, v.offset);  // file names, texts
    return data(array_shape(v), v.offset, array_dtype(v));
  }
  if ((v.kind == Kind::kTuple || v.kind == Kind::kDict) && depth <= kMaxDepth) {
    Value out = v;
    out.items = std::make_shared<std::vector<Value>>();
    for (const Value& item : *v.items) out.items->push_back(as_element(item, depth + 1));
    return out;
  }
  return unknown(v.known() ? "an element tf.data takes no tensors from" : v.text, v.offset);
}

// The first axis of every array in an element, which from_tensor_slices slices: its size when
// all agree and are known; nullopt otherwise.
std::optional<int64_t> first_axis(const Value& element, int depth = 0) {
  if (element.kind == Kind::kData) {
    if (!element.shape || element.shape->empty() || !(*element.shape)[0].known())
      return std::nullopt;
    return (*element.shape)[0].value();
  }
  if ((element.kind != Kind::kTuple && element.kind != Kind::kDict) || element.items->empty() ||
      depth > kMaxDepth)
    return std::nullopt;
  std::optional<int64_t> size = first_axis(element.items->front(), depth + 1);
  for (const Value& item : *element.items)
    if (first_axis(item, depth + 1) != size) return std::nullopt;
  return size;
}

Value without_first_axis(const Value& leaf) {
  Value out = leaf;
  if (!leaf.shape) return out;
  if (leaf.shape->empty())
    return unknown("a scalar, which from_tensor_slices cannot slice", leaf.offset);
  out.shape = Dims(leaf.shape->begin() + 1, leaf.shape->end());
  return out;
}

Value with_first_axis(const Value& leaf, Dim size) {
  Value out = leaf;
  if (!leaf.shape) return out;
  Dims dims{size};
  dims.insert(dims.end(), leaf.shape->begin(), leaf.shape->end());
  out.shape = std::move(dims);
  return out;
}

// A dataset of as many elements as `dataset`, each made anew (map): unbatched, since the
// function may change the first axes.
Value reshaped(const Value& dataset, Value element, uint32_t offset) {
  return make_dataset(std::move(element), cardinality(dataset), offset);
}

// A TensorSpec-like structure (from_generator's output_signature, or output_shapes): arrays of
// the shapes it gives.
Value spec_element(const Value& spec, uint32_t offset, int depth = 0) {
  if (spec.kind == Kind::kData) return spec;  // tf.TensorSpec(...) is held as such an array
  if ((spec.kind == Kind::kTuple || spec.kind == Kind::kList) && !spec.repeat &&
      depth <= kMaxDepth) {
    // output_shapes=(28, 28) is one shape; ((28, 28), ()) a tuple of them.
    bool sizes = std::all_of(spec.items->begin(), spec.items->end(), [](const Value& v) {
      return v.kind == Kind::kInt || v.kind == Kind::kNone;
    });
    if (sizes && spec.kind == Kind::kTuple) {
      auto dims = as_shape(spec);
      return data(dims, offset);
    }
    Value out = sequence(Kind::kTuple, {}, offset);
    for (const Value& item : *spec.items)
      out.items->push_back(spec_element(item, offset, depth + 1));
    return out;
  }
  if (spec.kind == Kind::kDict && depth <= kMaxDepth) {
    Value out = spec;
    out.items = std::make_shared<std::vector<Value>>();
    for (const Value& item : *spec.items)
      out.items->push_back(spec_element(item, offset, depth + 1));
    return out;
  }
  return unknown("a generator whose output signature dimsum cannot read", offset);
}

// take(n) and skip(n) on `dataset`: the elements left, by TensorFlow's rules (take(-1) takes all).
void count_take_skip(Value& out, const Value& dataset, const std::string& method,
                     std::optional<int64_t> n) {
  std::optional<int64_t> elements = cardinality(dataset);
  bool batched = dataset.batch.has_value();
  if (!n || !elements || (batched && dataset.integer > 1)) {
    // How many remain is unknown; full batches keep their size.
    out.samples.reset();
    out.integer = 0;
    return;
  }
  if (method == "take") {
    if (*n < 0 || (*elements != kInfinite && *n >= *elements)) return;  // all of them
    if (!batched) {
      out.samples = *n;
      return;
    }
    int64_t rows = 0;  // n full batches (there are more than n)
    if (__builtin_mul_overflow(*n, *dataset.batch, &rows))
      out.samples.reset();
    else
      out.samples = rows;
    out.integer = 0;
    return;
  }
  if (*elements == kInfinite) return;
  if (!batched) {
    out.samples = std::max<int64_t>(*elements - std::max<int64_t>(*n, 0), 0);
    return;
  }
  int64_t rows = *dataset.samples;
  if (dataset.boolean) rows -= rows % *dataset.batch;
  // The batches skipped are full ones, unless all are skipped.
  int64_t skipped = 0;
  if (__builtin_mul_overflow(std::max<int64_t>(*n, 0), *dataset.batch, &skipped)) skipped = rows;
  out.samples = std::max<int64_t>(rows - skipped, 0);
}

// Whether two elements are of the same structure and shapes.
bool same_element(const Value& a, const Value& b) {
  if (a.kind != b.kind) return false;
  if (a.kind == Kind::kData) return a.shape && a.shape == b.shape;
  if ((a.kind != Kind::kTuple && a.kind != Kind::kDict) || a.length() != b.length() ||
      (a.keys && b.keys && *a.keys != *b.keys))
    return false;
  for (int64_t i = 0; i < a.length(); ++i)
    if (!same_element(a.item(i), b.item(i))) return false;
  return true;
}

// tf.io.decode_jpeg / decode_png / decode_bmp (also under tf.image) with channels=n, in a function
// a dataset maps its elements with: an image of TensorFlow's static shape there,
// (None, None, n), whose height and width a resize gives. Elsewhere (eager TensorFlow knows the
// size, where dimsum's None would read as Keras' None) and without channels its rank is unknown.
// decode_image is left out: it gives a rank 4 batch of frames for a GIF.
std::optional<Value> decoded_image(const std::string& path, const Interpreter::Args& args,
                                   bool in_graph, uint32_t offset) {
  std::string_view name = last_part(path);
  if (!(starts_with_module(path, "tensorflow.io") ||
        starts_with_module(path, "tensorflow.image")) ||
      (name != "decode_jpeg" && name != "decode_png" && name != "decode_bmp"))
    return std::nullopt;
  auto channels = as_int(args.get(1, "channels"));
  if (!in_graph || !channels || *channels <= 0) return data(std::nullopt, offset, DType::kInt);
  return data(Dims{Dim::unknown(), Dim::unknown(), Dim(*channels)}, offset, DType::kInt);
}

}  // namespace

const Value& element_of(const Value& dataset) {
  static const Value none_known = unknown("a dataset whose elements dimsum cannot follow", 0);
  if (dataset.kind != Kind::kDataset || !dataset.items || dataset.items->empty()) return none_known;
  return dataset.items->front();
}

Value make_dataset(Value element, std::optional<int64_t> count, uint32_t offset) {
  Value v;
  v.kind = Kind::kDataset;
  v.offset = offset;
  v.items = std::make_shared<std::vector<Value>>(1, std::move(element));
  v.samples = count;
  return v;
}

std::optional<int64_t> cardinality(const Value& dataset) {
  if (!dataset.samples) return std::nullopt;
  int64_t rows = *dataset.samples;
  if (!dataset.batch || rows == kInfinite) return rows;
  int64_t b = *dataset.batch;
  int64_t batches = dataset.boolean ? rows / b : rows / b + (rows % b != 0);
  if (dataset.integer == kInfinite) return batches == 0 ? 0 : kInfinite;
  int64_t times = std::max<int64_t>(dataset.integer, 1), all = 0;
  if (__builtin_mul_overflow(batches, times, &all)) return std::nullopt;
  return all;
}

Value batch_dataset(const Value& source, std::optional<int64_t> batch_size, bool drop_remainder,
                    uint32_t offset) {
  Dim axis = batch_size && drop_remainder ? Dim(*batch_size) : Dim::unknown();
  Value out =
      make_dataset(map_leaves(element_of(source),
                              [&](const Value& leaf) { return with_first_axis(leaf, axis); }),
                   batch_size ? cardinality(source) : std::nullopt, offset);
  if (batch_size) out.batch = *batch_size;
  out.boolean = drop_remainder;
  return out;
}

std::optional<Value> Interpreter::dataset_function(const std::string& path, Args& args,
                                                   uint32_t offset) {
  if (path == "tensorflow.TensorSpec") {
    const Value* shape = args.get(0, "shape");
    return data(shape ? as_shape(*shape) : std::nullopt, offset,
                dtype_argument(args.get(1, "dtype")));
  }
  if (path == "tensorflow.data.experimental.cardinality") {
    const Value* dataset = args.get(0, "input_dataset");
    auto n = dataset ? cardinality(*dataset) : std::nullopt;
    return n ? integer(*n, offset) : unknown("the cardinality of a dataset", offset);
  }
  if (auto decoded = decoded_image(path, args, mapping_ > 0, offset)) return *decoded;
  if (path == "tensorflow.io.read_file") return data(Dims{}, offset);  // the file's bytes, a string
  if (path == "tensorflow.data.Dataset.list_files")
    return make_dataset(data(Dims{}, offset), std::nullopt, offset);
  constexpr std::string_view kDataset = "tensorflow.data.Dataset.";
  if (!path.starts_with(kDataset)) return std::nullopt;
  std::string_view name = std::string_view(path).substr(kDataset.size());
  if (name == "from_tensor_slices" || name == "from_tensors") {
    const Value* given = args.get(0, "tensors");
    if (!given) return unknown("Dataset.from_tensor_slices()", offset);
    Value whole = as_element(*given);
    if (name == "from_tensors") return make_dataset(std::move(whole), 1, offset);
    return make_dataset(map_leaves(whole, without_first_axis), first_axis(whole), offset);
  }
  if (name == "zip") {
    // zip(datasets) with one structure, or zip(a, b, ...) (TensorFlow 2.13).
    Value structure = args.positional.size() > 1
                          ? sequence(Kind::kTuple, args.positional, offset)
                          : (args.get(0, "datasets") ? *args.get(0, "datasets") : none(offset));
    return zip_datasets(structure, offset);
  }
  if (name == "range") {
    std::vector<int64_t> bounds;
    for (const Value& v : args.positional) {
      if (v.kind != Kind::kInt) return make_dataset(data(Dims{}, offset, DType::kInt), {}, offset);
      bounds.push_back(v.integer);
    }
    if (bounds.empty() || bounds.size() > 3)
      return make_dataset(data(Dims{}, offset, DType::kInt), {}, offset);
    int64_t start = bounds.size() > 1 ? bounds[0] : 0,
            stop = bounds.size() > 1 ? bounds[1] : bounds[0];
    int64_t step = bounds.size() > 2 ? bounds[2] : 1;
    if (step == 0) return unknown("Dataset.range with a step of 0", offset);
    int64_t count = 0;
    if (step > 0 && stop > start) count = (stop - start - 1) / step + 1;
    if (step < 0 && stop < start) count = (start - stop - 1) / -step + 1;
    return make_dataset(data(Dims{}, offset, DType::kInt), count, offset);
  }
  if (name == "from_generator") {
    const Value* spec = args.get(4, "output_signature");
    if (!spec) spec = args.get(2, "output_shapes");
    if (!spec)
      return make_dataset(
          unknown("a generator's elements, whose signature the code does not give", offset),
          std::nullopt, offset);
    return make_dataset(spec_element(*spec, offset), std::nullopt, offset);
  }
  return unknown(fmt::format("tf.data.Dataset.{}(...)", name), offset);
}

Value Interpreter::zip_datasets(const Value& structure, uint32_t offset) {
  std::vector<const Value*> parts;
  Value element = structure;
  if (structure.kind == Kind::kTuple || structure.kind == Kind::kList ||
      structure.kind == Kind::kDict) {
    element.kind = structure.kind == Kind::kDict ? Kind::kDict : Kind::kTuple;
    element.items = std::make_shared<std::vector<Value>>();
    for (const Value& item : *structure.items) {
      if (item.kind != Kind::kDataset) return unknown("Dataset.zip of what is no dataset", offset);
      parts.push_back(&item);
      element.items->push_back(element_of(item));
    }
  }
  if (parts.empty()) return unknown("Dataset.zip of what is no dataset", offset);
  // The fewest elements of any part; batches kept when every part is cut alike.
  std::optional<int64_t> count = kInfinite;
  bool alike = true;
  for (const Value* part : parts) {
    auto n = cardinality(*part);
    if (!n || !count)
      count.reset();
    else if (*count == kInfinite || (*n != kInfinite && *n < *count))
      count = n;
    alike = alike && part->batch == parts[0]->batch && part->samples == parts[0]->samples &&
            part->boolean == parts[0]->boolean && part->integer == parts[0]->integer;
  }
  if (alike && parts[0]->batch) {
    Value out = *parts[0];
    out.offset = offset;
    out.items = std::make_shared<std::vector<Value>>(1, std::move(element));
    return out;
  }
  return make_dataset(std::move(element), count, offset);
}

Value Interpreter::dataset_method(const Value& dataset, const std::string& method, Args& args,
                                  uint32_t offset) {
  Value same = dataset;
  same.offset = offset;
  if (method == "shuffle" || method == "prefetch" || method == "cache" ||
      method == "with_options" || method == "ignore_errors_off")
    return same;
  if (method == "batch" || method == "padded_batch") {
    auto size = as_int(args.get(0, "batch_size"));
    if (size && *size <= 0) size.reset();
    const Value* drop = args.get(method == "batch" ? 1 : 3, "drop_remainder");
    bool drop_remainder = drop && drop->kind == Kind::kBool && drop->boolean;
    Value out = batch_dataset(dataset, size, drop_remainder, offset);
    const Value* padded = args.get(1, "padded_shapes");
    if (method == "padded_batch" && padded && padded->kind != Kind::kNone) {
      // Each array padded to the shape given (None or -1: to the longest in the batch).
      Value shapes = spec_element(*padded, offset);
      const Value& element = element_of(out);
      if (shapes.kind == Kind::kData && element.kind == Kind::kData && shapes.shape) {
        Value leaf = with_first_axis(shapes, (*element.shape)[0]);
        leaf.dtype = element.dtype;
        leaf.offset = element.offset;
        (*out.items)[0] = leaf;
      } else {
        (*out.items)[0] = unknown("padded_batch with padded shapes dimsum cannot read", offset);
      }
    }
    return out;
  }
  if (method == "unbatch" || method == "rebatch") {
    Value out = make_dataset(map_leaves(element_of(dataset),
                                        [](const Value& leaf) {
                                          if (leaf.shape && leaf.shape->empty())
                                            return unknown("unbatch of a scalar", leaf.offset);
                                          return without_first_axis(leaf);
                                        }),
                             std::nullopt, offset);
    if (dataset.batch && dataset.samples && dataset.integer <= 1 && *dataset.samples != kInfinite)
      out.samples =
          dataset.boolean ? *dataset.samples - *dataset.samples % *dataset.batch : *dataset.samples;
    if (dataset.samples == kInfinite) out.samples = kInfinite;
    if (method == "unbatch") return out;
    auto size = as_int(args.get(0, "batch_size"));
    const Value* drop = args.get(1, "drop_remainder");
    return batch_dataset(out, size && *size > 0 ? size : std::nullopt,
                         drop && drop->kind == Kind::kBool && drop->boolean, offset);
  }
  if (method == "take" || method == "skip") {
    count_take_skip(same, dataset, method, as_int(args.get(0, "count")));
    return same;
  }
  if (method == "repeat") {
    const Value* count = args.get(0, "count");
    std::optional<int64_t> times = !count || count->kind == Kind::kNone ? kInfinite : as_int(count);
    if (times && *times < 0) times = kInfinite;
    auto elements = cardinality(dataset);
    if (!times || !elements) {
      same.samples.reset();
      same.integer = 0;
    } else if (*elements == 0 || *elements == kInfinite || *times == 1) {
      // Nothing to repeat, or no end to reach.
    } else if (dataset.batch) {
      // The batches repeat with the last, partial one of each pass.
      if (*times == kInfinite)
        same.integer = kInfinite;
      else if (__builtin_mul_overflow(std::max<int64_t>(dataset.integer, 1), *times, &same.integer))
        same.samples.reset();
    } else if (*times == kInfinite) {
      same.samples = kInfinite;
    } else if (__builtin_mul_overflow(*elements, *times, &*same.samples)) {
      same.samples.reset();
    }
    return same;
  }
  if (method == "filter") {  // as many elements or fewer, of the same shapes
    same.samples.reset();
    same.integer = 0;
    return same;
  }
  if (method == "map" || method == "flat_map" || method == "interleave") {
    const Value* function = args.get(0, "map_func");
    if (!function) return unknown(fmt::format("dataset.{}()", method), offset);
    Value result = map_element(dataset, *function, offset);
    if (method == "map") return reshaped(dataset, std::move(result), offset);
    // flat_map: the function gives a dataset per element, whose elements follow one another.
    if (result.kind != Kind::kDataset)
      return make_dataset(unknown(fmt::format("a {} whose function gives no dataset dimsum "
                                              "can follow",
                                              method),
                                  offset),
                          std::nullopt, offset);
    return make_dataset(element_of(result), std::nullopt, offset);
  }
  if (method == "window") {
    auto size = as_int(args.get(0, "size"));
    const Value* drop = args.get(3, "drop_remainder");
    bool whole = drop && drop->kind == Kind::kBool && drop->boolean;
    // Each element becomes the same structure of datasets, each of `size` elements or fewer.
    Value element = map_leaves(element_of(dataset), [&](const Value& leaf) {
      return make_dataset(leaf, whole && size ? size : std::nullopt, leaf.offset);
    });
    return make_dataset(std::move(element), std::nullopt, offset);
  }
  if (method == "enumerate") {
    return make_dataset(
        sequence(Kind::kTuple, {data(Dims{}, offset, DType::kInt), element_of(dataset)}, offset),
        cardinality(dataset), offset);
  }
  if (method == "concatenate") {
    const Value* other = args.get(0, "dataset");
    if (!other || other->kind != Kind::kDataset ||
        !same_element(element_of(dataset), element_of(*other)))
      return make_dataset(unknown("the concatenation of datasets of different elements", offset),
                          std::nullopt, offset);
    auto a = cardinality(dataset), b = cardinality(*other);
    std::optional<int64_t> count;
    int64_t sum = 0;
    if (a == kInfinite || b == kInfinite)
      count = kInfinite;
    else if (a && b && !__builtin_add_overflow(*a, *b, &sum))
      count = sum;
    return make_dataset(element_of(dataset), count, offset);
  }
  if (method == "cardinality") {
    auto n = cardinality(dataset);
    return n ? integer(*n, offset) : unknown("the cardinality of a dataset", offset);
  }
  if (method == "as_numpy_iterator" || method == "__iter__")
    return unknown(fmt::format("iterating a dataset ({})", line_of(offset)), offset);
  // apply, group_by_window, ...: elements made by code dimsum does not follow.
  return make_dataset(unknown(fmt::format("a dataset made by .{}(), which dimsum does not follow "
                                          "({})",
                                          method, line_of(offset)),
                              offset),
                      std::nullopt, offset);
}

Value Interpreter::map_element(const Value& dataset, const Value& function, uint32_t offset) {
  const Value& element = element_of(dataset);
  if (!followed(element))
    return element.known() ? unknown("the elements of a dataset dimsum cannot follow", offset)
                           : element;
  // tf.data spreads a tuple element over the function's parameters; any other is one argument.
  Args args;
  if (element.kind == Kind::kTuple)
    args.positional = *element.items;
  else
    args.positional = {element};
  ++mapping_;
  Value result = call(function, args, offset);
  --mapping_;
  if (result.kind == Kind::kDataset) return result;
  Value made = as_element(result);
  if (!followed(made))
    return unknown(fmt::format("the elements its function makes, which dimsum cannot follow ({})",
                               line_of(offset)),
                   offset);
  return made;
}

Value Interpreter::dataset_attribute(const Value& dataset, const std::string& name,
                                     uint32_t offset) {
  if (name == "element_spec") return element_of(dataset);
  return unknown(fmt::format("dataset.{}", name), offset);
}

namespace {

// Whether a function's body yields (not counting the functions and classes it defines).
bool yields(TSNode node, int depth) {
  if (ts_node_is_null(node) || depth > 200) return false;
  std::string_view type = type_of(node);
  if (type == "yield") return true;
  if (depth > 0 &&
      (type == "function_definition" || type == "lambda" || type == "class_definition"))
    return false;
  for (TSNode child : named_children(node))
    if (yields(child, depth + 1)) return true;
  return false;
}

}  // namespace

Value Interpreter::yield_value(TSNode node) {
  uint32_t at = start_of(node);
  std::vector<TSNode> parts = named_children(node);
  Value given = parts.empty() ? none(at) : eval(parts[0]);
  if (!yields_.empty()) yields_.back().push_back(std::move(given));
  // What the caller sends back (generator.send), unknown here.
  return unknown("the value a yield receives", at);
}

Value Interpreter::generator_result(TSNode definition, Value returned, uint32_t offset) {
  std::vector<Value> given = std::move(yields_.back());
  yields_.pop_back();
  if (!yields(field(definition, "body"), 1)) return returned;
  // A generator: Keras takes each value it yields as a batch (an unbatched dataset's element),
  // when all the yields read give the same structure and shapes.
  Value element = given.empty() ? unknown(
                                      "the values of a generator none of whose yields "
                                      "dimsum reached",
                                      offset)
                                : given.front();
  for (const Value& other : given)
    if (!same_element(as_element(other), as_element(element)))
      element = unknown("a generator that yields values of different shapes", offset);
  return make_dataset(std::move(element), std::nullopt, offset);
}

namespace {

// Keras' split of one element of the data fed (data_adapter_utils.unpack_x_y_sample_weight): a
// tuple (or list) of one, two or three is (x,), (x, y), (x, y, sample_weight); anything else is x.
struct Unpacked {
  Value x, y, w;
};

std::optional<Unpacked> unpack_element(const Value& element, uint32_t offset) {
  Unpacked out{element, none(offset), none(offset)};
  if (!element.is_sequence() || element.repeat) return out;
  int64_t n = element.length();
  if (n < 1 || n > 3) return std::nullopt;  // Keras raises
  out.x = element.item(0);
  if (n > 1) out.y = element.item(1);
  if (n > 2) out.w = element.item(2);
  return out;
}

}  // namespace

bool Interpreter::is_pipeline(const Value& v) const {
  return v.kind == Kind::kDataset ||
         (v.kind == Kind::kInstance && !v.model && has_member(v, "__getitem__"));
}

bool Interpreter::feed_pipeline(const Value& model, const Value& x, uint32_t offset,
                                const std::string& method) {
  if (!is_pipeline(x) || method == "call" || method == "build") return false;
  bool trains = method != "predict" && method != "predict_on_batch";
  if (x.kind == Kind::kInstance) {
    // A keras.utils.Sequence (or PyDataset) of the source: its first batch, as __getitem__(0)
    // makes it, stands for all (they differ in their batch size at most).
    Args index;
    index.positional = {integer(0, offset)};
    Value batch = call(member_of(x, "__getitem__", offset), index, offset);
    auto parts = unpack_element(batch, offset);
    if (!parts) return false;
    feed(model, parts->x, offset, method, std::nullopt, trains ? &parts->y : nullptr,
         trains ? &parts->w : nullptr);
    return true;
  }
  auto parts = unpack_element(element_of(x), offset);
  if (!parts) return false;
  // Batches of a known size: the samples they are cut from, fed in those batches (the last
  // one partial, unless dropped), as fit(x, batch_size=n) feeds arrays.
  std::optional<int64_t> rows = x.samples;
  if (rows && x.boolean && x.batch) *rows -= *rows % *x.batch;
  bool cut = x.batch && rows && *rows != kInfinite && *rows > 0 && x.integer != kInfinite;
  auto as_fed = [&](const Value& leaf) {
    if (!x.batch || !leaf.shape || leaf.shape->empty()) return leaf;
    Value fed = leaf;
    (*fed.shape)[0] = cut ? Dim(*rows) : Dim(*x.batch);
    return fed;
  };
  Value fed_x = map_leaves(parts->x, as_fed);
  Value fed_y = map_leaves(parts->y, as_fed);
  Value fed_w = map_leaves(parts->w, as_fed);
  feed(model, fed_x, offset, method, cut ? x.batch : std::nullopt, trains ? &fed_y : nullptr,
       trains ? &fed_w : nullptr);
  return true;
}

}  // namespace dimsum::python
