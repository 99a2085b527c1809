#include "readers/notebook.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "python/python.h"
#include "readers/ipython.h"
#include "readers/json.h"
#include "readers/source.h"

namespace dimsum {

namespace {

// A notebook's cells, each with its number as Jupyter shows it: 1-based, every cell counted.
struct NumberedCell {
  const json::Value* cell = nullptr;
  uint32_t number = 0;
  bool v3 = false;  // nbformat 3 keeps a code cell's code under "input"
};

class NotebookReader {
 public:
  NotebookReader(const json::Document& document, const std::string& file, std::string& error)
      : document_(document), file_(file), error_(error) {}

  bool read(NotebookCode& code) {
    const json::Value& root = document_.root();
    if (!root.is_object())
      return fail(root, fmt::format("not a Jupyter notebook: the file holds {}, where a "
                                    "notebook is an object with a \"cells\" list",
                                    json::kind_name(root.kind)));
    std::vector<NumberedCell> cells;
    if (!language_is_python(root) || !list_cells(root, cells)) return false;
    for (const NumberedCell& c : cells)
      if (!add_cell(c, code)) return false;
    return true;
  }

 private:
  bool fail(const json::Value& at, std::string message) {
    error_ = fmt::format("{}: {}", document_.where(file_, at.offset), message);
    return false;
  }

  // A notebook of another kernel (R, Julia) is refused rather than read as Python.
  bool language_is_python(const json::Value& root) {
    const json::Value* metadata = root.find("metadata");
    if (!metadata) return true;
    const json::Value* language = nullptr;
    if (const json::Value* info = metadata->find("language_info")) language = info->find("name");
    if (!language || !language->is_string())
      if (const json::Value* kernel = metadata->find("kernelspec"))
        language = kernel->find("language");
    if (!language || !language->is_string()) return true;
    std::string name(language->text());
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (name == "python" || name.starts_with("python")) return true;
    return fail(*language, fmt::format("is a notebook in {} (its kernel's language); dimsum reads "
                                       "Python notebooks",
                                       language->text()));
  }

  // nbformat 4 lists the cells under "cells"; nbformat 3 under each of its "worksheets", which
  // Jupyter shows one after another.
  bool list_cells(const json::Value& root, std::vector<NumberedCell>& cells) {
    const json::Value* version = root.find("nbformat");
    if (version && !version->as_integer())
      return fail(*version, fmt::format("\"nbformat\" is {}, where a notebook gives its format's "
                                        "version as a whole number",
                                        json::kind_name(version->kind)));
    int64_t major = version ? *version->as_integer() : 0;
    if (version && major < 3)
      return fail(*version, fmt::format("a notebook of nbformat {}, which is older than dimsum "
                                        "reads (3 and 4); open and save it in Jupyter to update "
                                        "it",
                                        major));
    const json::Value* list = root.find("cells");
    if (list || major >= 4) return add_list(list, root, "\"cells\"", false, cells);
    const json::Value* sheets = root.find("worksheets");
    if (!sheets)
      return fail(root,
                  "not a Jupyter notebook: it has no \"cells\" list (nbformat 4) nor "
                  "\"worksheets\" (nbformat 3)");
    if (!sheets->is_array())
      return fail(*sheets, fmt::format("\"worksheets\" is {}, where a notebook has a list",
                                       json::kind_name(sheets->kind)));
    for (const json::Value& sheet : sheets->items()) {
      if (!sheet.is_object())
        return fail(sheet, fmt::format("a worksheet is {}, where a notebook has an object",
                                       json::kind_name(sheet.kind)));
      if (!add_list(sheet.find("cells"), sheet, "the worksheet's \"cells\"", true, cells))
        return false;
    }
    return true;
  }

  bool add_list(const json::Value* list, const json::Value& owner, std::string_view what, bool v3,
                std::vector<NumberedCell>& cells) {
    if (!list) return fail(owner, fmt::format("not a Jupyter notebook: {} is missing", what));
    if (!list->is_array())
      return fail(*list, fmt::format("{} is {}, where a notebook has a list of cells", what,
                                     json::kind_name(list->kind)));
    for (const json::Value& cell : list->items())
      cells.push_back({&cell, static_cast<uint32_t>(cells.size() + 1), v3});
    return true;
  }

  bool add_cell(const NumberedCell& c, NotebookCode& code) {
    const json::Value& cell = *c.cell;
    if (!cell.is_object())
      return fail(cell, fmt::format("cell {} is {}, where a notebook's cell is an object", c.number,
                                    json::kind_name(cell.kind)));
    const json::Value* type = cell.find("cell_type");
    if (!type || !type->is_string())
      return fail(type ? *type : cell,
                  fmt::format("cell {} has no \"cell_type\" string (\"code\", \"markdown\" or "
                              "\"raw\")",
                              c.number));
    if (type->text() != "code") return true;
    std::string_view key = c.v3 ? "input" : "source";
    const json::Value* source = cell.find(key);
    if (!source) return fail(cell, fmt::format("code cell {} has no \"{}\"", c.number, key));
    std::string text;
    if (!source_text(*source, c.number, text)) return false;
    PythonCell python = python_of_cell(text);
    if (python.code.empty()) return true;  // a cell without lines holds no position
    code.cells.push_back(CellSpan{lines_ + 1, c.number, std::move(python.indent)});
    code.text += python.code;
    lines_ += static_cast<uint32_t>(std::count(python.code.begin(), python.code.end(), '\n'));
    return true;
  }

  // A cell's source is a string, or a list of strings joined as they are (each line but the
  // last ends with its newline).
  bool source_text(const json::Value& source, uint32_t number, std::string& text) {
    if (source.is_string()) {
      text = source.text();
      return true;
    }
    auto wrong = [&](const json::Value& at) {
      return fail(at, fmt::format("the source of cell {} is {}, where a notebook has a string "
                                  "or a list of strings",
                                  number, json::kind_name(at.kind)));
    };
    if (!source.is_array()) return wrong(source);
    for (const json::Value& line : source.items()) {
      if (!line.is_string()) return wrong(line);
      text += line.text();
    }
    return true;
  }

  const json::Document& document_;
  const std::string& file_;
  std::string& error_;
  uint32_t lines_ = 0;  // in the code of the cells read so far
};

}  // namespace

bool looks_like_notebook(std::string_view head) {
  size_t first = head.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || head[first] != '{') return false;
  size_t key = head.find_first_not_of(" \t\r\n", first + 1);
  return (key != std::string_view::npos && head.substr(key).starts_with("\"cells\"")) ||
         head.find("\"nbformat\"") != std::string_view::npos ||
         head.find("\"worksheets\"") != std::string_view::npos;
}

bool read_notebook_code(std::string text, const std::string& file, NotebookCode& code,
                        std::string& error) {
  json::Document document;
  if (!document.parse(std::move(text), error)) {
    error = fmt::format("{}:{}", file, error);
    return false;
  }
  return NotebookReader(document, file, error).read(code);
}

bool read_notebook_text(std::string text, const std::string& file, std::vector<SourceModel>& models,
                        std::string& error) {
  NotebookCode code;
  return read_notebook_code(std::move(text), file, code, error) &&
         read_python_cells(std::move(code.text), std::move(code.cells), file, models, error);
}

bool read_notebook_file(const std::string& path, std::vector<SourceModel>& models,
                        std::string& error) {
  std::string text;
  return read_text_file(path, text, error) &&
         read_notebook_text(std::move(text), path, models, error);
}

}  // namespace dimsum
