// Reads Python source statically (tree-sitter; no interpreter, no TensorFlow): the Keras models
// the code builds with Sequential or the functional API, and the data it feeds each of them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/source.h"
#include "model/source_model.h"

namespace dimsum {

// Whether a file's first bytes look like Python source rather than JSON.
bool looks_like_python(std::string_view head);

namespace python {
class SyntaxTree;
}
// Parses `text` as Python source into `tree`. False with `error` ("train.py:3:5: invalid Python
// syntax ...", "...: a NUL byte: this is not a Python text file") when it is not Python.
bool parse_python_text(const std::string& text, const std::string& file, python::SyntaxTree& tree,
                       std::string& error);

// Reads the Python file at `path`. False with `error` ("train.py:3:5: invalid Python syntax ...",
// "train.py: no Keras model found ...") when it holds no model dimsum can follow.
bool read_python_file(const std::string& path, std::vector<SourceModel>& models,
                      std::string& error);
// The same for `text`; `file` names it in messages.
bool read_python_text(std::string text, const std::string& file, std::vector<SourceModel>& models,
                      std::string& error);
// The same for the code cells of a notebook (readers/notebook.h): `text` is their code, one cell
// after another, and `cells` says where each starts; positions are given in the cells.
bool read_python_cells(std::string text, std::vector<CellSpan> cells, const std::string& file,
                       std::vector<SourceModel>& models, std::string& error);

}  // namespace dimsum
