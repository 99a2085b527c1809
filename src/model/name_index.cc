#include "model/name_index.h"

#include <functional>

namespace dimsum {

namespace {

uint32_t hash_of(std::string_view name) {
  return static_cast<uint32_t>(std::hash<std::string_view>{}(name));
}

}  // namespace

// Linear probing from the hash's slot: the slot holding `name`, or the free slot where it would
// go. The table is never more than half full, so a free slot is always found, and soon.
size_t NameIndex::slot_of(std::string_view name, uint32_t hash) const {
  size_t mask = slots_.size() - 1;
  for (size_t at = home_of(hash);; at = (at + 1) & mask) {
    const Slot& slot = slots_[at];
    if (slot.index < 0 || (slot.hash == hash && slot.name == name)) return at;
  }
}

bool NameIndex::add(std::string_view name, int index) {
  if (2 * (used_ + 1) > slots_.size()) grow(slots_.empty() ? 64 : 2 * slots_.size());
  uint32_t hash = hash_of(name);
  Slot& slot = slots_[slot_of(name, hash)];
  if (slot.index >= 0) return false;
  slot = Slot{names_.copy(name), hash, index};
  ++used_;
  return true;
}

int NameIndex::find(std::string_view name) const {
  if (slots_.empty()) return -1;
  return slots_[slot_of(name, hash_of(name))].index;
}

void NameIndex::prefetch(std::string_view name) const {
  if (!slots_.empty()) __builtin_prefetch(&slots_[home_of(hash_of(name))]);
}

void NameIndex::reserve(size_t count) {
  size_t slots = 64;
  while (slots < 2 * count) slots *= 2;
  if (slots > slots_.size()) grow(slots);
}

// Moves the names to a table of `slots` slots (a power of two).
void NameIndex::grow(size_t slots) {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(slots, Slot{});
  for (const Slot& slot : old)
    if (slot.index >= 0) slots_[slot_of(slot.name, slot.hash)] = slot;
}

}  // namespace dimsum
