// A model as a source file holds it, with the data the file feeds it. A model config holds one
// model and feeds it nothing; a Python file may build several models and feed each several
// arrays, and each (model, shape of data) is checked on its own.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dimsum/dimsum.h"
#include "model/graph.h"

namespace dimsum {

// Data a file feeds one of its models: model(x), model.fit(x), model.build(shape), ...
struct SourceFeed {
  // Per model input, in Model::inputs order, batch axis first; nullopt: its shape is unknown.
  std::vector<std::optional<Dims>> inputs;
  uint32_t call = 0;  // offset of the call that feeds the data
  uint32_t made = 0;  // offset of the code the data's shape comes from
  // What to say at each: "the data is made here, of shape (60000, 28, 28)", "and fed to 'model'
  // here, in batches of 32".
  std::string made_label;
  std::string call_label;
  // The labels fed with the data (fit(x, y)), one per model output they are given for, named
  // after it, all samples first; the sample weights likewise; and how many samples the inputs
  // hold in all (`inputs` are of one batch). Where the labels are made, and what to say there.
  std::vector<InputShape> labels;
  std::vector<InputShape> sample_weights;
  std::optional<int64_t> input_samples;
  uint32_t labels_made = 0;
  std::string labels_made_label;
};

// Code around a model that dimsum could not follow, said where it is.
struct SourceNote {
  uint32_t offset = 0;
  std::string message;
};

struct SourceModel {
  Model model;
  std::vector<SourceFeed> feeds;  // empty: checked with the input the model declares
  std::vector<SourceNote> notes;
  // What of the model and its data the reader could not follow, in words (Result::unchecked).
  std::vector<std::string> unchecked;
  // Not empty for a model the reader found but could not follow at all (a subclassed model):
  // what it is, for the verdict (a note says why). `model` then holds only its name and
  // source, and is reported, not checked.
  std::string unfollowed;
  uint32_t offset = 0;  // that model's place in the source
  // Set for a model Keras refuses to make (a keras.applications call with arguments it
  // rejects): the error, reported at `offset`; `model` holds only its name and source.
  std::optional<Diagnostic> rejected;
};

}  // namespace dimsum
