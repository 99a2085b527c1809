// Layer names to layer indices, for a reader that resolves every tensor reference of a graph by
// name. One flat table of slots probed in place: std::unordered_map<std::string, int> allocated a
// node per name and chased a pointer per lookup, a third of the time of reading a 100k-layer
// graph (docs/performance.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "readers/json.h"

namespace dimsum {

class NameIndex {
 public:
  NameIndex() = default;
  NameIndex(const NameIndex&) = delete;
  NameIndex& operator=(const NameIndex&) = delete;

  // Makes room for `count` names, so that adding them does not grow the table step by step.
  void reserve(size_t count);
  // Adds `name` for `index`; false, and nothing added, when the name is already there.
  bool add(std::string_view name, int index);
  // The index added for `name`, or -1.
  int find(std::string_view name) const;
  bool contains(std::string_view name) const { return find(name) >= 0; }
  // Loads the slot where `name` is or would go into the cache, for a reader that will add or
  // find it a little later: in a table of 100k names each slot is a cache miss of its own.
  void prefetch(std::string_view name) const;

 private:
  struct Slot {
    std::string_view name;  // in names_
    uint32_t hash = 0;
    int index = -1;  // -1: a free slot
  };

  // Where the probe for a name of hash `hash` starts.
  size_t home_of(uint32_t hash) const { return hash & (slots_.size() - 1); }
  size_t slot_of(std::string_view name, uint32_t hash) const;
  void grow(size_t slots);

  std::vector<Slot> slots_;  // a power of two in size, at most half full
  size_t used_ = 0;
  json::Arena names_;  // copies of the names, so the caller's strings may move
};

}  // namespace dimsum
