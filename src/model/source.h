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
  Location location(const std::string& file, uint32_t offset) const;

 protected:
  void reset(std::string text);
  std::string& mutable_text() { return text_; }

 private:
  void index_lines() const;
  uint32_t characters_before(uint32_t offset) const;

  std::string text_;
  // Computed on the first position() call: where each line starts, and how many characters
  // come before every kCheckpoint-th byte, so that a column costs no more than a short count.
  mutable std::vector<uint32_t> line_starts_;
  mutable std::vector<uint32_t> checkpoints_;
};

}  // namespace dimsum
