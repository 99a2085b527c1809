// `dimsum domain`: which sizes a model accepts, decided exactly without a solver.
//
// A condition on one symbol s is built from sums, constant multiples and floor divisions by
// constants. With P the least common multiple of every divisor (and of every modulus a
// condition asks for), each such expression is affine on each residue class: for s = P*q + r,
// floor((k*s + c) / d) = k*(P/d)*q + floor((k*r + c) / d), and sums of affine functions are
// affine. So two evaluations per class (q = 0 and q = 1) give the expression exactly, and each
// condition becomes a half-line, a point or nothing in q: the sizes that work are, exactly, one
// interval of q per residue class. A size squared (a Flatten of an S x S map with one symbol for
// both) is not affine; dimsum then lists the sizes that work up to a limit and says so.
#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "dimsum/dimsum.h"
#include "shape/symbolic.h"

namespace dimsum {

namespace {

// A period beyond this is not analysed class by class (a chain of many strides): the sizes that
// work are listed up to SymbolDomain::kUndecidedLimit instead.
constexpr int64_t kMaxPeriod = 4096;
// The most sizes a finite domain lists.
constexpr size_t kMaxListed = 1000;

using Conditions = std::vector<const SizeCondition*>;

// The highest power of the symbol in an expression on one symbol.
int degree(Dim dim) {
  if (!dim.symbolic()) return 0;
  int most = 0;
  for (const SymbolicTerm& term : symbolic_structure(dim).terms) {
    int d = 0;
    for (const SymbolicFactor& f : term.factors) d += f.symbol.empty() ? degree(f.numerator) : 1;
    most = std::max(most, d);
  }
  return most;
}

std::optional<int64_t> value_at(Dim dim, const std::string& symbol, int64_t size) {
  return evaluate(dim, {{symbol, size}});
}

bool holds_at(const SizeCondition& c, const std::string& symbol, int64_t size) {
  auto lhs = value_at(c.lhs, symbol, size);
  auto rhs = value_at(c.rhs, symbol, size);
  return lhs && rhs && holds(c.kind, *lhs, *rhs);
}

// The sizes s = period*q + r that work, for one residue r: every q in [lo, hi], or only the
// `points` among them (a merge that broadcasts holds at a few sizes).
struct ClassRange {
  bool empty = false;
  int64_t lo = 0;
  std::optional<int64_t> hi;  // nullopt: no upper end
  std::optional<std::vector<int64_t>> points;

  bool has(int64_t q) const {
    return !empty && q >= lo && (!hi || q <= *hi) &&
           (!points || std::find(points->begin(), points->end(), q) != points->end());
  }
  bool bounded() const { return hi.has_value() || points.has_value(); }
  // Keeps only `keep` of the sizes.
  void only(const std::vector<int64_t>& keep) {
    std::vector<int64_t> kept;
    for (int64_t q : keep)
      if (has(q) && std::find(kept.begin(), kept.end(), q) == kept.end()) kept.push_back(q);
    std::sort(kept.begin(), kept.end());
    points = kept;
    empty = kept.empty();
  }
};

struct Classes {
  int64_t period = 1;
  std::vector<ClassRange> ranges;  // by residue

  bool works(int64_t size) const {
    return size >= 1 && ranges[static_cast<size_t>(size % period)].has(size / period);
  }
  bool none() const {
    return std::all_of(ranges.begin(), ranges.end(), [](const ClassRange& c) { return c.empty; });
  }
};

std::optional<int64_t> lcm_within(int64_t a, int64_t b) {
  int64_t l = std::lcm(a, b);
  if (l <= 0 || l > kMaxPeriod) return std::nullopt;
  return l;
}

std::optional<int64_t> period_of(const Conditions& conditions) {
  int64_t period = 1;
  for (const SizeCondition* c : conditions) {
    std::set<int64_t> divisors = divisors_in(c->lhs);
    divisors.merge(divisors_in(c->rhs));
    if (c->kind == SizeCondition::Kind::kMultipleOf && c->rhs.known())
      divisors.insert(c->rhs.value());
    for (int64_t d : divisors) {
      auto next = lcm_within(period, d);
      if (!next) return std::nullopt;
      period = *next;
    }
  }
  // A multiple of a modulus m stays a multiple when q grows only if every term's step is too:
  // the period times m covers both.
  for (const SizeCondition* c : conditions) {
    if (c->kind != SizeCondition::Kind::kMultipleOf || !c->rhs.known()) continue;
    auto next = checked_mul(period, c->rhs.value());
    if (!next || *next > kMaxPeriod) return std::nullopt;
    period = *next;
  }
  return period;
}

// The q where alpha*q + beta == 0: every q (nullopt), or the one q if it is an integer, or none.
std::optional<std::vector<int64_t>> roots(int64_t alpha, int64_t beta) {
  if (alpha == 0) return beta == 0 ? std::nullopt : std::optional(std::vector<int64_t>{});
  if (beta % alpha != 0) return std::vector<int64_t>{};
  return std::vector<int64_t>{-beta / alpha};
}

// Narrows `range` to the q where condition `c` holds, from its two sides at q = 0 (l0, r0) and
// q = 1 (l1, r1): both are affine in q. False when the arithmetic overflows.
bool narrow(ClassRange& range, const SizeCondition& c, int64_t l0, int64_t r0, int64_t l1,
            int64_t r1) {
  auto lstep = checked_add(l1, -l0), rstep = checked_add(r1, -r0);
  auto beta = checked_add(l0, -r0);
  if (l0 == INT64_MIN || r0 == INT64_MIN || !lstep || !rstep || !beta || *rstep == INT64_MIN)
    return false;
  auto alpha = checked_add(*lstep, -*rstep);  // lhs - rhs = alpha*q + beta
  if (!alpha) return false;
  auto lower = [&](int64_t q) { range.lo = std::max(range.lo, q); };
  auto upper = [&](int64_t q) { range.hi = range.hi ? std::min(*range.hi, q) : q; };
  switch (c.kind) {
    case SizeCondition::Kind::kAtLeast:  // alpha*q + beta >= 0
      if (*alpha > 0)
        lower(-floor_div(*beta, *alpha));
      else if (*alpha < 0)
        upper(floor_div(*beta, -*alpha));
      else if (*beta < 0)
        range.empty = true;
      break;
    case SizeCondition::Kind::kEqual:
      if (auto q = roots(*alpha, *beta)) range.only(*q);
      break;
    case SizeCondition::Kind::kMultipleOf:  // the period makes lhs's step a multiple of rhs
      if (r0 <= 0 || *lstep % r0 != 0) return false;
      if (l0 % r0 != 0) range.empty = true;
      break;
    case SizeCondition::Kind::kBroadcasts: {
      auto equal = roots(*alpha, *beta), lhs_one = roots(*lstep, l0 - 1),
           rhs_one = roots(*rstep, r0 - 1);
      if (!equal || !lhs_one || !rhs_one) break;  // holds at every q of the class
      std::vector<int64_t> q = *equal;
      q.insert(q.end(), lhs_one->begin(), lhs_one->end());
      q.insert(q.end(), rhs_one->begin(), rhs_one->end());
      range.only(q);
      break;
    }
  }
  if (range.hi && range.lo > *range.hi) range.empty = true;
  return true;
}

// The sizes that meet `conditions`, exactly; nullopt when they are not affine on residue classes
// of a small period.
std::optional<Classes> classes_of(const std::string& symbol, const Conditions& conditions) {
  for (const SizeCondition* c : conditions)
    if (degree(c->lhs) > 1 || degree(c->rhs) > 1) return std::nullopt;
  auto period = period_of(conditions);
  if (!period) return std::nullopt;
  Classes out;
  out.period = *period;
  for (int64_t r = 0; r < *period; ++r) {
    ClassRange range;
    range.lo = r == 0 ? 1 : 0;  // sizes start at 1
    for (const SizeCondition* c : conditions) {
      if (range.empty) break;
      auto l0 = value_at(c->lhs, symbol, r), r0 = value_at(c->rhs, symbol, r);
      auto l1 = value_at(c->lhs, symbol, r + *period), r1 = value_at(c->rhs, symbol, r + *period);
      if (!l0 || !r0 || !l1 || !r1 || !narrow(range, *c, *l0, *r0, *l1, *r1)) return std::nullopt;
    }
    out.ranges.push_back(range);
  }
  return out;
}

// The smallest modulus (a divisor of the period) that tells the same residues apart.
void reduce_modulus(SymbolDomain& d, const std::vector<bool>& periodic) {
  int64_t period = static_cast<int64_t>(periodic.size());
  for (int64_t g = 1; g <= period; ++g) {
    if (period % g != 0) continue;
    bool same = true;
    for (int64_t r = 0; same && r < period; ++r)
      same = periodic[static_cast<size_t>(r)] == periodic[static_cast<size_t>(r % g)];
    if (!same) continue;
    d.modulus = g;
    d.residues.clear();
    for (int64_t r = 0; r < g; ++r)
      if (periodic[static_cast<size_t>(r)]) d.residues.push_back(r);
    return;
  }
}

void describe(SymbolDomain& d, const Classes& classes) {
  const int64_t period = classes.period;
  std::vector<bool> periodic(static_cast<size_t>(period), false);
  int64_t from = 1;
  bool any_periodic = false, too_many = false;
  std::vector<int64_t> bounded;
  for (int64_t r = 0; r < period; ++r) {
    const ClassRange& c = classes.ranges[static_cast<size_t>(r)];
    if (c.empty) continue;
    if (!c.bounded()) {
      periodic[static_cast<size_t>(r)] = any_periodic = true;
      from = std::max(from, c.lo * period + r);
      continue;
    }
    std::vector<int64_t> qs = c.points ? *c.points : std::vector<int64_t>{};
    for (int64_t q = c.lo; !c.points && q <= *c.hi && qs.size() <= kMaxListed; ++q) qs.push_back(q);
    for (int64_t q : qs) bounded.push_back(q * period + r);
    too_many = too_many || bounded.size() > kMaxListed;
  }
  std::sort(bounded.begin(), bounded.end());
  if (!any_periodic) {
    d.kind = bounded.empty() ? SymbolDomain::Kind::kNone : SymbolDomain::Kind::kValues;
    d.values = bounded;
    if (too_many) d.values.resize(kMaxListed);
    if (!d.values.empty()) d.smallest = d.values.front();
    return;
  }
  // Below the size from which every periodic class works, the pattern may hold further down.
  auto in_pattern = [&](int64_t s) { return periodic[static_cast<size_t>(s % period)]; };
  while (from > 1 && classes.works(from - 1) == in_pattern(from - 1)) --from;
  d.kind = SymbolDomain::Kind::kPeriodic;
  d.from = from;
  for (int64_t s = 1; s < from && d.values.size() < kMaxListed; ++s)
    if (classes.works(s)) d.values.push_back(s);
  for (int64_t s : bounded)
    if (s >= from && !in_pattern(s)) d.values.push_back(s);
  reduce_modulus(d, periodic);
  // Said from the pattern's first size: "is a multiple of 2 and H >= 28", not ">= 27".
  while (!in_pattern(d.from)) ++d.from;
  d.smallest = d.values.empty() ? d.from : std::min(d.from, d.values.front());
}

void list_up_to_limit(SymbolDomain& d, const Conditions& conditions) {
  d.kind = SymbolDomain::Kind::kUndecided;
  for (int64_t s = 1; s <= SymbolDomain::kUndecidedLimit; ++s) {
    bool works = std::all_of(conditions.begin(), conditions.end(),
                             [&](const SizeCondition* c) { return holds_at(*c, d.name, s); });
    if (works) d.values.push_back(s);
  }
  if (!d.values.empty()) d.smallest = d.values.front();
}

// A smallest set of conditions that no size meets, by dropping each one that is not needed.
std::vector<std::string> conflicting_layers(const std::string& symbol, Conditions conditions) {
  for (size_t i = 0; i < conditions.size();) {
    Conditions without = conditions;
    without.erase(without.begin() + static_cast<long>(i));
    auto classes = classes_of(symbol, without);
    if (classes && classes->none()) {
      conditions = std::move(without);
    } else {
      ++i;
    }
  }
  std::vector<std::string> layers;
  for (const SizeCondition* c : conditions)
    if (std::find(layers.begin(), layers.end(), c->layer) == layers.end())
      layers.push_back(c->layer);
  return layers;
}

SymbolDomain solve_symbol(SymbolDomain d, const Conditions& conditions) {
  auto classes = classes_of(d.name, conditions);
  if (!classes) {
    list_up_to_limit(d, conditions);
    return d;
  }
  describe(d, *classes);
  if (d.kind == SymbolDomain::Kind::kNone) d.conflicts = conflicting_layers(d.name, conditions);
  return d;
}

// The first few sizes of `d` that work, smallest first.
std::vector<int64_t> first_sizes(const SymbolDomain& d, size_t count) {
  std::vector<int64_t> out;
  if (!d.smallest) return out;
  int64_t limit = *d.smallest + 64 * d.modulus + SymbolDomain::kUndecidedLimit;
  for (int64_t s = *d.smallest; s <= limit && out.size() < count; ++s)
    if (d.contains(s)) out.push_back(s);
  return out;
}

// Sizes for every symbol that meet the conditions tying them together, among the first few
// sizes of each that work on their own.
std::optional<std::vector<int64_t>> find_witness(const Domain& domain) {
  constexpr size_t kCandidates = 16;
  constexpr size_t kMaxCombinations = 1 << 14;
  std::vector<std::vector<int64_t>> candidates;
  size_t combinations = 1;
  for (const SymbolDomain& d : domain.symbols) {
    candidates.push_back(first_sizes(d, domain.coupled.empty() ? 1 : kCandidates));
    if (candidates.back().empty()) return std::nullopt;
    combinations = std::min(kMaxCombinations, combinations * candidates.back().size());
  }
  std::vector<size_t> at(candidates.size(), 0);
  for (size_t n = 0; n < combinations; ++n) {
    std::map<std::string, int64_t> values;
    std::vector<int64_t> sizes;
    for (size_t i = 0; i < candidates.size(); ++i) {
      values[domain.symbols[i].name] = candidates[i][at[i]];
      sizes.push_back(candidates[i][at[i]]);
    }
    bool works = true;
    for (const SizeCondition& c : domain.coupled) {
      auto lhs = evaluate(c.lhs, values), rhs = evaluate(c.rhs, values);
      works = works && lhs && rhs && holds(c.kind, *lhs, *rhs);
    }
    if (works) return sizes;
    for (size_t i = 0; i < at.size() && ++at[i] == candidates[i].size(); ++i) at[i] = 0;
  }
  return std::nullopt;
}

std::string sizes_list(const std::vector<int64_t>& sizes) {
  std::string out;
  for (size_t i = 0; i < sizes.size() && i < 12; ++i)
    out += (i ? ", " : "") + std::to_string(sizes[i]);
  if (sizes.size() > 12) out += fmt::format(", ... ({} in all)", sizes.size());
  return out;
}

}  // namespace

bool SymbolDomain::contains(int64_t size) const {
  if (size < 1) return false;
  bool listed = std::binary_search(values.begin(), values.end(), size);
  if (kind != Kind::kPeriodic) return kind != Kind::kNone && listed;
  if (listed) return true;
  int64_t r = size % modulus;
  return size >= from && std::find(residues.begin(), residues.end(), r) != residues.end();
}

std::vector<int64_t> SymbolDomain::nearest(int64_t size) const {
  if (contains(size) || !smallest) return {};
  std::optional<int64_t> below, above;
  for (int64_t v : values) {
    if (v < size) below = v;
    if (v > size && !above) above = v;
  }
  if (kind == Kind::kPeriodic) {
    for (int64_t s = size - 1; s >= std::max<int64_t>(from, size - modulus); --s)
      if (contains(s)) {
        below = std::max(below.value_or(s), s);
        break;
      }
    for (int64_t s = std::max(size + 1, from); s <= std::max(size + 1, from) + modulus; ++s)
      if (contains(s)) {
        above = above ? std::min(*above, s) : s;
        break;
      }
  }
  std::vector<int64_t> out;
  if (below) out.push_back(*below);
  if (above) out.push_back(*above);
  return out;
}

std::string SymbolDomain::text() const {
  switch (kind) {
    case Kind::kNone: return fmt::format("no {} works", name);
    case Kind::kValues:
      return values.size() == 1 ? fmt::format("{} == {}", name, values[0])
                                : fmt::format("{} in {{{}}}", name, sizes_list(values));
    case Kind::kUndecided:
      return values.empty()
                 ? fmt::format("no {} up to {} works (not decided beyond)", name, kUndecidedLimit)
                 : fmt::format("{} in {{{}}} up to {} (not decided beyond)", name,
                               sizes_list(values), kUndecidedLimit);
    case Kind::kPeriodic: break;
  }
  std::string out;
  if (modulus == 1) {
    out = from == 1 ? fmt::format("every {} >= 1", name) : fmt::format("{} >= {}", name, from);
  } else {
    if (residues == std::vector<int64_t>{0}) {
      out = fmt::format("{} is a multiple of {}", name, modulus);
    } else {
      std::vector<int64_t> r = residues;
      out = r.size() == 1 ? fmt::format("{} % {} == {}", name, modulus, r[0])
                          : fmt::format("{} % {} in {{{}}}", name, modulus, sizes_list(r));
    }
    // The bound says something only above the pattern's own first size.
    int64_t first_in_pattern = residues[0] == 0 ? modulus : residues[0];
    if (from > first_in_pattern) out += fmt::format(" and {} >= {}", name, from);
  }
  if (!values.empty()) out += fmt::format(", or {} in {{{}}}", name, sizes_list(values));
  return out;
}

bool Domain::works() const {
  for (const SymbolDomain& d : symbols)
    if (d.kind == SymbolDomain::Kind::kNone) return false;
  return coupled.empty() || witness.has_value();
}

Domain solve_domain(const Result& result) {
  Domain domain;
  std::vector<SymbolDomain> found;
  for (size_t i = 0; i < result.input_shapes.size(); ++i) {
    const Shape& shape = result.input_shapes[i];
    for (size_t axis = 0; shape.rank_known() && axis < shape.rank(); ++axis) {
      std::string name = symbol_name(shape[axis]);
      bool seen = std::any_of(found.begin(), found.end(),
                              [&](const SymbolDomain& d) { return d.name == name; });
      if (name.empty() || seen) continue;
      SymbolDomain& d = found.emplace_back();
      d.name = name;
      d.input = i < result.input_names.size() ? result.input_names[i] : "";
      d.axis = axis;
    }
  }
  for (SymbolDomain& d : found) {
    Conditions own;
    for (const SizeCondition& c : result.conditions) {
      std::set<std::string> symbols = symbols_in(c.lhs);
      symbols.merge(symbols_in(c.rhs));
      if (symbols == std::set<std::string>{d.name}) own.push_back(&c);
    }
    domain.symbols.push_back(solve_symbol(std::move(d), own));
  }
  for (const SizeCondition& c : result.conditions) {
    std::set<std::string> symbols = symbols_in(c.lhs);
    symbols.merge(symbols_in(c.rhs));
    if (symbols.size() > 1) domain.coupled.push_back(c);
  }
  domain.witness = find_witness(domain);
  return domain;
}

}  // namespace dimsum
