// StackedEstimate: shares of seed types in a lot when pools are tested with one event-specific
// assay per event (rseedcalc-style multinomial group testing, for 1 to 3 events).
//  - Seed types are the combinations of events a seed carries, written as bit masks (bit e:
//    events[e]); type 0 is non-GM. Every combination is modelled by default (for two events:
//    non-GM, A, B, stack A+B; for three: non-GM, A, B, C, A+B, A+C, B+C, A+B+C); `seed_types`
//    restricts the GM types modelled (e.g. no A+C stack in this crop) — fewer parameters.
//  - A pool's true class is the union of its seeds' events; P(class ⊆ D) = F(D)^n with
//    F(D) = Σ_{S ⊆ D} p_S, so P(class = C) = Σ_{D ⊆ C} (−1)^|C∖D| F(D)^n (Möbius inversion).
//  - Assays err independently per event: a pool's observed class O arises from its true class C
//    with probability Π_e [fpr_e or 1 − fpr_e if e ∉ C; 1 − fnr_e or fnr_e if e ∈ C].
//  - Fit: maximum likelihood over the simplex of type shares by EM (the missing data are the
//    seed types in each pool), accelerated by SQUAREM with a likelihood safeguard; the iterates
//    stay inside the simplex; computed in logarithms so that large pools do not underflow.
//    Stops when no share moves by more than `tolerance`, or reports "not_converged" once
//    `max_iterations` EM steps are spent. A converged fit with a modelled type at 0 is "boundary".
//  - An event positive in every pool (with false negatives: in a share ≥ 1 − fnr of them) puts
//    its share above the measurable range: status "all_pools_positive", no estimate.
// Non-convergence and saturated events are statuses, never numbers.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/assay_error_rates.hpp"
#include "domain/field_error.hpp"

namespace lmo::domain {

inline constexpr std::size_t kMaxStackedEvents = 3;

struct StackedPoolData {
  long long pool_size = 0;                    // seeds per pool (n)
  std::vector<std::string> events;            // 1 to 3 event names
  std::vector<long long> class_counts;        // pools per observed class, by mask: 2^events entries
  std::vector<AssayErrorRates> assay_errors;  // one per event; empty: error-free assays
  std::vector<unsigned> seed_types;           // GM types modelled (masks ≥ 1); empty: all combinations
};

struct StackedFitOptions {
  int max_iterations = 20000;
  double tolerance = 1e-10;  // largest change of any share between two EM steps at convergence
};

enum class StackedStatus { converged, boundary, not_converged, all_pools_positive };

struct StackedEstimate {
  StackedStatus status = StackedStatus::converged;
  std::vector<unsigned> seed_types;  // the types modelled, non-GM (0) first, ascending
  // By mask (2^events entries, 0 for types not modelled); empty unless converged or boundary.
  std::vector<double> type_shares;
  std::vector<double> expected_class_counts;  // by mask; empty unless converged or boundary
  std::optional<double> log_likelihood;       // Σ count·log P(class), without the multinomial coefficient
  int iterations = 0;
  std::vector<std::size_t> saturated_events;  // events positive in every pool (≥ 1 − fnr of them)
};

// Fields: events, events[i], pool_size, class_counts, class_counts.<label>, fpr, fpr[i], fnr[i],
// seed_types, seed_types[i], max_iterations.
Checked<StackedEstimate> estimate_stacked(const StackedPoolData& data, const StackedFitOptions& options = {});

// Event names: 1 to 3, non-empty, distinct, without '+', not "none" or "non_gm". Fields: events,
// events[i].
std::optional<FieldError> check_event_names(const std::vector<std::string>& events);

// P(observed class = O) for every mask O, given type shares by mask (2^k entries summing to 1),
// pool size and per-event error rates (empty: none).
std::vector<double> observed_class_probabilities(const std::vector<double>& type_shares, long long pool_size,
                                                 const std::vector<AssayErrorRates>& errors);

// "A+B" for mask 0b11 with events {A, B}; `empty_label` for mask 0 ("none" for a pool class,
// "non_gm" for a seed type).
std::string combination_label(unsigned mask, const std::vector<std::string>& events, std::string_view empty_label);
// The mask of a label written as event names joined by '+' in any order, or nullopt.
std::optional<unsigned> parse_combination_label(std::string_view label, const std::vector<std::string>& events,
                                                std::string_view empty_label);

}  // namespace lmo::domain
