// The IPython syntax of a notebook's code cell, made Python as IPython does before it runs the
// cell (IPython.core.inputtransformer2), keeping every line where it is: a line of IPython syntax
// becomes `pass`, indented as it was, so that line numbers, and the blocks around it, stay.
//
// What IPython does, and what dimsum reads of it:
// - a line magic (%matplotlib inline, %time fit()), a shell line (!pip install), a help line
//   (model?, ??Dense), and the escapes /f x, ,f a, ;f a: at the start of a logical line, never
//   inside brackets, a string or a continued line. The line becomes `pass`: dimsum does not run
//   what a magic would.
// - x = !ls, x = %time f(): x is assigned something dimsum does not know (get_ipython()).
// - a cell magic (%%bash, %%writefile, %%timeit, ...) on the cell's first line: the cell's body
//   is handed to the magic as text, not run as the notebook's Python, so the whole cell is left
//   out; except %%time and %%capture, which run their body in the notebook's namespace (so what
//   it defines is there for the next cells): their body is read as Python. (%%timeit runs it
//   in a namespace of its own, and what it assigns is gone after it.)
// - a cell whose first line is indented has that indentation taken off its lines
//   (leading_indent); `indent` says what was taken.
#pragma once

#include <string>
#include <string_view>

namespace dimsum {

struct PythonCell {
  std::string code;    // as many lines as the cell has, each ending with a newline
  std::string indent;  // what was taken off each line that starts with it
};

// The Python that IPython runs for code cell `source`.
PythonCell python_of_cell(std::string_view source);

}  // namespace dimsum
