// PanelDesign: the cheapest screening panel — at most K methods of a ScreeningMatrix that
// together detect at least X % of a set of target events (domain.md §7, weighted set cover;
// GMOtrack defaults K = 5, X = 80 %) — and the coverage curve: the most targets any 1..K
// methods can detect. Both are exact: branch and bound over methods that no other method
// dominates (detecting a subset of the targets of a method no more expensive), bounded by the
// best coverage the remaining slots can add and by a fractional lower bound on the cost of
// the coverage still missing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "domain/field_error.hpp"
#include "domain/screening_matrix.hpp"

namespace lmo::domain {

inline constexpr std::size_t kMaxPanelMethods = 20;

struct PanelRequest {
  std::vector<std::size_t> targets;  // event indices; empty: every event of the matrix
  std::vector<std::size_t> methods;  // candidate method indices; empty: every non-marker method
  std::vector<double> costs;         // one per matrix method; empty: the matrix's costs
  double coverage = 80;              // percent of the targets, in (0, 100]
  std::size_t max_methods = 5;       // in [1, kMaxPanelMethods]
  // Search effort over the whole design, in 64-bit word operations on bit sets (each node
  // costs about methods × words of the target set); a billion take at most a second or two.
  std::uint64_t max_work = 1'000'000'000;
};

enum class PanelStatus {
  optimal,             // the cheapest panel reaching the coverage
  infeasible,          // no K methods reach the coverage
  search_limit_reached,  // the effort limit stopped the search: `panel` (if any) reaches the
                         // coverage but is not proven cheapest
};
std::string_view panel_status_name(PanelStatus status);  // "optimal", "infeasible", "search_limit_reached"

struct Panel {
  std::vector<std::size_t> methods;  // method indices, increasing
  double cost = 0;
  std::size_t covered = 0;  // target events detected
};

struct CoveragePoint {
  std::size_t max_methods = 0;  // k
  Panel best;                   // most targets with at most k methods (cheapest among those)
  bool exact = true;            // false when the effort limit stopped it
};

struct PanelDesign {
  PanelStatus status = PanelStatus::optimal;
  std::size_t target_count = 0;
  std::size_t required = 0;           // targets the panel must detect: ⌈X % × targets⌉
  std::optional<Panel> panel;         // the cheapest (ties: more coverage, then fewer methods)
  std::vector<std::size_t> uncovered;  // targets the panel misses
  std::vector<std::size_t> undetectable;  // targets no candidate method detects
  std::vector<CoveragePoint> curve;   // k = 1 .. max_methods
  std::uint64_t search_nodes = 0;
};

// Errors: "targets[i]" / "methods[i]" (out of range or repeated), "costs" (wrong count),
// "costs[i]" (not in (0, 1e9]), "coverage" (not in (0, 100]), "max_methods" (not in 1..20).
Checked<PanelDesign> design_panel(const ScreeningMatrix& matrix, const PanelRequest& request);

}  // namespace lmo::domain
