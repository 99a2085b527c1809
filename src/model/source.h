// The text of a model file with a line index, so that every reader's offsets become the
// line:column of diagnostics and a caret display. The JSON document and the Python reader's
// source both are one; a Model keeps its source alive, and with it what its layers point into.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dimsum/dimsum.h"

namespace dimsum {

struct SourcePosition {
  uint32_t line = 0;    // 1-based; 0 when unknown
  uint32_t column = 0;  // 1-based, in characters
};

// One code cell of a Jupyter notebook, in the text that the notebook's code cells make together
// (readers/notebook.h): positions in that text are given as the cell's and the line's in it.
struct CellSpan {
  uint32_t first_line = 1;  // the line of the text the cell's first line is, 1-based
  uint32_t number = 1;      // the cell's number in the notebook, 1-based, counting every cell
  // The indentation IPython removes from the cell's lines when its first line is indented (its
  // leading_indent transform): put back in the columns and the source lines shown.
  std::string indent;
};

class SourceText {
 public:
  SourceText() = default;
  explicit SourceText(std::string text) : text_(std::move(text)) {}
  virtual ~SourceText() = default;

  const std::string& text() const { return text_; }
  SourcePosition position(uint32_t offset) const;
  std::string_view line_text(uint32_t line) const;
  // Where `offset` is, for a diagnostic about `file`. Of a long line (a minified file is one
  // line), only the part around the column is kept, so that diagnostics do not each copy it.
  // In a notebook's text, the line is the line in its cell, which Location::cell names.
  Location location(const std::string& file, uint32_t offset) const;
  // The same as text for a message: "train.py:3:5", "train.ipynb:cell 7:3:5".
  std::string where(const std::string& file, uint32_t offset) const;
  // The line of `offset` in words, for a message: "line 3", "line 3 of cell 7".
  std::string line_name(uint32_t offset) const;

  // Makes this the text of a notebook's code cells, each starting where `cells` says (in the
  // order of the text); every position is then given in its cell.
  void set_cells(std::vector<CellSpan> cells) { cells_ = std::move(cells); }

 protected:
  void reset(std::string text);
  std::string& mutable_text() { return text_; }

 private:
  void index_lines() const;
  uint32_t characters_before(uint32_t offset) const;
  // The cell that line `line` of the text is in; nullptr outside a notebook.
  const CellSpan* cell_of(uint32_t line) const;

  std::string text_;
  std::vector<CellSpan> cells_;
  // Computed on the first position() call: where each line starts, and how many characters
  // come before every kCheckpoint-th byte, so that a column costs no more than a short count.
  mutable std::vector<uint32_t> line_starts_;
  mutable std::vector<uint32_t> checkpoints_;
};

}  // namespace dimsum
