// `dimsum domain`: which sizes a model accepts, decided exactly without a solver.
//
// A condition on one symbol s is built from sums, constant multiples and floor divisions by
// constants. Such an expression is affine on the residue classes of a period P: s grows by 1,
// floor(n / d) grows by n's slope / d, and it is affine where n is and where n's step over a
// class (slope * P) is a multiple of d (growth_of). So two evaluations per class (s = r and
// s = P + r) give each side exactly, and each condition becomes a half-line, a point or nothing
// in q (s = P*q + r): the sizes that work are, exactly, one interval (or a few points) of q per
// residue class. A size squared (a Flatten of an S x S map with one symbol for both) is not
// affine; dimsum then lists the sizes that work up to a limit and says so.
#include <fmt/format.h>

#include <algorithm>
#include <numeric>
#include <tuple>

#include "dimsum/dimsum.h"
#include "shape/symbolic.h"

namespace dimsum {

namespace {

// A period beyond this is not analysed class by class (a chain of many strides): the sizes that
// work are listed up to kUndecidedLimit instead.
constexpr int64_t kMaxPeriod = 4096;
// The most sizes an undecided domain tries, from 1.
constexpr int64_t kUndecidedLimit = 4096;
// The most sizes a finite domain lists.
constexpr size_t kMaxListed = 1000;

using Conditions = std::vector<const SizeCondition*>;

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

  bool none() const {
    return std::all_of(ranges.begin(), ranges.end(), [](const ClassRange& c) { return c.empty; });
  }
};

std::optional<int64_t> lcm_within(int64_t a, int64_t b) {
  int64_t l = std::lcm(a, b);
  if (l <= 0 || l > kMaxPeriod) return std::nullopt;
  return l;
}

// How an expression on one symbol grows: by the fraction num/den per unit of the symbol, exactly
// (it is affine) on each residue class modulo `period`.
struct Growth {
  int64_t num = 0;
  int64_t den = 1;
  int64_t period = 1;
};

std::optional<Growth> reduced(std::optional<int64_t> num, std::optional<int64_t> den,
                              std::optional<int64_t> period) {
  if (!num || !den || !period || *den <= 0) return std::nullopt;
  int64_t g = std::gcd(*num, *den);
  return Growth{*num / g, *den / g, *period};
}

// floor(n / d) is affine on the classes where n is and where n's step over a class, its slope
// times the period, is a multiple of d: the period must also be a multiple of the denominator of
// slope / d. Sums add slopes; a product of sizes is not affine (nullopt).
std::optional<Growth> growth_of(Dim dim) {
  if (!dim.symbolic()) return Growth{};
  Growth total;
  for (const SymbolicTerm& term : symbolic_structure(dim).terms) {
    if (term.factors.size() != 1) return std::nullopt;
    const SymbolicFactor& f = term.factors[0];
    std::optional<Growth> g = Growth{1, 1, 1};
    if (f.symbol.empty()) {
      auto inner = growth_of(f.numerator);
      if (!inner) return std::nullopt;
      g = reduced(inner->num, checked_mul(inner->den, f.divisor), inner->period);
      if (g) g->period = lcm_within(g->period, g->den).value_or(0);
      if (!g || g->period == 0) return std::nullopt;
    }
    g = reduced(checked_mul(g->num, term.coefficient), g->den, g->period);
    if (!g) return std::nullopt;
    auto sum = checked_add(checked_mul(total.num, g->den).value_or(INT64_MIN),
                           checked_mul(g->num, total.den).value_or(INT64_MIN));
    auto next = reduced(sum, checked_mul(total.den, g->den), lcm_within(total.period, g->period));
    if (!next || !sum || *sum == INT64_MIN) return std::nullopt;
    total = *next;
  }
  return total;
}

// A period on whose residue classes every condition's two sides are affine (and, for a multiple
// of m, the left side's step over a class is a multiple of m); nullopt past kMaxPeriod.
std::optional<int64_t> period_of(const Conditions& conditions) {
  int64_t period = 1;
  for (const SizeCondition* c : conditions) {
    auto lhs = growth_of(c->lhs), rhs = growth_of(c->rhs);
    if (!lhs || !rhs) return std::nullopt;
    auto next = lcm_within(period, lhs->period);
    if (next) next = lcm_within(*next, rhs->period);
    if (next && c->kind == SizeCondition::Kind::kMultipleOf) {
      if (!c->rhs.known() || c->rhs.value() <= 0) return std::nullopt;
      auto step = reduced(lhs->num, checked_mul(lhs->den, c->rhs.value()), 1);
      next = step ? lcm_within(*next, step->den) : std::nullopt;
    }
    if (!next) return std::nullopt;
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
  if (range.points) range.only(*range.points);  // drop points the bounds have since excluded
  return true;
}

// The sizes that meet `conditions`, exactly; nullopt when they are not affine on residue classes
// of a small period.
std::optional<Classes> classes_of(const std::string& symbol, const Conditions& conditions) {
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

// The sizes that work as a pattern from some size on, and the few below it; false when those
// below it are too many to list (a class that starts far above the others).
bool describe(SymbolDomain& d, const Classes& classes) {
  const int64_t period = classes.period;
  std::vector<bool> periodic(static_cast<size_t>(period), false);
  std::vector<int64_t> start(static_cast<size_t>(period), 0);  // a periodic class's first size
  std::vector<int64_t> bounded;                                // sizes of the other classes
  for (int64_t r = 0; r < period; ++r) {
    const ClassRange& c = classes.ranges[static_cast<size_t>(r)];
    if (c.empty) continue;
    if (!c.bounded()) {
      auto first = checked_mul(c.lo, period);
      if (!first || *first > INT64_MAX - period) return false;  // sizes past 64 bits
      periodic[static_cast<size_t>(r)] = true;
      start[static_cast<size_t>(r)] = *first + r;
      continue;
    }
    std::vector<int64_t> qs = c.points ? *c.points : std::vector<int64_t>{};
    for (int64_t q = c.lo; !c.points && q <= *c.hi && qs.size() <= kMaxListed; ++q) qs.push_back(q);
    for (int64_t q : qs) {
      auto size = checked_mul(q, period);
      if (!size || *size > INT64_MAX - period) return false;
      bounded.push_back(*size + r);
    }
    if (bounded.size() > kMaxListed) return false;
  }
  std::sort(bounded.begin(), bounded.end());
  bool any_periodic = std::find(periodic.begin(), periodic.end(), true) != periodic.end();
  if (!any_periodic) {
    d.kind = bounded.empty() ? SymbolDomain::Kind::kNone : SymbolDomain::Kind::kValues;
    d.values = bounded;
    if (!d.values.empty()) d.smallest = d.values.front();
    return true;
  }
  // From one past the largest size where the pattern and the sizes that work disagree (a
  // periodic class before its first size, a size of another class), they agree.
  int64_t mismatch = bounded.empty() ? 0 : bounded.back();
  for (int64_t r = 0; r < period; ++r)
    if (periodic[static_cast<size_t>(r)])
      mismatch = std::max(mismatch, start[static_cast<size_t>(r)] - period);
  if (mismatch > INT64_MAX - 2 * period) return false;  // the pattern starts past 64 bits
  d.kind = SymbolDomain::Kind::kPeriodic;
  d.from = std::max<int64_t>(mismatch + 1, 1);
  d.values = bounded;
  for (int64_t r = 0; r < period; ++r) {
    if (!periodic[static_cast<size_t>(r)]) continue;
    for (int64_t s = start[static_cast<size_t>(r)]; s < d.from; s += period) {
      if (d.values.size() >= kMaxListed) return false;
      d.values.push_back(s);
    }
  }
  std::sort(d.values.begin(), d.values.end());
  reduce_modulus(d, periodic);
  // Said from the pattern's first size: "is a multiple of 2 and H >= 28", not ">= 27".
  while (!periodic[static_cast<size_t>(d.from % period)]) ++d.from;
  d.smallest = d.values.empty() ? d.from : std::min(d.from, d.values.front());
  return true;
}

// Conditions dimsum does not decide exactly: the sizes that work are listed, up to a limit that
// keeps the work bounded on large models.
void list_up_to_limit(SymbolDomain& d, const Conditions& conditions) {
  constexpr int64_t kEvaluations = 4'000'000;
  d.kind = SymbolDomain::Kind::kUndecided;
  d.values.clear();
  int64_t per_size = std::max<int64_t>(1, static_cast<int64_t>(conditions.size()));
  d.checked_up_to = std::clamp<int64_t>(kEvaluations / per_size, 64, kUndecidedLimit);
  for (int64_t s = 1; s <= d.checked_up_to; ++s) {
    bool works = std::all_of(conditions.begin(), conditions.end(),
                             [&](const SizeCondition* c) { return holds_at(*c, d.name, s); });
    if (works) d.values.push_back(s);
  }
  if (!d.values.empty()) d.smallest = d.values.front();
}

bool none_work(const std::string& symbol, const Conditions& conditions) {
  auto classes = classes_of(symbol, conditions);
  return classes && classes->none();
}

// A small set of conditions that no size meets, in layer order: the condition that first makes
// the conditions before it unsatisfiable belongs to it; then the same among those before it,
// with the ones found kept, until the ones found conflict alone. Binary searches keep it to a few
// analyses per condition found, on models of any size.
std::vector<std::string> conflicting_layers(const std::string& symbol, Conditions conditions) {
  Conditions found;
  while (!conditions.empty() && !none_work(symbol, found)) {
    auto with_prefix = [&](size_t k) {
      Conditions c = found;
      c.insert(c.end(), conditions.begin(), conditions.begin() + static_cast<long>(k) + 1);
      return c;
    };
    size_t lo = 0, hi = conditions.size() - 1;  // found + conditions[0..hi] conflict
    while (lo < hi) {
      size_t mid = lo + (hi - lo) / 2;
      if (none_work(symbol, with_prefix(mid)))
        hi = mid;
      else
        lo = mid + 1;
    }
    found.push_back(conditions[lo]);
    conditions.resize(lo);
  }
  std::sort(found.begin(), found.end());  // pointers into the result: layer order
  std::vector<std::string> layers;
  for (const SizeCondition* c : found)
    if (std::find(layers.begin(), layers.end(), c->layer) == layers.end())
      layers.push_back(c->layer);
  return layers;
}

SymbolDomain solve_symbol(SymbolDomain d, const Conditions& conditions) {
  auto classes = classes_of(d.name, conditions);
  if (!classes || !describe(d, *classes)) {
    list_up_to_limit(d, conditions);
    return d;
  }
  if (d.kind == SymbolDomain::Kind::kNone) d.conflicts = conflicting_layers(d.name, conditions);
  return d;
}

// The first few sizes of `d` that work, smallest first.
std::vector<int64_t> first_sizes(const SymbolDomain& d, size_t count) {
  std::vector<int64_t> out;
  if (!d.smallest) return out;
  int64_t span = 64 * d.modulus + kUndecidedLimit;
  int64_t limit = *d.smallest > INT64_MAX - span ? INT64_MAX - 1 : *d.smallest + span;
  for (int64_t s = *d.smallest; s <= limit && out.size() < count; ++s)
    if (d.contains(s)) out.push_back(s);
  return out;
}

// Sizes for every symbol that meet the conditions tying them together, among the first few
// sizes of each that work on their own.
std::optional<std::vector<int64_t>> find_witness(const Domain& domain) {
  constexpr size_t kCandidates = 16;
  // Combinations times conditions: the work stays bounded however many conditions there are.
  constexpr size_t kEvaluations = 4'000'000;
  const size_t kMaxCombinations =
      std::clamp<size_t>(kEvaluations / std::max<size_t>(1, domain.coupled.size()), 1, 1 << 14);
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
  // Within one modulus of `size` the pattern has its nearest sizes; a size at the edge of 64 bits
  // (from --input-shape) has no neighbour past the edge.
  if (kind == Kind::kPeriodic && size > 1) {
    int64_t lowest = std::max<int64_t>(from, size - std::min(size - 1, modulus));
    for (int64_t s = size - 1; s >= lowest; --s)
      if (contains(s)) {
        below = std::max(below.value_or(s), s);
        break;
      }
  }
  auto first = checked_add(std::max(size, from - 1), 1);
  auto last = first ? checked_add(*first, modulus) : std::nullopt;
  if (kind == Kind::kPeriodic && last) {
    for (int64_t s = *first; s <= *last; ++s)
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

std::string SymbolDomain::conflict_text() const {
  if (conflicts.empty()) return "";
  std::string layers;
  for (const std::string& layer : conflicts) layers += (layers.empty() ? "'" : ", '") + layer + "'";
  return fmt::format("the conditions of {} cannot all hold", layers);
}

std::string SymbolDomain::text() const {
  switch (kind) {
    case Kind::kNone: return fmt::format("no {} works", name);
    case Kind::kValues:
      return values.size() == 1 ? fmt::format("{} == {}", name, values[0])
                                : fmt::format("{} in {{{}}}", name, sizes_list(values));
    case Kind::kUndecided:
      return values.empty()
                 ? fmt::format("no {} up to {} works (not decided beyond)", name, checked_up_to)
                 : fmt::format("{} in {{{}}} up to {} (not decided beyond)", name,
                               sizes_list(values), checked_up_to);
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
    // The same condition from many layers (every 'same' convolution's H >= 1) is one; equal
    // expressions are equal Dims.
    std::set<std::tuple<SizeCondition::Kind, int64_t, int64_t>> seen;
    for (const SizeCondition& c : result.conditions) {
      std::set<std::string> symbols = symbols_in(c.lhs);
      symbols.merge(symbols_in(c.rhs));
      if (symbols == std::set<std::string>{d.name} &&
          seen.emplace(c.kind, c.lhs.value(), c.rhs.value()).second)
        own.push_back(&c);
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
