// MinimumCovers: the exact search behind the screening matrix's "minimum explanations" —
// given items that must be covered (positive results) and options that each cover some of
// them (groups of candidate events), find the smallest number of options covering every
// item, every cover of that size, and the options present in all of them. Items implied by
// others (every option covering one covers the other) are dropped first; the minimum size is
// found among options no other option contains, then every cover of that size among all.
// Branch and bound on the item with the fewest remaining options, with lower bounds from
// disjoint items and from the largest option; each cover is produced once (an option declined
// in one branch is barred from the branches after it). Effort is bounded, so that any input
// answers in about a second: the search stops with node_limit_reached beyond it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "domain/bit_set.hpp"

namespace lmo::domain {

struct CoverSearchLimits {
  // Search effort over all stages, in 64-bit word operations on bit sets (each search node
  // costs about (items + options) × words); 200 million take roughly a second.
  std::uint64_t max_work = 200'000'000;
  std::size_t max_covers = 100'000;  // minimum covers enumerated before stopping
};

enum class CoverSearchStatus {
  complete,            // the minimum size and every minimum cover
  covers_truncated,    // the minimum size, the first max_covers covers, and in_every
  node_limit_reached,  // the effort limit stopped the search: size may be known, in_every is not
  impossible,          // some item is covered by no option
};

struct MinimumCovers {
  CoverSearchStatus status = CoverSearchStatus::complete;
  std::optional<std::size_t> size;             // options per minimum cover, when known
  std::vector<std::vector<std::size_t>> covers;  // option indices, increasing in each cover
  std::vector<std::size_t> in_every;           // options in every minimum cover (increasing)
  std::uint64_t nodes = 0;
};

// `options[i]` holds the items option i covers; every BitSet has `item_count` bits.
// With no items the only minimum cover is the empty one.
MinimumCovers find_minimum_covers(std::size_t item_count, const std::vector<BitSet>& options,
                                  const CoverSearchLimits& limits = {});

}  // namespace lmo::domain
