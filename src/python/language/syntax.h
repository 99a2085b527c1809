// Python source parsed by tree-sitter (Debian's runtime, the npm tree-sitter-python grammar):
// the syntax tree and the few helpers the Python reader walks it with.
#pragma once

#include <tree_sitter/api.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dimsum::python {

class SyntaxTree {
 public:
  SyntaxTree() = default;
  SyntaxTree(const SyntaxTree&) = delete;
  SyntaxTree& operator=(const SyntaxTree&) = delete;
  ~SyntaxTree();

  // Parses `text`, which must outlive the tree. False when the file is not valid Python: then
  // `error_offset` is where the first error is and `error` says what it is.
  bool parse(const std::string& text, uint32_t& error_offset, std::string& error);
  TSNode root() const { return ts_tree_root_node(tree_); }

 private:
  TSTree* tree_ = nullptr;
};

// Node helpers; `source` is the parsed text.
inline std::string_view type_of(TSNode node) { return ts_node_type(node); }
inline bool is(TSNode node, std::string_view type) {
  return !ts_node_is_null(node) && type_of(node) == type;
}
inline uint32_t start_of(TSNode node) { return ts_node_start_byte(node); }
std::string_view text_of(TSNode node, const std::string& source);
TSNode field(TSNode node, std::string_view name);
// Every child under field `name` (an import's names, an if's alternatives).
std::vector<TSNode> fields(TSNode node, std::string_view name);
std::vector<TSNode> named_children(TSNode node);
// Every child, named or not, in order (slices tell their parts apart by the ':' between them).
std::vector<TSNode> all_children(TSNode node);

}  // namespace dimsum::python
