// Fuzzes the JSON reader alone: RapidJSON's SAX parse into the located tree, the positions of
// every value, and the number conversions the config getters rely on.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "contract.h"
#include "readers/json.h"

namespace {

using fuzz::require;

// Walks the tree without recursion (it is at most kMaxDepth deep, but the walk should not care).
void visit_all(const dimsum::json::Document& document) {
  size_t size = document.text().size();
  std::vector<const dimsum::json::Value*> pending{&document.root()};
  while (!pending.empty()) {
    const dimsum::json::Value* v = pending.back();
    pending.pop_back();
    require(v->offset <= size, "a value offset past the end of the text");
    dimsum::SourcePosition pos = document.position(v->offset);
    require(pos.line >= 1 && pos.column >= 1, "a position that is not 1-based");
    document.line_text(pos.line);
    if (v->is_number()) {
      v->as_double();
      if (auto i = v->as_integer(); i && v->text().find_first_of(".eE") == std::string::npos)
        require(std::to_string(*i) == v->text() || v->text() == "-0", "an integer read wrongly");
    }
    for (const dimsum::json::Value& item : v->items()) pending.push_back(&item);
    for (const dimsum::json::Member& m : v->members()) {
      require(v->find(m.key()) != nullptr, "a member its object's lookup does not find");
      pending.push_back(&m.value);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  dimsum::json::Document document;
  std::string error;
  if (!document.parse(std::string(reinterpret_cast<const char*>(data), size), error)) {
    require(!error.empty(), "a parse failure without a message");
    return 0;
  }
  visit_all(document);
  return 0;
}
