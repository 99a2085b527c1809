#include "python/python.h"

#include <fmt/format.h>

#include <cstdint>

#include "python/graph.h"
#include "python/language/interpreter.h"
#include "python/language/syntax.h"
#include "readers/source.h"

namespace dimsum {

bool looks_like_python(std::string_view head) {
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);  // a UTF-8 byte order mark
  size_t first = head.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return false;
  head.remove_prefix(first);
  // JSON starts with '{' or '['; a Python script starts with a comment, a docstring or an import.
  return head.starts_with("#") || head.starts_with("\"\"\"") || head.starts_with("'''") ||
         head.starts_with("import ") || head.starts_with("from ");
}

bool read_python_file(const std::string& path, std::vector<SourceModel>& models,
                      std::string& error) {
  std::string text;
  return read_text_file(path, text, error) &&
         read_python_text(std::move(text), path, models, error);
}

namespace {

// Parses the text of `source`; false with `error` at where it is not Python.
bool parse_source(const SourceText& source, const std::string& file, python::SyntaxTree& tree,
                  std::string& error) {
  const std::string& text = source.text();
  uint32_t at = 0;
  std::string why;
  if (auto nul = text.find('\0'); nul != std::string::npos) {
    at = static_cast<uint32_t>(nul);
    why = "a NUL byte: this is not a Python text file";
  } else if (tree.parse(text, at, why)) {
    return true;
  }
  error = fmt::format("{}: {}", source.where(file, at), why);
  return false;
}

}  // namespace

bool parse_python_text(const std::string& text, const std::string& file, python::SyntaxTree& tree,
                       std::string& error) {
  return parse_source(SourceText(text), file, tree, error);
}

bool read_python_text(std::string text, const std::string& file, std::vector<SourceModel>& models,
                      std::string& error) {
  return read_python_cells(std::move(text), {}, file, models, error);
}

bool read_python_cells(std::string text, std::vector<CellSpan> cells, const std::string& file,
                       std::vector<SourceModel>& models, std::string& error) {
  if (text.size() >= UINT32_MAX) {
    error = fmt::format("{}: the file is larger than 4 GiB", file);
    return false;
  }
  auto source = std::make_shared<python::PythonSource>(std::move(text));
  source->set_cells(std::move(cells));
  python::SyntaxTree tree;
  if (!parse_source(*source, file, tree, error)) return false;
  python::Reading reading;
  python::Interpreter interpreter(source->text(), reading);
  interpreter.read_shapes_with([&](const python::ModelObject& part) {
    return python::tensor_shapes(part, source, reading.cues.generation());
  });
  interpreter.name_lines_with([&](uint32_t offset) { return source->line_name(offset); });
  interpreter.run(tree.root());
  std::vector<SourceNote> unplaced;
  models = python::build_models(reading, source, file, unplaced);
  if (!models.empty()) return true;
  error = fmt::format(
      "{}: no Keras model found: dimsum checks models built with keras.Sequential "
      "or the functional API (keras.Model(inputs, outputs))",
      file);
  if (!unplaced.empty())
    error = fmt::format("{}: no Keras model that dimsum can check: {}",
                        source->where(file, unplaced.front().offset), unplaced.front().message);
  return false;
}

}  // namespace dimsum
