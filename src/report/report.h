// Renderers of a Result: the compiler-style human report, the per-layer summary table, and the
// JSON document of DESIGN.md. They only read the Result; nothing here infers shapes.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "dimsum/dimsum.h"

namespace dimsum {

struct RenderOptions {
  bool color = false;
};

// `dimsum check`: each diagnostic with its location, trace, notes and help, then a verdict, and
// with symbolic sizes (`domain`, solved from the result's conditions; else nullptr) the sizes
// the model builds for.
std::string render_check(const Result& result, const Domain* domain, const RenderOptions& options);
// `dimsum summary`: the model.summary() table with input shapes, then as render_check.
std::string render_summary(const Result& result, const Domain* domain,
                           const RenderOptions& options);
// One JSON document for one result (an object) or for several (an array of objects).
std::string render_json(const std::vector<const Result*>& results);

// `dimsum domain`: for each model, the sizes each of its symbols can take.
std::string render_domain(const Result& result, const Domain& domain);
std::string render_domain_json(const std::vector<std::pair<const Result*, Domain>>& domains);

// "1,234,567", as Keras prints parameter counts.
std::string with_thousands(int64_t value);

}  // namespace dimsum
