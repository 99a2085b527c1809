#include "python/language/syntax.h"

#include <fmt/format.h>

#include <string>
#include <unordered_map>

extern "C" const TSLanguage* tree_sitter_python();

namespace dimsum::python {

namespace {

// The first node, in source order, that the parser could not fit into the grammar.
TSNode first_error(TSNode root) {
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  TSNode found{};
  bool done = false;
  while (!done) {
    TSNode node = ts_tree_cursor_current_node(&cursor);
    if (ts_node_is_missing(node) || is(node, "ERROR")) {
      found = node;
      break;
    }
    // Descend only into subtrees that hold an error; otherwise move on.
    if (ts_node_has_error(node) && ts_tree_cursor_goto_first_child(&cursor)) continue;
    while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
      if (!ts_tree_cursor_goto_parent(&cursor)) {
        done = true;
        break;
      }
    }
  }
  ts_tree_cursor_delete(&cursor);
  return found;
}

}  // namespace

SyntaxTree::~SyntaxTree() {
  if (tree_) ts_tree_delete(tree_);
}

bool SyntaxTree::parse(const std::string& text, uint32_t& error_offset, std::string& error) {
  TSParser* parser = ts_parser_new();
  ts_parser_set_language(parser, tree_sitter_python());
  if (tree_) ts_tree_delete(tree_);  // a tree parsed again holds only the new text's
  tree_ = ts_parser_parse_string(parser, nullptr, text.data(), static_cast<uint32_t>(text.size()));
  ts_parser_delete(parser);
  if (!tree_) {
    error_offset = 0;
    error = "the Python parser gave up on this file";
    return false;
  }
  TSNode root = ts_tree_root_node(tree_);
  if (!ts_node_has_error(root)) return true;
  TSNode bad = first_error(root);
  if (ts_node_is_null(bad)) bad = root;
  error_offset = start_of(bad);
  if (ts_node_is_missing(bad)) {
    error = fmt::format("invalid Python syntax: expected '{}' here", type_of(bad));
  } else {
    std::string_view what = text_of(bad, text);
    what = what.substr(0, what.find('\n'));
    if (what.size() > 40) what = what.substr(0, 40);
    error = what.empty() ? "invalid Python syntax"
                         : fmt::format("invalid Python syntax at \"{}\"", what);
  }
  return false;
}

std::string_view text_of(TSNode node, const std::string& source) {
  uint32_t start = ts_node_start_byte(node);
  uint32_t end = ts_node_end_byte(node);
  if (start > source.size() || end > source.size() || end < start) return {};
  return std::string_view(source).substr(start, end - start);
}

TSNode field(TSNode node, std::string_view name) {
  // The runtime finds a field's id by comparing the name with every field name of the grammar;
  // the reader asks for a few names millions of times, so each thread keeps the ids it found.
  thread_local std::unordered_map<std::string, TSFieldId> ids;
  auto it = ids.find(std::string(name));
  if (it == ids.end())
    it = ids.emplace(std::string(name),
                     ts_language_field_id_for_name(tree_sitter_python(), name.data(),
                                                   static_cast<uint32_t>(name.size())))
             .first;
  return ts_node_child_by_field_id(node, it->second);
}

std::vector<TSNode> fields(TSNode node, std::string_view name) {
  std::vector<TSNode> out;
  TSTreeCursor cursor = ts_tree_cursor_new(node);
  if (ts_tree_cursor_goto_first_child(&cursor)) {
    do {
      const char* here = ts_tree_cursor_current_field_name(&cursor);
      if (here && name == here) out.push_back(ts_tree_cursor_current_node(&cursor));
    } while (ts_tree_cursor_goto_next_sibling(&cursor));
  }
  ts_tree_cursor_delete(&cursor);
  return out;
}

// With a cursor: indexing children one by one is linear in the index with this runtime.
std::vector<TSNode> all_children(TSNode node) {
  std::vector<TSNode> out;
  TSTreeCursor cursor = ts_tree_cursor_new(node);
  if (ts_tree_cursor_goto_first_child(&cursor)) {
    do out.push_back(ts_tree_cursor_current_node(&cursor));
    while (ts_tree_cursor_goto_next_sibling(&cursor));
  }
  ts_tree_cursor_delete(&cursor);
  return out;
}

std::vector<TSNode> named_children(TSNode node) {
  std::vector<TSNode> out;
  for (TSNode child : all_children(node))
    if (ts_node_is_named(child) && !is(child, "comment")) out.push_back(child);
  return out;
}

}  // namespace dimsum::python
