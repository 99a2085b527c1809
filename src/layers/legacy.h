// Legacy spellings of layer arguments, mapped to the ones the layer rules read: Keras 1's argument
// names (nb_filter, nb_row/nb_col, border_mode, subsample, output_dim, dim_ordering, ...), its
// Merge and TimeDistributedDense layers, and the output_mode spellings of the first preprocessing
// layers ("binary", "tf-idf"). One table serves the config reader (a Keras 1 config) and the Python
// reader (Keras 1 code); the mapping is the one Keras 2 applies when it loads or constructs a layer
// so written (keras/legacy/interfaces.py, keras/legacy/layers.py), with Keras 1.2.2's semantics.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "readers/json.h"

namespace dimsum::legacy {

struct Rewrite {
  bool changed = false;       // the class or the config was rewritten
  bool keras1_names = false;  // Keras 1 argument names or a Keras 1 only layer were found
};

// Whether modernize would change this layer: a cheap look at the class and the config's keys, so
// that a large modern config is not copied.
bool needs_rewrite(std::string_view class_name, const json::Value* config,
                   std::string_view file_ordering = {});

// Rewrites `class_name` and `config` (an object) into the Keras 2 form. `file_ordering` is the
// Keras 1 image_dim_ordering ("th" or "tf") the file was saved with, if known: Keras 1 did not save
// the dim_ordering of UpSampling, ZeroPadding and Cropping, which took it from keras.json.
Rewrite modernize(std::string& class_name, json::Node& config, std::string_view file_ordering = {});

// The image_dim_ordering a Keras 1 config was saved with: the dim_ordering its layers saved, when
// they agree; otherwise the default of its Keras version (1.0.x: "th", 1.1 and later: "tf").
std::string keras1_ordering(const json::Value& model_config, std::string_view keras_version);

// An owning copy of a parsed value, for modernize.
json::Node to_node(const json::Value& value);

// Keras 1's positional parameters for a constructor call written in Keras 1 style, or nullptr
// when it is not. `keywords` are the call's keyword names: a Keras 1 keyword (border_mode=,
// init=, ...) marks the call as Keras 1 code; `leading_ints` counts the positional arguments after
// the first that are integers (Convolution2D(32, 3, 3): 2).
const std::vector<std::string_view>* keras1_positional(
    std::string_view class_name, const std::vector<std::string_view>& keywords, int leading_ints);

// Whether Keras joins input_length and input_dim of this class into input_shape
// (input_length, input_dim): the recurrent layers and Keras 1's Conv1D and TimeDistributedDense.
bool joins_input_length(std::string_view class_name);

// Whether `class_name` is a legacy layer that modernize turns into one dimsum has a rule for.
bool is_legacy_class(std::string_view class_name);

}  // namespace dimsum::legacy
