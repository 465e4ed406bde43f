// PlanSearch: the cheapest sampling plans that hold the consumer risk β at the LQL (and, when
// an AQL is given, the producer risk α at the AQL), for a laboratory's cost per assay and per
// seed and the largest pool its assay's detection limit allows. Also `suggest_plan`, the
// zero-tolerance plan a shipment check proposes for a consignment.
//
// What is searched. Single-stage plans: every pool size n = 1 … max_pool_size (n = 1 is an
// individual-seed plan) and acceptance number c = 0 … max_acceptance_number. Double-stage plans
// (on request, and only with an AQL: without a producer-risk target a single-stage plan with
// the first stage's pools and c1 is always cheaper): every n, c1 = 0 … 3, r1 = c1 + 2 … c1 + 4,
// c2 = c1 + 1 … r1 + 1 (c2 ≤ max_acceptance_number), and every m1. For each design the
// search keeps the fewest pools (m, or m2 for a given m1) that meet β: more pools only cost more
// and raise α. Limits: max_pools bounds all pools of a plan (m, or m1 + m2); max_seeds bounds
// every seed the sample holds.
//
// Cost. Single stage: m·cost_per_assay + m·n·cost_per_seed. Double stage: the expected number of
// assays at the AQL times cost_per_assay, plus all (m1 + m2)·n seeds (the laboratory receives
// the whole sample before the first test). Plans are ranked by cost, then fewer seeds, then
// fewer expected assays, then design (smaller pools, acceptance numbers and pool counts first).
// Plans that differ only in pool size (same pool counts and acceptance rule) are listed once,
// with their cheapest pool size, so that the list shows different ways to test.
//
// How. For each n and c the fewest pools meeting β are found by galloping and bisection
// (P(accept at LQL) falls as pools are added) starting from the answer for c − 1 (it can only
// grow with c); α is then checked once. A pool size, acceptance number or first-stage pool count
// is abandoned as soon as its cheapest possible plan costs more than the current K-th best, and
// pool sizes stop growing once every acceptance number c needs only c + 1 pools (larger pools
// then only repeat those plans with more seeds).
// `search_plans_exhaustively` evaluates every design and pool count in the same space without
// those shortcuts; it is the reference the tests and benchmark compare against.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "domain/field_error.hpp"
#include "domain/sampling_plan.hpp"

namespace lmo::domain {

struct PlanSearchCriteria {
  double lql = 0.01;
  double max_consumer_risk = 0.05;  // β at the LQL
  std::optional<double> aql;        // without it there is no producer-risk target
  double max_producer_risk = 0.05;  // α at the AQL
  double cost_per_assay = 1.0;
  double cost_per_seed = 0.0;
  long long max_pool_size = 1;
  AssayErrorRates errors;
  long long max_pools = 10'000;
  std::optional<long long> max_seeds;
  long long max_acceptance_number = 20;
  bool include_double_stage = false;
  std::size_t limit = 10;
};

// The double-stage grid described above.
struct DoubleStageGrid {
  static constexpr long long max_first_acceptance = 3;
  static constexpr long long rejection_above_acceptance_min = 2;
  static constexpr long long rejection_above_acceptance_max = 4;
  static constexpr long long second_acceptance_above_rejection = 1;
};

struct PlanCandidate {
  SamplingPlan plan;  // IndividualSeedPlan (n = 1), PooledPlan or DoubleStagePlan
  double cost = 0.0;
  long long seeds = 0;
  double expected_assays = 0.0;         // at the AQL (at p = 0 without one)
  std::optional<double> producer_risk;  // α at the AQL, when one is given
  double consumer_risk = 0.0;           // β at the LQL
};

// Fields at fault: "lql", "aql", "max_consumer_risk", "max_producer_risk", "cost_per_assay",
// "cost_per_seed", "max_pool_size", "max_pools", "max_seeds", "max_acceptance_number", "limit",
// and the assay error rates. An empty list means no plan within the limits meets the risks.
Checked<std::vector<PlanCandidate>> search_plans(const PlanSearchCriteria& criteria);
Checked<std::vector<PlanCandidate>> search_plans_exhaustively(const PlanSearchCriteria& criteria);

// The zero-tolerance plan (accept only when no pool tests positive) that detects `proportion`
// with `confidence`: the fewest assays with pools of at most `max_pool_size` seeds, then the
// fewest seeds. E.g. 0.1 % at 95 % with pools of at most 400 seeds → 8 pools of 375 seeds.
struct DetectionPlanRequest {
  double proportion = 0.001;
  double confidence = 0.95;
  long long max_pool_size = 1;
  AssayErrorRates errors;
};
Checked<PlanCandidate> suggest_plan(const DetectionPlanRequest& request);

}  // namespace lmo::domain
