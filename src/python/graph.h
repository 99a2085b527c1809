// Turns what the Python reader found (python_interpreter.h) into model graphs (model/graph.h),
// the same structures the JSON reader builds, with each feed's shapes per model input.
#pragma once

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "model/source.h"
#include "model/source_model.h"
#include "python/language/interpreter.h"
#include "readers/json.h"

namespace dimsum::python {

// The Python file's text; it also owns the layer configs the graphs point into.
class PythonSource : public SourceText {
 public:
  explicit PythonSource(std::string text) : SourceText(std::move(text)) {}
  const json::Value* keep(const json::Node& config) {
    configs_.push_back(json::freeze(config, arena_));
    return &configs_.back();
  }

 private:
  json::Arena arena_;
  std::deque<json::Value> configs_;  // a deque: pointers into it stay valid as it grows
};

// The models of `reading`, in the order the code builds them, each with the data fed to it.
// Models used only as parts of other models, and repeats of one model built in a loop, are left
// out; what could not be followed becomes notes, in `unplaced` when no model is left to hold them.
// The shapes of symbolic tensors while the code runs, as Keras' KerasTensors know them: the part
// of the graph they depend on, propagated from the Inputs it starts at (as Keras applies each
// layer's shape rule when the layer is called). nullopt for a tensor whose shape dimsum cannot
// tell; a problem on the way is reported when the whole model is checked, not here.
Interpreter::TensorShapes tensor_shapes(const ModelObject& part,
                                        const std::shared_ptr<PythonSource>& source,
                                        KerasGeneration generation);

std::vector<SourceModel> build_models(const Reading& reading,
                                      const std::shared_ptr<PythonSource>& source,
                                      const std::string& file, std::vector<SourceNote>& unplaced);

}  // namespace dimsum::python
