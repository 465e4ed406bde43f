#include "domain/minimum_covers.hpp"

#include <algorithm>
#include <functional>
#include <numeric>
#include <utility>

namespace lmo::domain {

namespace {

// The effort spent so far, shared by the stages of one search.
class WorkBudget {
 public:
  explicit WorkBudget(std::uint64_t limit) : limit_(limit) {}
  bool spend(std::uint64_t work) {
    used_ += work;
    if (used_ > limit_) exhausted_ = true;
    return !exhausted_;
  }
  bool exhausted() const { return exhausted_; }

 private:
  std::uint64_t limit_;
  std::uint64_t used_ = 0;
  bool exhausted_ = false;
};

std::uint64_t words(std::size_t bits) { return (bits + 63) / 64 + 1; }

class CoverSearch {
 public:
  using OnCover = std::function<bool(const std::vector<std::size_t>&)>;  // false: stop

  CoverSearch(std::size_t item_count, const std::vector<BitSet>& options, WorkBudget& budget)
      : item_count_(item_count), options_(options), budget_(budget), covering_(item_count, BitSet(options.size())),
        node_work_((item_count + options.size()) * words(std::max(item_count, options.size()))) {
    for (std::size_t o = 0; o < options.size(); ++o) options[o].for_each([&](std::size_t item) { covering_[item].set(o); });
  }

  std::uint64_t nodes() const { return nodes_; }

  // Every cover with at most k options that avoids `forbidden`, each once (as option indices,
  // increasing), until on_cover says stop. Returns false when stopped (by on_cover or the
  // budget).
  bool search(std::size_t k, const BitSet& forbidden, const OnCover& on_cover) {
    std::vector<std::size_t> chosen;
    return descend(BitSet(item_count_), forbidden, chosen, k, on_cover);
  }

  // Whether some cover of at most k options avoids `forbidden`.
  bool exists(std::size_t k, const BitSet& forbidden) {
    bool found = false;
    search(k, forbidden, [&](const std::vector<std::size_t>&) {
      found = true;
      return false;
    });
    return found;
  }

 private:
  bool descend(const BitSet& covered, BitSet forbidden, std::vector<std::size_t>& chosen, std::size_t k,
               const OnCover& on_cover) {
    ++nodes_;
    if (!budget_.spend(node_work_)) return false;
    // The uncovered items with the number of options still allowed for each.
    std::vector<std::pair<std::size_t, std::size_t>> open;  // (allowed options, item)
    for (std::size_t item = 0; item < item_count_; ++item) {
      if (!covered.test(item)) open.emplace_back(covering_[item].count_and_not(forbidden), item);
    }
    if (open.empty()) {
      std::vector<std::size_t> cover = chosen;
      std::sort(cover.begin(), cover.end());
      return on_cover(cover);
    }
    std::size_t slots = k - chosen.size();
    if (slots == 0) return true;
    std::sort(open.begin(), open.end());
    if (open.front().first == 0) return true;
    // Items no single allowed option covers together need one option each.
    BitSet used(options_.size());
    std::size_t disjoint = 0;
    for (const auto& [count, item] : open) {
      BitSet allowed = covering_[item];
      allowed.subtract(forbidden);
      if (!allowed.intersects(used)) {
        used |= allowed;
        if (++disjoint > slots) return true;
      }
    }
    // No option covers more than the largest one.
    BitSet uncovered(item_count_);
    for (const auto& entry : open) uncovered.set(entry.second);
    std::size_t largest = 0;
    for (std::size_t o = 0; o < options_.size(); ++o) {
      if (!forbidden.test(o)) largest = std::max(largest, options_[o].count_and(uncovered));
    }
    if (largest * slots < open.size()) return true;

    // Branch on the item with the fewest options, trying the options covering most first.
    std::size_t item = open.front().second;
    std::vector<std::pair<std::size_t, std::size_t>> branches;  // (gain, option)
    covering_[item].for_each([&](std::size_t o) {
      if (!forbidden.test(o)) branches.emplace_back(options_[o].count_and(uncovered), o);
    });
    std::stable_sort(branches.begin(), branches.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (const auto& [gain, option] : branches) {
      BitSet next = covered;
      next |= options_[option];
      chosen.push_back(option);
      bool go_on = descend(next, forbidden, chosen, k, on_cover);
      chosen.pop_back();
      if (!go_on) return false;
      forbidden.set(option);  // later branches do without it: each cover is found once
    }
    return true;
  }

  std::size_t item_count_;
  const std::vector<BitSet>& options_;
  WorkBudget& budget_;
  std::vector<BitSet> covering_;  // item → options covering it
  std::uint64_t node_work_;
  std::uint64_t nodes_ = 0;
};

// The items to keep: an item whose options include all the options of another is covered
// whenever that one is, and is dropped (of identical items the first stays).
std::vector<std::size_t> implying_items(std::size_t item_count, const std::vector<BitSet>& options, WorkBudget& budget) {
  std::vector<BitSet> covering(item_count, BitSet(options.size()));
  for (std::size_t o = 0; o < options.size(); ++o) options[o].for_each([&](std::size_t item) { covering[item].set(o); });
  std::vector<std::size_t> order(item_count);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::vector<std::size_t> count(item_count);
  for (std::size_t i = 0; i < item_count; ++i) count[i] = covering[i].count();
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return count[a] < count[b]; });
  std::vector<std::size_t> kept;
  for (std::size_t item : order) {
    budget.spend(kept.size() * words(options.size()));
    bool implied = std::any_of(kept.begin(), kept.end(), [&](std::size_t k) { return covering[k].is_subset_of(covering[item]); });
    if (!implied) kept.push_back(item);
  }
  std::sort(kept.begin(), kept.end());
  return kept;
}

// Options over the kept items only.
std::vector<BitSet> restricted(const std::vector<BitSet>& options, const std::vector<std::size_t>& items) {
  std::vector<BitSet> out;
  for (const auto& option : options) {
    BitSet bits(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (option.test(items[i])) bits.set(i);
    }
    out.push_back(std::move(bits));
  }
  return out;
}

// The options no other option contains (of identical ones the first stays): enough to find
// the minimum size, since any cover stays a cover with each option replaced by a container.
std::vector<BitSet> undominated(const std::vector<BitSet>& options, WorkBudget& budget) {
  std::vector<std::size_t> order(options.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::vector<std::size_t> count(options.size());
  for (std::size_t o = 0; o < options.size(); ++o) count[o] = options[o].count();
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return count[a] > count[b]; });
  std::vector<BitSet> kept;
  for (std::size_t o : order) {
    if (count[o] == 0) continue;
    budget.spend(kept.size() * words(options[o].size()));
    bool dominated = std::any_of(kept.begin(), kept.end(), [&](const BitSet& k) { return options[o].is_subset_of(k); });
    if (!dominated) kept.push_back(options[o]);
  }
  return kept;
}

}  // namespace

MinimumCovers find_minimum_covers(std::size_t item_count, const std::vector<BitSet>& options,
                                  const CoverSearchLimits& limits) {
  MinimumCovers result;
  BitSet coverable(item_count);
  for (const auto& option : options) coverable |= option;
  if (coverable.count() != item_count) {
    result.status = CoverSearchStatus::impossible;
    return result;
  }
  WorkBudget budget(limits.max_work);
  auto stopped = [&](std::uint64_t nodes) {
    result.status = CoverSearchStatus::node_limit_reached;
    result.nodes = nodes;
    result.in_every.clear();
    return result;
  };
  std::vector<std::size_t> items = implying_items(item_count, options, budget);
  std::vector<BitSet> reduced = restricted(options, items);

  // The smallest k with a cover (iterative deepening: a search at k fails fast when the
  // bounds show k options cannot do), among the undominated options.
  std::vector<BitSet> strongest = undominated(reduced, budget);
  CoverSearch sizing(items.size(), strongest, budget);
  const BitSet none_forbidden_strongest(strongest.size());
  std::size_t k = 0;
  while (!sizing.exists(k, none_forbidden_strongest)) {
    if (budget.exhausted()) return stopped(sizing.nodes());
    ++k;
  }
  result.size = k;

  // Every cover of size k among all options.
  CoverSearch search(items.size(), reduced, budget);
  const BitSet none_forbidden(options.size());
  bool truncated = false;
  search.search(k, none_forbidden, [&](const std::vector<std::size_t>& cover) {
    if (result.covers.size() == limits.max_covers) {
      truncated = true;
      return false;
    }
    result.covers.push_back(cover);
    return true;
  });
  if (budget.exhausted()) return stopped(sizing.nodes() + search.nodes());
  if (!truncated) {
    result.status = CoverSearchStatus::complete;
    // Options in every cover: those of the first that all the others share.
    for (std::size_t option : result.covers.front()) {
      bool everywhere = std::all_of(result.covers.begin(), result.covers.end(), [&](const auto& cover) {
        return std::binary_search(cover.begin(), cover.end(), option);
      });
      if (everywhere) result.in_every.push_back(option);
    }
  } else {
    result.status = CoverSearchStatus::covers_truncated;
    // An option is in every minimum cover when no cover of the same size does without it.
    for (std::size_t option : result.covers.front()) {
      BitSet without(options.size());
      without.set(option);
      bool avoidable = search.exists(k, without);
      if (budget.exhausted()) return stopped(sizing.nodes() + search.nodes());
      if (!avoidable) result.in_every.push_back(option);
    }
  }
  result.nodes = sizing.nodes() + search.nodes();
  return result;
}

}  // namespace lmo::domain
