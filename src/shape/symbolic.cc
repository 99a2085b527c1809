#include "shape/symbolic.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <unordered_map>

namespace dimsum {

namespace {

// Beyond this many terms an expression is no longer something a person reads, and products of
// sums grow fast: the size becomes unknown instead.
constexpr size_t kMaxTerms = 32;

// One factor of a term: a symbol, or floor(numerator / divisor) of a symbolic expression.
struct Factor {
  std::string symbol;  // empty for a floor division
  uint32_t numerator = 0;
  int64_t divisor = 0;
  std::string key;  // canonical text: orders factors and terms the same way in every process
};

struct Term {
  int64_t coefficient = 0;
  std::vector<uint32_t> factors;  // factor ids, ordered by key; repeated for a power
};

// A sum of terms plus a constant; canonical when its terms are ordered, distinct and non-zero.
struct Expr {
  std::vector<Term> terms;
  int64_t constant = 0;
};

// Every expression and factor made so far, interned by canonical key. Process-wide because Dim
// arithmetic has no context to carry one; guarded because many files are checked at once. It
// only grows, by the distinct expressions of the models checked with symbols.
struct Table {
  std::mutex mutex;
  std::deque<Factor> factors;
  std::deque<Expr> exprs;
  std::unordered_map<std::string, uint32_t> factor_ids;
  std::unordered_map<std::string, uint32_t> expr_ids;
};

Table& table() {
  static Table* t = new Table;  // never destroyed: checks on other threads may outlive main
  return *t;
}

const std::string& key_of(const Table& t, uint32_t factor) { return t.factors[factor].key; }

bool term_before(const Table& t, const Term& a, const Term& b) {
  if (a.factors.size() != b.factors.size()) return a.factors.size() > b.factors.size();
  return std::lexicographical_compare(
      a.factors.begin(), a.factors.end(), b.factors.begin(), b.factors.end(),
      [&](uint32_t x, uint32_t y) { return key_of(t, x) < key_of(t, y); });
}

std::string expr_key(const Table& t, const Expr& e) {
  std::string key;
  for (const Term& term : e.terms) {
    key += std::to_string(term.coefficient);
    for (uint32_t f : term.factors) key += "*" + key_of(t, f);
    key += "+";
  }
  return key + std::to_string(e.constant);
}

Expr expr_of(const Table& t, Dim dim) {
  if (dim.symbolic()) return t.exprs[dim.expression()];
  return Expr{{}, dim.value()};
}

// Orders the terms and merges those with the same factors; nullopt when a coefficient overflows
// or the expression grows past kMaxTerms.
std::optional<Expr> normalize(const Table& t, Expr e) {
  std::sort(e.terms.begin(), e.terms.end(),
            [&](const Term& a, const Term& b) { return term_before(t, a, b); });
  // INT64_MIN has no magnitude in 64 bits, which printing a negative number needs.
  if (e.constant == INT64_MIN) return std::nullopt;
  Expr out{{}, e.constant};
  for (Term& term : e.terms) {
    if (term.coefficient == INT64_MIN) return std::nullopt;
    if (!out.terms.empty() && out.terms.back().factors == term.factors) {
      auto sum = checked_add(out.terms.back().coefficient, term.coefficient);
      if (!sum) return std::nullopt;
      out.terms.back().coefficient = *sum;
    } else {
      out.terms.push_back(std::move(term));
    }
    if (out.terms.back().coefficient == 0) out.terms.pop_back();
  }
  if (out.terms.size() > kMaxTerms) return std::nullopt;
  return out;
}

Dim intern(Table& t, const std::optional<Expr>& maybe) {
  if (!maybe) return Dim::unknown();
  auto e = normalize(t, *maybe);
  if (!e) return Dim::unknown();
  if (e->terms.empty()) return Dim(e->constant);  // unknown if it is not representable
  std::string key = expr_key(t, *e);
  auto [it, added] = t.expr_ids.emplace(key, static_cast<uint32_t>(t.exprs.size()));
  if (added) t.exprs.push_back(std::move(*e));
  return Dim::from_expression(it->second);
}

uint32_t intern_factor(Table& t, Factor f) {
  auto [it, added] = t.factor_ids.emplace(f.key, static_cast<uint32_t>(t.factors.size()));
  if (added) t.factors.push_back(std::move(f));
  return it->second;
}

std::optional<Expr> add(const Expr& a, const Expr& b) {
  auto constant = checked_add(a.constant, b.constant);
  if (!constant) return std::nullopt;
  Expr out{a.terms, *constant};
  out.terms.insert(out.terms.end(), b.terms.begin(), b.terms.end());
  return out;
}

std::optional<Expr> scale(const Expr& a, int64_t k) {
  Expr out{{}, 0};
  auto constant = checked_mul(a.constant, k);
  if (!constant) return std::nullopt;
  out.constant = *constant;
  for (const Term& term : a.terms) {
    auto c = checked_mul(term.coefficient, k);
    if (!c) return std::nullopt;
    out.terms.push_back(Term{*c, term.factors});
  }
  return out;
}

std::optional<Expr> multiply(const Table& t, const Expr& a, const Expr& b) {
  if (a.terms.size() * b.terms.size() > kMaxTerms) return std::nullopt;
  auto out = scale(a, b.constant);
  if (!out) return std::nullopt;
  for (const Term& y : b.terms) {
    auto part = scale(Expr{a.terms, 0}, y.coefficient);
    if (!part) return std::nullopt;
    for (Term& x : part->terms) {
      x.factors.insert(x.factors.end(), y.factors.begin(), y.factors.end());
      std::sort(x.factors.begin(), x.factors.end(),
                [&](uint32_t p, uint32_t q) { return key_of(t, p) < key_of(t, q); });
    }
    Expr y_times_constant{{Term{y.coefficient, y.factors}}, 0};
    auto constant_part = scale(y_times_constant, a.constant);
    if (!constant_part) return std::nullopt;
    auto sum = add(*out, *part);
    if (!sum) return std::nullopt;
    out = add(*sum, *constant_part);
    if (!out) return std::nullopt;
  }
  return normalize(t, *out);
}

// floor(a / d), d > 0, in canonical form: every coefficient and the constant reduced to [0, d)
// inside the division (the rest comes out whole), and a floor of a floor merged into one:
// floor((floor(n / e) + k) / d) = floor((n + k*e) / (e*d)).
std::optional<Expr> floor_divide(Table& t, const Expr& a, int64_t d) {
  if (d == 1) return a;
  Expr whole{{}, floor_div(a.constant, d)};
  Expr rest{{}, a.constant - whole.constant * d};
  for (const Term& term : a.terms) {
    int64_t q = floor_div(term.coefficient, d);
    int64_t r = term.coefficient - q * d;
    if (q != 0) whole.terms.push_back(Term{q, term.factors});
    if (r != 0) rest.terms.push_back(Term{r, term.factors});
  }
  if (rest.terms.empty()) return whole;  // 0 <= rest.constant < d
  if (rest.terms.size() == 1 && rest.terms[0].coefficient == 1 &&
      rest.terms[0].factors.size() == 1) {
    const Factor inner = t.factors[rest.terms[0].factors[0]];
    auto divisor = checked_mul(inner.divisor, d);
    auto shift = checked_mul(rest.constant, inner.divisor);
    if (inner.symbol.empty() && divisor && shift) {
      auto numerator = add(t.exprs[inner.numerator], Expr{{}, *shift});
      if (numerator) {
        auto merged = floor_divide(t, *numerator, *divisor);
        if (merged) return add(whole, *merged);
      }
    }
  }
  Dim numerator = intern(t, rest);
  if (!numerator.symbolic()) return std::nullopt;
  Factor f;
  f.numerator = numerator.expression();
  f.divisor = d;
  f.key = fmt::format("floor({}/{})", expr_key(t, t.exprs[f.numerator]), d);
  uint32_t id = intern_factor(t, std::move(f));
  return add(whole, Expr{{Term{1, {id}}}, 0});
}

std::string render(const Table& t, const Expr& e);

std::string render_factor(const Table& t, const Factor& f) {
  if (!f.symbol.empty()) return f.symbol;
  Expr n = t.exprs[f.numerator];
  std::string_view function = "floor";
  // floor((e + d - 1) / d) is how the canonical form keeps ceil(e / d): say it as written.
  if (n.constant == f.divisor - 1) {
    function = "ceil";
    n.constant = 0;
  }
  bool bare = n.constant == 0 && n.terms.size() == 1 && n.terms[0].coefficient == 1;
  std::string inner = render(t, n);
  return fmt::format("{}({} / {})", function, bare ? inner : "(" + inner + ")", f.divisor);
}

std::string render_term(const Table& t, const Term& term, int64_t magnitude) {
  std::string out = magnitude == 1 ? "" : std::to_string(magnitude);
  for (uint32_t f : term.factors) {
    if (!out.empty()) out += " * ";
    out += render_factor(t, t.factors[f]);
  }
  return out;
}

std::string render(const Table& t, const Expr& e) {
  std::string out;
  auto append = [&](int64_t signed_value, const std::string& magnitude_text) {
    bool negative = signed_value < 0;
    if (out.empty()) {
      out = (negative ? "-" : "") + magnitude_text;
    } else {
      out += (negative ? " - " : " + ") + magnitude_text;
    }
  };
  for (const Term& term : e.terms)
    append(term.coefficient, render_term(t, term, std::abs(term.coefficient)));
  if (e.constant != 0 || e.terms.empty()) append(e.constant, std::to_string(std::abs(e.constant)));
  return out;
}

void collect_symbols(const Table& t, const Expr& e, std::set<std::string>& symbols) {
  for (const Term& term : e.terms) {
    for (uint32_t id : term.factors) {
      const Factor& f = t.factors[id];
      if (f.symbol.empty())
        collect_symbols(t, t.exprs[f.numerator], symbols);
      else
        symbols.insert(f.symbol);
    }
  }
}

std::optional<int64_t> evaluate_expr(const Table& t, const Expr& e,
                                     const std::map<std::string, int64_t>& values) {
  std::optional<int64_t> total = e.constant;
  for (const Term& term : e.terms) {
    std::optional<int64_t> product = term.coefficient;
    for (uint32_t id : term.factors) {
      const Factor& f = t.factors[id];
      std::optional<int64_t> factor;
      if (!f.symbol.empty()) {
        auto it = values.find(f.symbol);
        if (it != values.end()) factor = it->second;
      } else if (auto n = evaluate_expr(t, t.exprs[f.numerator], values)) {
        factor = floor_div(*n, f.divisor);
      }
      if (!factor) return std::nullopt;
      product = checked_mul(*product, *factor);
      if (!product) return std::nullopt;
    }
    total = checked_add(*total, *product);
    if (!total) return std::nullopt;
  }
  return total;
}

}  // namespace

bool is_symbol_name(std::string_view text) {
  if (text.empty() || text == "None" || text == "none" || text == "null") return false;
  if (text[0] >= '0' && text[0] <= '9') return false;
  for (char c : text)
    if (!is_symbol_char(c)) return false;
  return true;
}

Dim symbol_dim(std::string_view name) {
  Table& t = table();
  std::lock_guard lock(t.mutex);
  Factor f;
  f.symbol = std::string(name);
  f.key = f.symbol;
  uint32_t id = intern_factor(t, std::move(f));
  return intern(t, Expr{{Term{1, {id}}}, 0});
}

std::string symbol_name(Dim dim) {
  if (!dim.symbolic()) return "";
  Table& t = table();
  std::lock_guard lock(t.mutex);
  const Expr& e = t.exprs[dim.expression()];
  if (e.constant != 0 || e.terms.size() != 1 || e.terms[0].coefficient != 1 ||
      e.terms[0].factors.size() != 1)
    return "";
  return t.factors[e.terms[0].factors[0]].symbol;
}

Dim floor_div(Dim dim, int64_t divisor) {
  if (dim.known()) return Dim(floor_div(dim.value(), divisor));
  if (!dim.symbolic()) return Dim::unknown();
  Table& t = table();
  std::lock_guard lock(t.mutex);
  return intern(t, floor_divide(t, expr_of(t, dim), divisor));
}

Dim ceil_div(Dim dim, int64_t divisor) {
  if (dim.known()) return Dim(-floor_div(-dim.value(), divisor));
  if (!dim.symbolic()) return Dim::unknown();
  Table& t = table();
  std::lock_guard lock(t.mutex);
  auto shifted = add(expr_of(t, dim), Expr{{}, divisor - 1});
  if (!shifted) return Dim::unknown();
  return intern(t, floor_divide(t, *shifted, divisor));
}

Dim symbolic_add(Dim a, Dim b) {
  if (!a.specified() || !b.specified()) return Dim::unknown();
  Table& t = table();
  std::lock_guard lock(t.mutex);
  return intern(t, add(expr_of(t, a), expr_of(t, b)));
}

Dim symbolic_mul(Dim a, Dim b) {
  if (!a.specified() || !b.specified()) return Dim::unknown();
  Table& t = table();
  std::lock_guard lock(t.mutex);
  return intern(t, multiply(t, expr_of(t, a), expr_of(t, b)));
}

std::string symbolic_text(Dim dim) {
  Table& t = table();
  std::lock_guard lock(t.mutex);
  return render(t, expr_of(t, dim));
}

std::set<std::string> symbols_in(Dim dim) {
  std::set<std::string> out;
  if (!dim.symbolic()) return out;
  Table& t = table();
  std::lock_guard lock(t.mutex);
  collect_symbols(t, t.exprs[dim.expression()], out);
  return out;
}

std::optional<int64_t> evaluate(Dim dim, const std::map<std::string, int64_t>& values) {
  if (dim.known()) return dim.value();
  if (!dim.symbolic()) return std::nullopt;
  Table& t = table();
  std::lock_guard lock(t.mutex);
  return evaluate_expr(t, t.exprs[dim.expression()], values);
}

SymbolicSum symbolic_structure(Dim dim) {
  if (!dim.symbolic()) return SymbolicSum{{}, dim.known() ? dim.value() : 0};
  Table& t = table();
  std::lock_guard lock(t.mutex);
  const Expr& e = t.exprs[dim.expression()];
  SymbolicSum out{{}, e.constant};
  for (const Term& term : e.terms) {
    SymbolicTerm& st = out.terms.emplace_back();
    st.coefficient = term.coefficient;
    for (uint32_t id : term.factors) {
      const Factor& f = t.factors[id];
      st.factors.push_back(SymbolicFactor{f.symbol, Dim::from_expression(f.numerator), f.divisor});
    }
  }
  return out;
}

}  // namespace dimsum
