// Data loaded from files: NumPy's loaders (an array of unknown shape), and Keras' loaders of
// data from files and arrays, as the datasets they give: the directory
// loaders (keras/src/utils/image_dataset_utils.py, text_dataset_utils.py), sliding windows
// over a timeseries (timeseries_dataset_utils.py), and ImageDataGenerator's iterators
// (keras/src/legacy/preprocessing/image.py). What is on disk is unknown: how many files, and
// how many classes unless class_names / classes lists them; the shapes come from the arguments.
#include <fmt/format.h>

#include <string>

#include "python/language/interpreter.h"
#include "python/libraries/library.h"
#include "python/libraries/pipeline.h"

namespace dimsum::python {

using ops::DType;

namespace {

std::optional<std::string> text_argument(const Value* v, std::string fallback) {
  if (!v) return fallback;
  if (v->kind == Kind::kStr) return v->text;
  return std::nullopt;
}

// The channels of color_mode: grayscale 1, rgb 3, rgba 4; nullopt for any other (Keras raises).
std::optional<int64_t> channels_of(const std::string& color_mode) {
  if (color_mode == "grayscale") return 1;
  if (color_mode == "rgb") return 3;
  if (color_mode == "rgba") return 4;
  return std::nullopt;
}

// An image of `size` (height, width; an int is both, as image_dataset_from_directory takes it)
// in `format`; an unknown value saying why when the arguments cannot be read.
Value image_of(const Value* size, const Value* color_mode, const std::string& format,
               uint32_t offset) {
  auto mode = text_argument(color_mode, "rgb");
  auto channels = mode ? channels_of(*mode) : std::nullopt;
  std::optional<Dims> hw = size ? as_shape(*size) : Dims{Dim(256), Dim(256)};
  if (hw && hw->size() == 1) hw->push_back((*hw)[0]);
  if (!channels || !hw || hw->size() != 2 || !(*hw)[0].known() || !(*hw)[1].known())
    return unknown("images of a size or color mode dimsum cannot read", offset);
  Dims dims = format == "channels_first" ? Dims{Dim(*channels), (*hw)[0], (*hw)[1]}
                                         : Dims{(*hw)[0], (*hw)[1], Dim(*channels)};
  return data(dims, offset, DType::kFloat);
}

// The number of classes a list of class names gives; unknown (the folders on disk) otherwise.
Dim class_count_of(const Value* classes) {
  if (classes && classes->kind == Kind::kList && !classes->repeat) return Dim(classes->length());
  return Dim::unknown();
}

// One label of image/text_dataset_from_directory's label_mode (dataset_utils.labels_to_dataset):
// int: a scalar id; categorical: one-hot over the classes; binary: a float of shape (1,);
// none for None. nullopt for a mode Keras rejects.
std::optional<Value> directory_label(const std::string& mode, Dim classes, uint32_t offset) {
  if (mode == "int") return data(Dims{}, offset, DType::kInt);
  if (mode == "categorical") return data(Dims{classes}, offset, DType::kFloat);
  if (mode == "binary") return data(Dims{Dim(1)}, offset, DType::kFloat);
  return std::nullopt;
}

// The dataset of `element`, batched by batch_size (None: unbatched), of an unknown number of
// files; subset="both" gives the training and validation datasets.
Value loaded_dataset(Value element, const Value* batch_size, const Value* subset, uint32_t offset) {
  Value dataset = make_dataset(std::move(element), std::nullopt, offset);
  if (!batch_size || batch_size->kind != Kind::kNone) {
    auto size = batch_size ? as_int(batch_size) : std::optional<int64_t>(32);
    dataset = batch_dataset(dataset, size && *size > 0 ? size : std::nullopt, false, offset);
  }
  if (subset && subset->kind == Kind::kStr && subset->text == "both")
    return sequence(Kind::kTuple, {dataset, dataset}, offset);
  return dataset;
}

// The element of a directory loader: the data, with its label unless there is none.
Value with_label(Value x, const Value* labels, const Value* label_mode, const Value* class_names,
                 uint32_t offset) {
  if (!x.known() || (labels && labels->kind == Kind::kNone) ||
      (label_mode && label_mode->kind == Kind::kNone))
    return x;
  auto mode = text_argument(label_mode, "int");
  auto label = mode ? directory_label(*mode, class_count_of(class_names), offset) : std::nullopt;
  if (!label) return unknown("labels of a label_mode dimsum cannot read", offset);
  return sequence(Kind::kTuple, {std::move(x), std::move(*label)}, offset);
}

// An ImageDataGenerator object is kept as its path with what its iterators need: the data
// format and the validation split, "...ImageDataGenerator(channels_last;0.2)".
constexpr std::string_view kGenerator = "keras.preprocessing.image.ImageDataGenerator(";

struct Generator {
  std::string format;
  double validation_split = 0;
};

std::optional<Generator> generator_of(std::string_view path, std::string& method) {
  if (!path.starts_with(kGenerator)) return std::nullopt;
  size_t close = path.find(").", kGenerator.size());
  size_t semicolon = path.find(';', kGenerator.size());
  if (close == std::string_view::npos || semicolon == std::string_view::npos || semicolon > close)
    return std::nullopt;
  Generator g;
  g.format = std::string(path.substr(kGenerator.size(), semicolon - kGenerator.size()));
  g.validation_split = std::stod(std::string(path.substr(semicolon + 1, close - semicolon - 1)));
  method = std::string(path.substr(close + 2));
  return g;
}

// One label of flow_from_directory / flow_from_dataframe's class_mode (DirectoryIterator's
// _get_batches_of_transformed_samples): categorical one-hot rows, binary and sparse ids, raw
// the y_col values, input the image itself. nullopt for a mode dimsum does not follow.
std::optional<Value> iterator_label(const std::string& mode, const Value& image, Dim classes,
                                    const Value* y_col, uint32_t offset) {
  if (mode == "categorical") return data(Dims{classes}, offset, DType::kFloat);
  if (mode == "binary" || mode == "sparse") return data(Dims{}, offset, DType::kFloat);
  if (mode == "input") return image;
  if (mode == "raw" && y_col && y_col->kind == Kind::kStr) return data(Dims{}, offset);
  if (mode == "raw" && y_col && y_col->kind == Kind::kList && !y_col->repeat)
    return data(Dims{Dim(y_col->length())}, offset);
  return std::nullopt;
}

}  // namespace

std::optional<Value> Interpreter::file_data_function(const std::string& path, Args& args,
                                                     uint32_t offset) {
  if (path == "numpy.load" || path == "numpy.loadtxt" || path == "numpy.genfromtxt") {
    // An array whose shape is in the file: unknown, even its rank (loadtxt gives one axis for
    // one column); the code's reshape may tell it. An .npz archive is a dict of arrays.
    const Value* file = args.get(0, path == "numpy.load" ? "file" : "fname");
    if (file && file->kind == Kind::kStr && file->text.ends_with(".npz"))
      return unknown("the arrays of an .npz archive", offset);
    return data(std::nullopt, offset, path == "numpy.load" ? DType::kUnknown : DType::kFloat);
  }
  if (!starts_with_module(path, "keras")) return std::nullopt;
  std::string_view name = last_part(path);
  std::string method;
  if (auto generator = generator_of(path, method)) {
    // ImageDataGenerator(...).flow(...), flow_from_directory(...), flow_from_dataframe(...).
    if (method == "flow") return flow_arrays(generator->validation_split, args, offset);
    if (method == "flow_from_directory" || method == "flow_from_dataframe")
      return flow_files(generator->format, method == "flow_from_dataframe", args, offset);
    if (method == "fit") return none(offset);
    if (method == "standardize" || method == "random_transform") {
      const Value* x = args.get(0, "x");
      return x ? *x : unknown("", offset);
    }
    return unknown(fmt::format("ImageDataGenerator.{}(...)", method), offset);
  }
  if (name == "ImageDataGenerator") {
    auto format = text_argument(args.keyword("data_format"), image_data_format_);
    const Value* split = args.keyword("validation_split");
    double fraction = 0;
    if (split && split->kind == Kind::kFloat) fraction = split->real;
    if (!format || (split && split->kind != Kind::kFloat && !(split->kind == Kind::kInt)))
      return unknown("an ImageDataGenerator of arguments dimsum cannot read", offset);
    if (split && split->kind == Kind::kInt) fraction = static_cast<double>(split->integer);
    return module(fmt::format("{}{};{})", kGenerator, *format, fraction), offset);
  }
  if (name == "image_dataset_from_directory") {
    auto format = text_argument(args.keyword("data_format"), image_data_format_);
    Value image =
        format ? image_of(args.get(6, "image_size"), args.get(4, "color_mode"), *format, offset)
               : unknown("images of a data format dimsum cannot read", offset);
    return loaded_dataset(with_label(std::move(image), args.get(1, "labels"),
                                     args.get(2, "label_mode"), args.get(3, "class_names"), offset),
                          args.get(5, "batch_size"), args.get(10, "subset"), offset);
  }
  if (name == "text_dataset_from_directory") {
    Value text = data(Dims{}, offset);  // one string per file
    return loaded_dataset(with_label(std::move(text), args.get(1, "labels"),
                                     args.get(2, "label_mode"), args.get(3, "class_names"), offset),
                          args.get(4, "batch_size"), args.get(9, "subset"), offset);
  }
  if (name == "timeseries_dataset_from_array") return timeseries(args, offset);
  return std::nullopt;
}

Value Interpreter::timeseries(Args& args, uint32_t offset) {
  const Value* series = args.get(0, "data");
  const Value* targets = args.get(1, "targets");
  auto length = as_int(args.get(2, "sequence_length"));
  const Value* stride_value = args.get(3, "sequence_stride");
  const Value* rate_value = args.get(4, "sampling_rate");
  auto stride = stride_value ? as_int(stride_value) : std::optional<int64_t>(1);
  auto rate = rate_value ? as_int(rate_value) : std::optional<int64_t>(1);
  std::optional<Dims> all = series ? array_shape(*series) : std::nullopt;
  if (!length || !all || all->empty() || *length <= 0)
    return make_dataset(unknown("windows of a length or data dimsum cannot read", offset),
                        std::nullopt, offset);
  // One window: sequence_length steps of the data's other axes.
  Dims window{Dim(*length)};
  window.insert(window.end(), all->begin() + 1, all->end());
  Value element = data(window, series->offset, array_dtype(*series));
  std::optional<Dims> target_all;
  if (targets && targets->kind != Kind::kNone) {
    target_all = array_shape(*targets);
    Value target = target_all && !target_all->empty()
                       ? data(Dims(target_all->begin() + 1, target_all->end()), targets->offset,
                              array_dtype(*targets))
                       : unknown("targets dimsum cannot follow", offset);
    target.values = targets->values;
    element = sequence(Kind::kTuple, {std::move(element), std::move(target)}, offset);
  }
  // The windows start at 0, stride, ... while a whole one fits (num_seqs), as many as targets.
  std::optional<int64_t> count;
  auto start = as_int(args.get(8, "start_index"));
  auto end = as_int(args.get(9, "end_index"));
  const Value* start_value = args.get(8, "start_index");
  const Value* end_value = args.get(9, "end_index");
  if (!start_value || start_value->kind == Kind::kNone) start = 0;
  if ((!end_value || end_value->kind == Kind::kNone) && (*all)[0].known()) end = (*all)[0].value();
  if (start && end && stride && rate && *stride > 0 && *rate > 0 && *length < (int64_t{1} << 31) &&
      *rate < (int64_t{1} << 31)) {
    int64_t sequences = 0;
    bool known = !__builtin_sub_overflow(*end, *start, &sequences) &&
                 !__builtin_sub_overflow(sequences, (*length - 1) * *rate, &sequences);
    if (target_all && !target_all->empty() && (*target_all)[0].known())
      sequences = std::min(sequences, (*target_all)[0].value());
    else if (target_all)
      known = false;  // as many windows as targets, and how many targets is unknown
    if (known) count = sequences > 0 ? (sequences - 1) / *stride + 1 : 0;
  }
  Value dataset = make_dataset(std::move(element), count, offset);
  const Value* batch_size = args.get(5, "batch_size");
  if (batch_size && batch_size->kind == Kind::kNone) return dataset;
  auto size = batch_size ? as_int(batch_size) : std::optional<int64_t>(128);
  return batch_dataset(dataset, size && *size > 0 ? size : std::nullopt, false, offset);
}

Value Interpreter::flow_arrays(double validation_split, Args& args, uint32_t offset) {
  const Value* x = args.get(0, "x");
  const Value* y = args.get(1, "y");
  const Value* weights = args.get(4, "sample_weight");
  std::optional<Dims> images = x ? array_shape(*x) : std::nullopt;
  if (!images)
    return make_dataset(unknown("images dimsum cannot follow", offset), std::nullopt, offset);
  if (images->size() != 4)
    return make_dataset(unknown(fmt::format("images of rank {}, which ImageDataGenerator.flow "
                                            "rejects (it takes rank 4)",
                                            images->size()),
                                offset),
                        std::nullopt, offset);
  // validation_split with subset: the validation part is the first int(n * split) images.
  std::optional<int64_t> rows;
  if ((*images)[0].known()) rows = (*images)[0].value();
  const Value* subset = args.get(10, "subset");
  if (rows && subset && subset->kind == Kind::kStr && validation_split > 0) {
    auto first = static_cast<int64_t>(static_cast<double>(*rows) * validation_split);
    rows = subset->text == "validation" ? first : *rows - first;
  } else if (subset && subset->kind != Kind::kNone) {
    rows.reset();
  }
  auto one = [&](const Value& all) -> Value {
    std::optional<Dims> dims = array_shape(all);
    if (!dims || dims->empty()) return unknown("arrays dimsum cannot follow", offset);
    Value v = data(Dims(dims->begin() + 1, dims->end()), all.offset, array_dtype(all));
    v.values = all.values;
    return v;
  };
  Value element = one(*x);
  element.offset = x->offset;
  if (y && y->kind != Kind::kNone) {
    std::vector<Value> parts{element, one(*y)};
    if (weights && weights->kind != Kind::kNone) parts.push_back(one(*weights));
    element = sequence(Kind::kTuple, std::move(parts), offset);
  }
  auto size = args.get(2, "batch_size") ? as_int(args.get(2, "batch_size")) : 32;
  return batch_dataset(make_dataset(std::move(element), rows, offset),
                       size && *size > 0 ? size : std::nullopt, false, offset);
}

Value Interpreter::flow_files(const std::string& format, bool dataframe, Args& args,
                              uint32_t offset) {
  // flow_from_directory(directory, target_size, color_mode, classes, class_mode, batch_size)
  // flow_from_dataframe(dataframe, directory, x_col, y_col, weight_col, target_size,
  //                     color_mode, classes, class_mode, batch_size)
  size_t shift = dataframe ? 4 : 0;
  Value image = image_of(args.get(1 + shift, "target_size"), args.get(2 + shift, "color_mode"),
                         format, offset);
  Value element = image;
  const Value* mode_value = args.get(4 + shift, "class_mode");
  if (image.known() && !(mode_value && mode_value->kind == Kind::kNone)) {
    auto mode = text_argument(mode_value, "categorical");
    auto label = mode ? iterator_label(*mode, image, class_count_of(args.get(3 + shift, "classes")),
                                       dataframe ? args.get(3, "y_col") : nullptr, offset)
                      : std::nullopt;
    if (!label)
      element = unknown("labels of a class_mode dimsum does not follow", offset);
    else {
      std::vector<Value> parts{image, *label};
      const Value* weights = dataframe ? args.get(4, "weight_col") : nullptr;
      if (weights && weights->kind != Kind::kNone) parts.push_back(data(Dims{}, offset));
      element = sequence(Kind::kTuple, std::move(parts), offset);
    }
  }
  const Value* batch_value = args.get(5 + shift, "batch_size");
  auto size = batch_value ? as_int(batch_value) : 32;
  return batch_dataset(make_dataset(std::move(element), std::nullopt, offset),
                       size && *size > 0 ? size : std::nullopt, false, offset);
}

}  // namespace dimsum::python
