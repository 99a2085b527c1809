#include "check/feed.h"

#include <fmt/format.h>

namespace dimsum {

namespace {

std::string_view flag_of(const InputShape& shape) {
  return shape.from_data() ? "--data" : "--input-shape";
}

// Sets what one input is fed from `shape`: a tensor's shape (--input-shape, batch axis first) or
// a data file's (--data, samples first: the batch is --batch-size, or unknown).
bool feed_input(const InputShape& shape, const CheckOptions& options, std::optional<Dims>& data,
                InputFeed& feed, std::string& error) {
  data = shape.dims;
  feed.source = shape.source;
  feed.dtype = shape.dtype;
  if (shape.from_data()) {
    feed.batched = true;
    if (!feed.samples && !shape.dims.empty() && shape.dims[0].known())
      feed.samples = shape.dims[0].value();
    return true;
  }
  feed.batched = false;
  if (!options.batch_size || shape.dims.empty()) return true;
  if (!shape.dims[0].known()) {
    (*data)[0] = Dim(*options.batch_size);
  } else if (shape.dims[0].value() != *options.batch_size) {
    error = fmt::format("--batch-size {} disagrees with the batch axis of --input-shape ({})",
                        *options.batch_size, shape.dims[0].value());
    return false;
  }
  return true;
}

}  // namespace

std::string keys_of(const DataArchive& archive) {
  std::string keys;
  for (const InputShape& array : archive.arrays) keys += (keys.empty() ? "" : ", ") + array.name;
  return keys;
}

bool assign_inputs(const Model& model, const CheckOptions& options, InputData& data,
                   std::vector<InputFeed>& feeds, std::string& error) {
  size_t count = model.inputs.size();
  data.assign(count, std::nullopt);
  InputFeed unfed;  // an input without data: --samples and --batch-size still apply
  unfed.samples = options.samples;
  unfed.batch_size = options.batch_size;
  unfed.batched = options.batch_size.has_value();
  unfed.generation = generation_of(model);
  feeds.assign(count, unfed);
  std::vector<bool> fed(count, false);
  std::string names;
  for (int index : model.inputs) names += (names.empty() ? "" : ", ") + model.layers[index].name;
  auto index_of = [&](const std::string& name) {
    size_t i = 0;
    while (i < count && model.layers[model.inputs[i]].name != name) ++i;
    return i;
  };
  std::vector<const InputShape*> unnamed;
  for (const InputShape& option : options.input_shapes) {
    if (option.name.empty()) {
      unnamed.push_back(&option);
      continue;
    }
    size_t i = index_of(option.name);
    if (i == count) {
      error = fmt::format("{} names \"{}\", but the model's inputs are: {}", flag_of(option),
                          option.name, names);
      return false;
    }
    if (!feed_input(option, options, data[i], feeds[i], error)) return false;
    fed[i] = true;
  }
  for (const DataArchive& archive : options.data_archives) {
    bool matched = false;
    for (const InputShape& array : archive.arrays) {
      size_t i = index_of(array.name);
      if (i == count) continue;
      matched = true;
      if (fed[i]) continue;  // a --data or --input-shape naming the input wins
      if (!feed_input(array, options, data[i], feeds[i], error)) return false;
      fed[i] = true;
    }
    if (matched) continue;
    if (archive.arrays.size() == 1) {  // np.savez("x.npz", x) names its one array arr_0
      unnamed.push_back(&archive.arrays[0]);
      continue;
    }
    // np.savez("d.npz", x=x, y=y): "y" is the labels (check/label_inputs.h), the other the data.
    if (archive.arrays.size() == 2 &&
        (archive.arrays[0].name == "y") != (archive.arrays[1].name == "y")) {
      unnamed.push_back(&archive.arrays[archive.arrays[0].name == "y" ? 1 : 0]);
      continue;
    }
    error = fmt::format(
        "{} holds the arrays {}, none named after the model's inputs ({}); to "
        "feed one of them, use --data {}:{}",
        archive.file, keys_of(archive), names, archive.file, archive.arrays[0].name);
    return false;
  }
  size_t next = 0;
  for (const InputShape* option : unnamed) {
    while (next < count && fed[next]) ++next;
    if (next == count) {
      error = fmt::format(
          "more --input-shape and --data options than the model has inputs "
          "({}: {})",
          count, names);
      return false;
    }
    if (!feed_input(*option, options, data[next], feeds[next], error)) return false;
    fed[next++] = true;
  }
  return true;
}

}  // namespace dimsum
