// BitSet: a set of indices 0..size-1 stored as 64-bit words — the rows of a screening matrix
// (which events a method detects) and the sets the matrix searches combine (covered
// positives, covered target events). Set operations work a word at a time; both operands of
// a binary operation have the same size.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace lmo::domain {

class BitSet {
 public:
  BitSet() = default;
  explicit BitSet(std::size_t size) : size_(size), words_((size + 63) / 64, 0) {}

  std::size_t size() const { return size_; }
  const std::vector<std::uint64_t>& words() const { return words_; }

  void set(std::size_t i) { words_[i / 64] |= std::uint64_t{1} << (i % 64); }
  void reset(std::size_t i) { words_[i / 64] &= ~(std::uint64_t{1} << (i % 64)); }
  bool test(std::size_t i) const { return (words_[i / 64] >> (i % 64)) & 1U; }

  std::size_t count() const {
    std::size_t n = 0;
    for (auto w : words_) n += static_cast<std::size_t>(std::popcount(w));
    return n;
  }
  bool any() const {
    for (auto w : words_) {
      if (w) return true;
    }
    return false;
  }
  bool none() const { return !any(); }

  bool intersects(const BitSet& other) const {
    for (std::size_t i = 0; i < words_.size(); ++i) {
      if (words_[i] & other.words_[i]) return true;
    }
    return false;
  }
  bool is_subset_of(const BitSet& other) const {
    for (std::size_t i = 0; i < words_.size(); ++i) {
      if (words_[i] & ~other.words_[i]) return false;
    }
    return true;
  }
  // |this ∩ other| and |this \ other|.
  std::size_t count_and(const BitSet& other) const {
    std::size_t n = 0;
    for (std::size_t i = 0; i < words_.size(); ++i) n += static_cast<std::size_t>(std::popcount(words_[i] & other.words_[i]));
    return n;
  }
  std::size_t count_and_not(const BitSet& other) const {
    std::size_t n = 0;
    for (std::size_t i = 0; i < words_.size(); ++i) n += static_cast<std::size_t>(std::popcount(words_[i] & ~other.words_[i]));
    return n;
  }

  BitSet& operator|=(const BitSet& other) {
    for (std::size_t i = 0; i < words_.size(); ++i) words_[i] |= other.words_[i];
    return *this;
  }
  BitSet& operator&=(const BitSet& other) {
    for (std::size_t i = 0; i < words_.size(); ++i) words_[i] &= other.words_[i];
    return *this;
  }
  BitSet& subtract(const BitSet& other) {
    for (std::size_t i = 0; i < words_.size(); ++i) words_[i] &= ~other.words_[i];
    return *this;
  }

  // Calls f(i) for every member, in increasing order.
  template <class F>
  void for_each(F&& f) const {
    for (std::size_t w = 0; w < words_.size(); ++w) {
      for (std::uint64_t bits = words_[w]; bits; bits &= bits - 1) {
        f(w * 64 + static_cast<std::size_t>(std::countr_zero(bits)));
      }
    }
  }
  std::vector<std::size_t> members() const {
    std::vector<std::size_t> out;
    for_each([&](std::size_t i) { out.push_back(i); });
    return out;
  }

  friend bool operator==(const BitSet&, const BitSet&) = default;

 private:
  std::size_t size_ = 0;
  std::vector<std::uint64_t> words_;
};

}  // namespace lmo::domain
