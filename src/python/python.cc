#include "python/python.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <optional>

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

// The notebook cells that are not Python on their own (an exercise's blanks, Python 2's print,
// prose in a code cell) are commented out, each said in a note, so the other cells are read: the
// user runs them.
std::vector<python::Note> comment_out_cells(std::string& text, const std::vector<CellSpan>& cells) {
  std::vector<python::Note> skipped;
  // The offsets of the cells' first lines, and the end.
  std::vector<size_t> starts;
  uint32_t line = 1;
  size_t cell = 0;
  for (size_t i = 0; i <= text.size() && cell < cells.size(); ++i) {
    while (cell < cells.size() && cells[cell].first_line == line) {
      starts.push_back(i);
      ++cell;
    }
    if (i < text.size() && text[i] == '\n') ++line;
  }
  starts.resize(cells.size(), text.size());
  starts.push_back(text.size());
  std::string out;
  out.reserve(text.size());
  python::SyntaxTree tree;
  out.append(text, 0, starts[0]);
  for (size_t c = 0; c < cells.size(); ++c) {
    std::string_view code(text.data() + starts[c], starts[c + 1] - starts[c]);
    uint32_t at = 0;
    std::string why;
    if (tree.parse(std::string(code), at, why)) {
      out.append(code);
      continue;
    }
    skipped.push_back(python::Note{
        static_cast<uint32_t>(out.size()),
        fmt::format("cell {} is not valid Python ({}): dimsum skipped it, and what it would define "
                    "is unknown",
                    cells[c].number, why)});
    // Each line becomes a comment: the lines keep their numbers, and the excerpt its text.
    bool line_start = true;
    for (char ch : code) {
      if (line_start && ch != '\n') out += '#';
      out += ch;
      line_start = ch == '\n';
    }
  }
  text = std::move(out);
  return skipped;
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
  // Each cell is parsed on its own too: joined, a cell that ends in the middle of a statement
  // (`x = # your code here`) would run on into the next one.
  std::vector<python::Note> skipped;
  python::SyntaxTree tree;
  if (!cells.empty() && text.find('\0') == std::string::npos)
    skipped = comment_out_cells(text, cells);
  auto source = std::make_shared<python::PythonSource>(std::move(text));
  source->set_cells(std::move(cells));
  if (!parse_source(*source, file, tree, error)) return false;
  python::Reading reading;
  reading.notes = std::move(skipped);
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
