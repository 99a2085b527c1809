// Jupyter notebooks (.ipynb, nbformat 4, and nbformat 3's worksheets): the code cells, in
// order, read as one Python program, as a kernel that runs them top to bottom does. IPython's
// own syntax (magics, shell lines) is made Python as IPython makes it (readers/ipython.h), and
// positions name the cell and the line in it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/source.h"
#include "model/source_model.h"

namespace dimsum {

// Whether a file's first bytes are a notebook's JSON: an object whose first key is "cells"
// (nbformat 4 sorts its keys), or that names "nbformat" or "worksheets" this early.
bool looks_like_notebook(std::string_view head);

// The code of a notebook's code cells, one after another, and where each starts.
struct NotebookCode {
  std::string text;
  std::vector<CellSpan> cells;
};

// Reads notebook JSON `text` (the file `file`) into `code`. False with `error`
// ("nb.ipynb:12:7: the source of cell 3 is a number ...") when it is not a notebook.
bool read_notebook_code(std::string text, const std::string& file, NotebookCode& code,
                        std::string& error);

// The models a notebook builds, as read_python_text gives those of a Python file.
bool read_notebook_text(std::string text, const std::string& file, std::vector<SourceModel>& models,
                        std::string& error);
bool read_notebook_file(const std::string& path, std::vector<SourceModel>& models,
                        std::string& error);

}  // namespace dimsum
