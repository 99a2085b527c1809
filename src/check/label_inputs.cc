#include "check/label_inputs.h"

#include <fmt/format.h>

#include <algorithm>

#include "check/feed.h"

namespace dimsum {

namespace {

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

// Where labels came from, in a message: "y.npy", "d.npz:y"; "labels" for labels from code.
std::string source_of(const InputShape& labels) {
  return labels.source.empty() ? std::string("labels") : labels.source;
}

bool is_input_name(const Model& model, const std::string& name) {
  return std::any_of(model.inputs.begin(), model.inputs.end(),
                     [&](int index) { return model.layers[index].name == name; });
}

}  // namespace

bool match_labels(const Model& model, const CheckOptions& options,
                  std::vector<const InputShape*>& per_output, std::string& error) {
  std::vector<std::string> names = output_names(model);
  size_t count = names.size();
  per_output.assign(count, nullptr);
  auto index_of = [&](const std::string& name) {
    return static_cast<size_t>(std::find(names.begin(), names.end(), name) - names.begin());
  };
  auto give = [&](size_t i, const InputShape& labels) {
    if (!per_output[i]) {
      per_output[i] = &labels;
      return true;
    }
    error = fmt::format("--labels gives output '{}' two labels: {} and {}", names[i],
                        source_of(*per_output[i]), source_of(labels));
    return false;
  };
  std::vector<const InputShape*> unnamed;
  for (const InputShape& labels : options.labels) {
    if (labels.name.empty()) {
      unnamed.push_back(&labels);
      continue;
    }
    size_t i = index_of(labels.name);
    if (i == count) {
      error = fmt::format("--labels names \"{}\", but the model's outputs are: {}", labels.name,
                          joined(names));
      return false;
    }
    if (!give(i, labels)) return false;
  }
  for (const DataArchive& archive : options.label_archives) {
    bool matched = false;
    for (const InputShape& array : archive.arrays) {
      size_t i = index_of(array.name);
      if (i == count) continue;
      matched = true;
      if (!per_output[i]) per_output[i] = &array;  // a --labels naming the output wins
    }
    if (matched) continue;
    // A model with one output takes the array "y" (np.savez("d.npz", x=x, y=y)), or the only one.
    const InputShape* only = archive.arrays.size() == 1 ? &archive.arrays[0] : nullptr;
    for (const InputShape& array : archive.arrays)
      if (array.name == "y") only = &array;
    if (count == 1 && only) {
      unnamed.push_back(only);
      continue;
    }
    error = count == 1 ? fmt::format(
                             "{} holds the arrays {}, none named \"y\" or after the model's output "
                             "({}); to use one of them, use --labels {}:{}",
                             archive.file, keys_of(archive), names[0], archive.file,
                             archive.arrays.empty() ? "KEY" : archive.arrays[0].name)
                       : fmt::format(
                             "{} holds the arrays {}, none named after the model's outputs ({}); "
                             "to use one of them, use --labels OUTPUT={}:KEY",
                             archive.file, keys_of(archive), joined(names), archive.file);
    return false;
  }
  size_t next = 0;
  for (const InputShape* labels : unnamed) {
    while (next < count && per_output[next]) ++next;
    if (next == count) {
      error = count == 1 ? fmt::format("--labels gives output '{}' two labels: {} and {}", names[0],
                                       source_of(*per_output[0]), source_of(*labels))
                         : fmt::format("more --labels than the model has outputs ({}: {})", count,
                                       joined(names));
      return false;
    }
    per_output[next++] = labels;
  }
  // np.savez("d.npz", x=x, y=y) given to --data: "y", when no input has that name, is the labels
  // of a model with one output (unless --labels gives them).
  if (count == 1 && !per_output[0] && !is_input_name(model, "y"))
    for (const DataArchive& archive : options.data_archives)
      for (const InputShape& array : archive.arrays)
        if (array.name == "y" && !per_output[0]) per_output[0] = &array;
  // --loss OUTPUT=NAME: an output of the model, named once; one unnamed --loss for every output.
  std::vector<std::string> seen;
  for (const LossChoice& loss : options.losses) {
    if (!loss.output.empty() && index_of(loss.output) == count) {
      error = fmt::format("--loss names \"{}\", but the model's outputs are: {}", loss.output,
                          joined(names));
      return false;
    }
    if (std::find(seen.begin(), seen.end(), loss.output) != seen.end()) {
      error = loss.output.empty() ? std::string(
                                        "--loss is given twice without an output name; name "
                                        "the output of each: --loss OUTPUT=NAME")
                                  : fmt::format("--loss gives output '{}' two losses", loss.output);
      return false;
    }
    seen.push_back(loss.output);
  }
  return true;
}

bool parse_loss(std::string_view spec, LossChoice& out, std::string& error) {
  out = LossChoice{};
  std::string_view name = spec;
  if (size_t eq = spec.find('='); eq != std::string_view::npos) {
    out.output = std::string(spec.substr(0, eq));
    name = spec.substr(eq + 1);
    if (out.output.empty()) {
      error = fmt::format("invalid --loss \"{}\": the output name before '=' is empty", spec);
      return false;
    }
  }
  constexpr std::string_view kFromLogits = ":from_logits";
  if (name.ends_with(kFromLogits)) {
    out.from_logits = true;
    name.remove_suffix(kFromLogits.size());
  } else if (size_t colon = name.rfind(':'); colon != std::string_view::npos) {
    error = fmt::format(
        "invalid --loss \"{}\": \"{}\" is not an option of a loss; the only one is "
        "\":from_logits\" (binary_crossentropy:from_logits)",
        spec, name.substr(colon));
    return false;
  }
  if (name.empty()) {
    error = fmt::format(
        "invalid --loss \"{}\": expected a loss as Keras names it, such as mse, "
        "categorical_crossentropy or out=SparseCategoricalCrossentropy:from_logits",
        spec);
    return false;
  }
  out.name = std::string(name);
  return true;
}

}  // namespace dimsum
