#include "readers/ipython.h"

#include <algorithm>
#include <vector>

namespace dimsum {

namespace {

// The cell magics that run their body as the notebook's own Python, in its namespace.
constexpr std::string_view kPythonCellMagics[] = {"time", "capture"};

bool is_blank(std::string_view line) {
  return line.find_first_not_of(" \t\r\f") == std::string_view::npos;
}

std::string_view indentation(std::string_view line) {
  return line.substr(0, std::min(line.size(), line.find_first_not_of(" \t\f")));
}

// Where a line of Python source leaves the reader, as much as it takes to tell whether the next
// line starts a logical line: inside brackets, a triple-quoted string, or a line continued by a
// backslash, it does not.
class LineScanner {
 public:
  bool at_logical_start() const { return depth_ == 0 && !triple_ && !continued_; }

  // Reads one line (without its newline). Returns the last character of code on it, outside
  // strings and comments ('\0' when none), for a help line's trailing '?'.
  char scan(std::string_view line) {
    continued_ = false;
    char last = '\0';
    size_t i = 0;
    if (triple_) i = close_triple(line, 0);
    while (i < line.size()) {
      char c = line[i];
      if (c == '#') break;
      if (c == '\'' || c == '"') {
        last = c;
        i = string_from(line, i);
        continue;
      }
      if (c == '\\' && i + 1 == trimmed_size(line)) {
        continued_ = true;
        break;
      }
      if (c == '(' || c == '[' || c == '{') ++depth_;
      if ((c == ')' || c == ']' || c == '}') && depth_ > 0) --depth_;
      if (c != ' ' && c != '\t' && c != '\r' && c != '\f') last = c;
      ++i;
    }
    return last;
  }

 private:
  static size_t trimmed_size(std::string_view line) {
    size_t end = line.find_last_not_of(" \t\r\f");
    return end == std::string_view::npos ? 0 : end + 1;
  }

  // Past the string that starts at `i`; a triple-quoted one may go on to the next lines.
  size_t string_from(std::string_view line, size_t i) {
    char quote = line[i];
    if (line.substr(i, 3) == std::string(3, quote)) {
      triple_ = quote;
      return close_triple(line, i + 3);
    }
    for (++i; i < line.size(); ++i) {
      if (line[i] == '\\') {
        ++i;
        if (i >= trimmed_size(line)) continued_ = true;  // a string continued on the next line
        continue;
      }
      if (line[i] == quote) return i + 1;
    }
    return i;  // unterminated: not Python, which the parser says
  }

  // Past the end of the open triple-quoted string, from `i`; the line's end if it goes on.
  size_t close_triple(std::string_view line, size_t i) {
    std::string close(3, triple_);
    for (; i < line.size(); ++i) {
      if (line[i] == '\\') {
        ++i;
        continue;
      }
      if (line.substr(i, 3) == close) {
        triple_ = '\0';
        return i + 3;
      }
    }
    return line.size();
  }

  int depth_ = 0;
  char triple_ = '\0';  // the quote of the triple-quoted string open at the end of the line
  bool continued_ = false;
};

// x = !ls, x = %time f(): where the value starts after the first '=' outside brackets and
// strings, when it is IPython's; npos otherwise.
size_t escaped_assignment(std::string_view line) {
  int depth = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == '#' || c == '\'' || c == '"') return std::string_view::npos;
    if (c == '(' || c == '[' || c == '{') ++depth;
    if (c == ')' || c == ']' || c == '}') --depth;
    if (c != '=' || depth != 0) continue;
    bool compares =
        (i + 1 < line.size() && line[i + 1] == '=') ||
        (i > 0 && std::string_view("=!<>+-*/%&|^@:").find(line[i - 1]) != std::string_view::npos);
    if (compares) return std::string_view::npos;  // ==, !=, +=, :=, ...: not IPython's
    size_t value = line.find_first_not_of(" \t", i + 1);
    if (value != std::string_view::npos && (line[value] == '!' || line[value] == '%')) return i + 1;
    return std::string_view::npos;
  }
  return std::string_view::npos;
}

bool ends_with_backslash(std::string_view line) {
  size_t last = line.find_last_not_of(" \t\r\f");
  return last != std::string_view::npos && line[last] == '\\';
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// Whether the cell, from its first line that is not blank, is a cell magic whose body is not
// the notebook's Python; false with `first` set to that line when its body is Python.
bool skipped_cell_magic(const std::vector<std::string>& lines, size_t& first) {
  for (first = 0; first < lines.size() && is_blank(lines[first]); ++first) {
  }
  if (first == lines.size() || !std::string_view(lines[first]).starts_with("%%")) {
    first = lines.size();
    return false;
  }
  std::string_view magic = std::string_view(lines[first]).substr(2);
  magic = magic.substr(0, magic.find_first_of(" \t\r"));
  for (std::string_view name : kPythonCellMagics)
    if (magic == name) return false;
  return true;
}

}  // namespace

PythonCell python_of_cell(std::string_view source) {
  PythonCell cell;
  std::vector<std::string> lines;
  for (std::string_view line : split_lines(source)) lines.emplace_back(line);
  // leading_indent: the indentation of the first line that is not blank comes off every line
  // that starts with it.
  for (const std::string& line : lines) {
    if (is_blank(line)) continue;
    cell.indent = std::string(indentation(line));
    break;
  }
  if (!cell.indent.empty())
    for (std::string& line : lines)
      if (line.starts_with(cell.indent)) line.erase(0, cell.indent.size());
  size_t magic_line = lines.size();
  if (skipped_cell_magic(lines, magic_line)) {
    for (std::string& line : lines) line.clear();
  } else if (magic_line < lines.size()) {
    lines[magic_line].clear();  // %%time: the body that follows is the cell's code
  }
  LineScanner scanner;
  bool escape_continues = false;  // the previous line was IPython's, continued by a backslash
  for (std::string& line : lines) {
    bool starts = scanner.at_logical_start();
    std::string_view code = std::string_view(line).substr(indentation(line).size());
    if (escape_continues) {  // the rest of a command: nothing for Python
      escape_continues = ends_with_backslash(line);
      line.clear();
      continue;
    }
    char last = scanner.scan(line);
    if (!starts || code.empty()) continue;
    bool escaped = std::string_view("!%?/,;").find(code.front()) != std::string_view::npos;
    bool help = last == '?' && scanner.at_logical_start();
    size_t value = escaped || help ? std::string::npos : escaped_assignment(line);
    if (!escaped && !help && value == std::string::npos) continue;
    // The command's line may go on past a backslash; what it holds is IPython's, not code.
    escape_continues = ends_with_backslash(line);
    scanner = LineScanner();
    if (value == std::string::npos)
      line = std::string(indentation(line)) + "pass";
    else
      line = line.substr(0, value) + " get_ipython()";
  }
  for (const std::string& line : lines) cell.code += line + '\n';
  return cell;
}

}  // namespace dimsum
