// The step every kind of model file shares: a model graph and the data it is fed, to a Result.
#pragma once

#include <string>
#include <variant>

#include "dimsum/dimsum.h"
#include "model/graph.h"

namespace dimsum {

// Checks a model read from `file` (as the user named it; `model.file` may name a part of it,
// such as "model.keras:config.json", where positions point) with the data `options` give
// (check.cc).
std::variant<Result, LoadError> check_model(const Model& model, const std::string& file,
                                            const CheckOptions& options);

}  // namespace dimsum
