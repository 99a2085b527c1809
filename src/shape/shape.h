// Shape: the shape of one tensor, batch axis first, as Keras writes it. A shape can be wholly
// unknown (unknown rank: the output of a layer that failed or that dimsum does not know).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "shape/dim.h"
#include "shape/dims.h"

namespace dimsum {

class Shape {
 public:
  Shape() = default;  // unknown rank
  explicit Shape(Dims dims) : dims_(std::move(dims)), rank_known_(true) {}
  static Shape unknown() { return Shape(); }

  bool rank_known() const { return rank_known_; }
  // Rank known and every size known.
  bool fully_known() const;
  size_t rank() const { return dims_.size(); }
  const Dims& dims() const { return dims_; }
  Dim operator[](size_t axis) const { return dims_[axis]; }
  Dim back() const { return dims_.back(); }

  // Product of the sizes on axes [first, rank): unknown if any is unknown; nullopt on overflow.
  std::optional<Dim> elements_from(size_t first) const;

  friend bool operator==(const Shape& a, const Shape& b) = default;

 private:
  Dims dims_;
  bool rank_known_ = false;
};

// Keras' notation: "(None, 28, 28, 1)"; "?" for an unknown rank.
std::string to_string(const Shape& shape);
// A tuple of sizes without the batch axis, as a user writes it in code: "(28, 28, 1)".
std::string tuple_string(const Dims& dims);

// Resolve a negative axis as Python does; nullopt when out of range.
std::optional<size_t> normalize_axis(int64_t axis, size_t rank);

}  // namespace dimsum
