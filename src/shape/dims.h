// Dims: the sizes of a shape, a vector of Dim that keeps up to kInline sizes in place. Nearly
// every tensor has rank 6 or less, so a shape costs no allocation of its own: propagation made
// and freed several small vectors per layer when a Shape held a std::vector<Dim>.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <type_traits>

#include "shape/dim.h"

namespace dimsum {

class Dims {
 public:
  using value_type = Dim;
  using size_type = size_t;
  using difference_type = std::ptrdiff_t;
  using reference = Dim&;
  using const_reference = const Dim&;
  using iterator = Dim*;
  using const_iterator = const Dim*;
  using reverse_iterator = std::reverse_iterator<iterator>;
  using const_reverse_iterator = std::reverse_iterator<const_iterator>;

  static constexpr size_t kInline = 6;

  Dims() = default;
  explicit Dims(size_t count, Dim value = Dim()) { assign(count, value); }
  Dims(std::initializer_list<Dim> dims) { assign(dims.begin(), dims.end()); }
  template <typename It, typename = typename std::iterator_traits<It>::iterator_category>
  Dims(It first, It last) {
    assign(first, last);
  }
  Dims(const Dims& other) { assign(other.begin(), other.end()); }
  Dims(Dims&& other) noexcept { take(other); }
  Dims& operator=(const Dims& other) {
    if (this != &other) assign(other.begin(), other.end());
    return *this;
  }
  Dims& operator=(Dims&& other) noexcept {
    if (this != &other) {
      release();
      take(other);
    }
    return *this;
  }
  Dims& operator=(std::initializer_list<Dim> dims) {
    assign(dims.begin(), dims.end());
    return *this;
  }
  ~Dims() { release(); }

  iterator begin() { return data(); }
  iterator end() { return data() + size_; }
  const_iterator begin() const { return data(); }
  const_iterator end() const { return data() + size_; }
  const_iterator cbegin() const { return begin(); }
  const_iterator cend() const { return end(); }
  reverse_iterator rbegin() { return reverse_iterator(end()); }
  reverse_iterator rend() { return reverse_iterator(begin()); }
  const_reverse_iterator rbegin() const { return const_reverse_iterator(end()); }
  const_reverse_iterator rend() const { return const_reverse_iterator(begin()); }

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  Dim* data() { return on_heap() ? storage_.heap : storage_.in_place; }
  const Dim* data() const { return on_heap() ? storage_.heap : storage_.in_place; }
  Dim& operator[](size_t i) { return data()[i]; }
  const Dim& operator[](size_t i) const { return data()[i]; }
  Dim& front() { return data()[0]; }
  const Dim& front() const { return data()[0]; }
  Dim& back() { return data()[size_ - 1]; }
  const Dim& back() const { return data()[size_ - 1]; }

  void reserve(size_t capacity) {
    if (capacity <= capacity_) return;
    auto grown = std::make_unique<Dim[]>(capacity);
    std::copy(begin(), end(), grown.get());
    uint32_t size = size_;
    release();
    storage_.heap = grown.release();
    capacity_ = static_cast<uint32_t>(capacity);
    size_ = size;
  }
  void clear() { size_ = 0; }
  void resize(size_t count, Dim value = Dim()) {
    reserve(count);
    if (count > size_) std::fill(data() + size_, data() + count, value);
    size_ = static_cast<uint32_t>(count);
  }
  void assign(size_t count, Dim value) {
    clear();
    resize(count, value);
  }
  template <typename It>
  void assign(It first, It last) {
    clear();
    insert(end(), first, last);
  }

  void push_back(Dim dim) {
    grow_for(1);
    data()[size_++] = dim;
  }
  Dim& emplace_back(Dim dim) {
    push_back(dim);
    return back();
  }
  void pop_back() { --size_; }

  iterator insert(const_iterator at, Dim dim) { return insert(at, &dim, &dim + 1); }
  iterator insert(const_iterator at, size_t count, Dim value) {
    size_t index = opening(at, count);
    std::fill(data() + index, data() + index + count, value);
    return data() + index;
  }
  iterator insert(const_iterator at, std::initializer_list<Dim> dims) {
    return insert(at, dims.begin(), dims.end());
  }
  template <typename It, typename = typename std::iterator_traits<It>::iterator_category>
  iterator insert(const_iterator at, It first, It last) {
    Dims items;  // copied first: the range may lie in this vector, which opening() moves
    for (; first != last; ++first) items.push_back(*first);
    size_t index = opening(at, items.size());
    std::copy(items.begin(), items.end(), data() + index);
    return data() + index;
  }

  iterator erase(const_iterator at) { return erase(at, at + 1); }
  iterator erase(const_iterator first, const_iterator last) {
    size_t index = static_cast<size_t>(first - data());
    size_t count = static_cast<size_t>(last - first);
    std::copy(data() + index + count, data() + size_, data() + index);
    size_ -= static_cast<uint32_t>(count);
    return data() + index;
  }

  friend bool operator==(const Dims& a, const Dims& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
  }

 private:
  bool on_heap() const { return capacity_ > kInline; }

  // Frees the heap storage, if any, leaving an empty vector in place.
  void release() {
    if (on_heap()) delete[] storage_.heap;
    capacity_ = kInline;
    size_ = 0;
  }

  // Moves `other`'s sizes here (this holds none) and leaves it empty.
  void take(Dims& other) {
    if (other.on_heap()) {
      storage_.heap = other.storage_.heap;
      capacity_ = other.capacity_;
      other.capacity_ = kInline;
    } else {
      std::copy(other.begin(), other.end(), storage_.in_place);
    }
    size_ = other.size_;
    other.size_ = 0;
  }

  void grow_for(size_t more) {
    if (size_ + more > capacity_) reserve(std::max<size_t>(size_ + more, 2 * size_t{capacity_}));
  }

  // Makes room for `count` sizes before `at`; returns their index.
  size_t opening(const_iterator at, size_t count) {
    size_t index = static_cast<size_t>(at - data());
    grow_for(count);
    std::copy_backward(data() + index, data() + size_, data() + size_ + count);
    size_ += static_cast<uint32_t>(count);
    return index;
  }

  // The sizes in place while they fit, else on the heap: capacity_ says which.
  union Storage {
    Storage() : heap(nullptr) {}  // the sizes in place are written as they are added
    Dim in_place[kInline];
    Dim* heap;
  };
  Storage storage_;
  uint32_t size_ = 0;
  uint32_t capacity_ = kInline;
};

}  // namespace dimsum
