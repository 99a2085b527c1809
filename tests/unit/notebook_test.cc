// Jupyter notebooks: IPython's syntax made Python as IPython does (IPython 8's
// inputtransformer2: escapes at the start of a logical line only, cell magics on the first line,
// leading_indent), every line kept in its place, and positions given in their cells.
#include <gtest/gtest.h>

#include <string>

#include "model/source.h"
#include "readers/ipython.h"
#include "readers/notebook.h"

namespace dimsum {
namespace {

TEST(IPython, EscapedLinesBecomePassAtTheirIndentation) {
  PythonCell cell = python_of_cell(
      "%matplotlib inline\n"
      "!pip install -q tensorflow\n"
      "model?\n"
      "??layers.Dense\n"
      "for i in range(2):\n"
      "    %time f(i)\n"
      "/print 1 2\n"
      "x = 1\n");
  EXPECT_EQ(cell.code, "pass\npass\npass\npass\nfor i in range(2):\n    pass\npass\nx = 1\n");
  EXPECT_EQ(cell.indent, "");
}

TEST(IPython, OnlyAtTheStartOfALogicalLine) {
  // != starting a line inside brackets, text in a triple-quoted string, and a '?' in a comment
  // or a string are Python's, not IPython's.
  std::string code =
      "same = (a\n"
      "        != b)\n"
      "note = \"\"\"\n"
      "%not a magic\n"
      "!nor a shell line\n"
      "\"\"\"\n"
      "x = 1  # why?\n"
      "y = 'what?'\n"
      "z = 1 + \\\n"
      "%2\n";
  EXPECT_EQ(python_of_cell(code).code, code);
}

TEST(IPython, AssignmentsFromTheShellOrAMagic) {
  EXPECT_EQ(python_of_cell("files = !ls data\n").code, "files = get_ipython()\n");
  EXPECT_EQ(python_of_cell("  t = %timeit f()\n").code, "t = get_ipython()\n");
  // Comparisons and augmented assignments are not IPython's.
  EXPECT_EQ(python_of_cell("a = b != c\n").code, "a = b != c\n");
  EXPECT_EQ(python_of_cell("a += 1\n").code, "a += 1\n");
}

TEST(IPython, AShellLineContinuedByABackslash) {
  EXPECT_EQ(python_of_cell("!pip install \\\n    keras \\\n    numpy\nx = 1\n").code,
            "pass\n\n\nx = 1\n");
}

TEST(IPython, CellMagics) {
  // The body of %%bash, %%writefile, %%timeit is the magic's text, not the notebook's code.
  EXPECT_EQ(python_of_cell("%%bash\nls (\n").code, "\n\n");
  EXPECT_EQ(python_of_cell("\n%%writefile a.py\ndef f(:\n").code, "\n\n\n");
  EXPECT_EQ(python_of_cell("%%timeit\ny = 1\n").code, "\n\n");
  // %%time and %%capture run theirs in the notebook's namespace: it is Python (and IPython's).
  EXPECT_EQ(python_of_cell("%%time\ny = 1\n!ls\n").code, "\ny = 1\npass\n");
  EXPECT_EQ(python_of_cell("%%capture out\ny = 1\n").code, "\ny = 1\n");
  // Only on the cell's first line that is not blank.
  EXPECT_EQ(python_of_cell("x = 1\n%%bash\n").code, "x = 1\npass\n");
}

TEST(IPython, AnIndentedCellLosesItsIndentation) {
  PythonCell cell = python_of_cell("\n  x = 1\n  if x:\n      y = 2\n");
  EXPECT_EQ(cell.code, "\nx = 1\nif x:\n    y = 2\n");
  EXPECT_EQ(cell.indent, "  ");
}

TEST(Notebook, CellsAreNumberedAsJupyterShowsThem) {
  std::string text = R"({"cells": [
    {"cell_type": "markdown", "metadata": {}, "source": ["# title"]},
    {"cell_type": "code", "metadata": {}, "outputs": [], "source": ["import keras\n", "x = 1"]},
    {"cell_type": "code", "metadata": {}, "outputs": [], "source": ""},
    {"cell_type": "raw", "metadata": {}, "source": "raw"},
    {"cell_type": "code", "metadata": {}, "outputs": [], "source": "  y = 2\n  z = 3\n"}
  ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})";
  NotebookCode code;
  std::string error;
  ASSERT_TRUE(read_notebook_code(text, "nb.ipynb", code, error)) << error;
  EXPECT_EQ(code.text, "import keras\nx = 1\ny = 2\nz = 3\n");
  ASSERT_EQ(code.cells.size(), 2u);  // the empty cell has no line to point at
  EXPECT_EQ(code.cells[0].first_line, 1u);
  EXPECT_EQ(code.cells[0].number, 2u);
  EXPECT_EQ(code.cells[1].first_line, 3u);
  EXPECT_EQ(code.cells[1].number, 5u);

  SourceText source(code.text);
  source.set_cells(code.cells);
  Location x = source.location("nb.ipynb", static_cast<uint32_t>(code.text.find("x = 1")));
  EXPECT_EQ(to_string(x), "nb.ipynb:cell 2:2:1");
  EXPECT_EQ(x.source_line, "x = 1");
  // The indentation IPython took off is in the notebook's columns and lines.
  Location z = source.location("nb.ipynb", static_cast<uint32_t>(code.text.find("3")));
  EXPECT_EQ(to_string(z), "nb.ipynb:cell 5:2:7");
  EXPECT_EQ(z.source_line, "  z = 3");
  EXPECT_EQ(line_words(z), "line 2 of cell 5");
  EXPECT_EQ(source.line_name(static_cast<uint32_t>(code.text.find("y"))), "line 1 of cell 5");
  EXPECT_EQ(source.where("nb.ipynb", 0), "nb.ipynb:cell 2:1:1");
}

TEST(Notebook, Nbformat3WorksheetsFollowOneAnother) {
  std::string text = R"({"metadata": {}, "nbformat": 3, "nbformat_minor": 0, "worksheets": [
    {"cells": [{"cell_type": "heading", "level": 1, "source": "t"},
               {"cell_type": "code", "input": ["a = 1\n"], "language": "python"}]},
    {"cells": [{"cell_type": "code", "input": "b = 2", "language": "python"}]}]})";
  NotebookCode code;
  std::string error;
  ASSERT_TRUE(read_notebook_code(text, "old.ipynb", code, error)) << error;
  EXPECT_EQ(code.text, "a = 1\nb = 2\n");
  ASSERT_EQ(code.cells.size(), 2u);
  EXPECT_EQ(code.cells[1].number, 3u);
  EXPECT_EQ(code.cells[1].first_line, 2u);
}

TEST(Notebook, WrongTypesAreSaidWhereTheyAre) {
  NotebookCode code;
  std::string error;
  EXPECT_FALSE(read_notebook_code("{\"cells\": [\n {\"cell_type\": \"code\", \"source\": [1]}]}",
                                  "bad.ipynb", code, error));
  EXPECT_EQ(error,
            "bad.ipynb:2:35: the source of cell 1 is a number, where a notebook has a string or a "
            "list of strings");
  EXPECT_FALSE(read_notebook_code("{\"cells\": 3}", "bad.ipynb", code, error));
  EXPECT_EQ(error, "bad.ipynb:1:11: \"cells\" is a number, where a notebook has a list of cells");
}

TEST(Notebook, RecognisedByItsFirstBytes) {
  EXPECT_TRUE(looks_like_notebook("{\n \"cells\": [\n"));
  EXPECT_TRUE(looks_like_notebook("{\"metadata\": {}, \"nbformat\": 3, \"worksheets\": []}"));
  EXPECT_FALSE(looks_like_notebook("{\"class_name\": \"Sequential\", \"config\": {}}"));
  EXPECT_FALSE(looks_like_notebook("[{\"cells\": 1}]"));
}

}  // namespace
}  // namespace dimsum
