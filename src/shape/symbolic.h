// Symbolic sizes: `--input-shape N,H,W,3` names sizes instead of fixing them, and every layer's
// arithmetic on them builds an exact integer expression: sums, products and floor division by a
// positive constant (ceiling division is floor((e + d - 1) / d)), which is all Keras' shape rules
// need. An expression is kept in a canonical form and interned in one process-wide table, so a
// Dim holding one stays 8 bytes (it holds the expression's id) and two Dims holding the same
// expression compare equal.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "shape/dim.h"

namespace dimsum {

// A valid symbol name: a Python identifier other than None (which means an unknown size).
bool is_symbol_name(std::string_view text);
// A character a symbol's name may hold: an ASCII letter, digit or underscore (not first: a digit).
constexpr bool is_symbol_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// A Dim holding the symbol `name` (which is_symbol_name).
Dim symbol_dim(std::string_view name);

// The symbol a Dim holds when it is exactly one symbol ("H"), otherwise empty.
std::string symbol_name(Dim dim);

// floor(dim / divisor) and ceil(dim / divisor), divisor > 0; known Dims give known results.
Dim floor_div(Dim dim, int64_t divisor);
Dim ceil_div(Dim dim, int64_t divisor);

// Arithmetic on Dims of which at least one is symbolic: the canonical sum or product, or an
// unknown Dim when the result would be too large to keep (numbers past 64 bits, huge products).
Dim symbolic_add(Dim a, Dim b);
Dim symbolic_mul(Dim a, Dim b);

// The expression as a person writes it: "floor((H - 3) / 2) + 1", "ceil(W / 2)", "64*H*W".
std::string symbolic_text(Dim dim);

// The symbols an expression mentions, by name.
std::set<std::string> symbols_in(Dim dim);

// The value for the given symbol values; nullopt if a symbol is missing or the arithmetic
// overflows. Known Dims give their value; unknown ones nullopt.
std::optional<int64_t> evaluate(Dim dim, const std::map<std::string, int64_t>& values);

// A read-only view of an expression's structure, for translating it to a solver.
struct SymbolicFactor {
  std::string symbol;  // a symbol, or empty for floor(numerator / divisor)
  Dim numerator;       // symbolic or known
  int64_t divisor = 0;
};
struct SymbolicTerm {
  int64_t coefficient = 0;
  std::vector<SymbolicFactor> factors;  // their product; a factor repeats for a power
};
struct SymbolicSum {
  std::vector<SymbolicTerm> terms;
  int64_t constant = 0;
};
// The expression of a symbolic Dim as a sum of terms plus a constant.
SymbolicSum symbolic_structure(Dim dim);

}  // namespace dimsum
