#include "model/source.h"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

namespace dimsum {

namespace {

constexpr uint32_t kCheckpoint = 256;
constexpr size_t kHalfWindow = 400;  // bytes kept either side of a column on a long line

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

void SourceText::reset(std::string text) {
  text_ = std::move(text);
  line_starts_.clear();
  checkpoints_.clear();
}

void SourceText::index_lines() const {
  if (!line_starts_.empty()) return;
  line_starts_.push_back(0);
  uint32_t characters = 0;
  for (uint32_t i = 0; i <= text_.size(); ++i) {
    if (i % kCheckpoint == 0) checkpoints_.push_back(characters);
    if (i == text_.size()) break;
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
    if (!is_continuation(text_[i])) ++characters;
  }
}

uint32_t SourceText::characters_before(uint32_t offset) const {
  uint32_t count = checkpoints_[offset / kCheckpoint];
  for (uint32_t i = offset / kCheckpoint * kCheckpoint; i < offset; ++i)
    if (!is_continuation(text_[i])) ++count;
  return count;
}

SourcePosition SourceText::position(uint32_t offset) const {
  index_lines();
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text_.size()));
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  uint32_t line = static_cast<uint32_t>(it - line_starts_.begin());
  uint32_t start = line_starts_[line - 1];
  return {line, characters_before(offset) - characters_before(start) + 1};
}

Location SourceText::location(const std::string& file, uint32_t offset) const {
  SourcePosition pos = position(offset);
  std::string_view line = line_text(pos.line);
  uint32_t line_start = line_starts_[pos.line - 1];
  size_t at = std::min<size_t>(offset, text_.size()) - line_start;
  size_t from = at > kHalfWindow ? at - kHalfWindow : 0;
  while (from > 0 && from < line.size() && is_continuation(line[from])) --from;
  size_t to = std::min(line.size(), at + kHalfWindow);
  while (to < line.size() && is_continuation(line[to])) ++to;
  from = std::min(from, to);
  uint32_t skipped =
      characters_before(line_start + static_cast<uint32_t>(from)) - characters_before(line_start);
  Location location{file, pos.line, pos.column, std::string(line.substr(from, to - from)), skipped};
  if (const CellSpan* cell = cell_of(pos.line)) {
    location.cell = cell->number;
    location.line = pos.line - cell->first_line + 1;
    // The indentation IPython took off the cell's lines is still in the notebook: count it, and
    // show the line as the notebook has it. A blank line kept its own.
    if (!line.empty() && !cell->indent.empty()) {
      auto width = static_cast<uint32_t>(cell->indent.size());  // spaces and tabs: one byte each
      location.column += width;
      if (skipped == 0)
        location.source_line.insert(0, cell->indent);
      else
        location.source_start += width;
    }
  }
  return location;
}

std::string SourceText::where(const std::string& file, uint32_t offset) const {
  return to_string(location(file, offset));
}

std::string SourceText::line_name(uint32_t offset) const {
  uint32_t line = position(offset).line;
  const CellSpan* cell = cell_of(line);
  if (!cell) return fmt::format("line {}", line);
  return fmt::format("line {} of cell {}", line - cell->first_line + 1, cell->number);
}

const CellSpan* SourceText::cell_of(uint32_t line) const {
  // The last cell that starts at or before the line: a cell without lines starts where the next
  // one does, and holds none of them.
  auto after = std::upper_bound(cells_.begin(), cells_.end(), line,
                                [](uint32_t l, const CellSpan& c) { return l < c.first_line; });
  return after == cells_.begin() ? nullptr : &*std::prev(after);
}

std::string to_string(const Location& location) {
  if (location.cell == 0)
    return fmt::format("{}:{}:{}", location.file, location.line, location.column);
  return fmt::format("{}:cell {}:{}:{}", location.file, location.cell, location.line,
                     location.column);
}

std::string line_words(const Location& location) {
  if (location.cell == 0) return fmt::format("line {}", location.line);
  return fmt::format("line {} of cell {}", location.line, location.cell);
}

std::string_view SourceText::line_text(uint32_t line) const {
  index_lines();
  if (line == 0 || line > line_starts_.size()) return {};
  uint32_t start = line_starts_[line - 1];
  size_t end = text_.find('\n', start);
  if (end == std::string::npos) end = text_.size();
  std::string_view text = std::string_view(text_).substr(start, end - start);
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return text;
}

}  // namespace dimsum
