// Sampling-plan search benchmarks (issue #5 item 7: plan search over a realistic grid).
//
// Realistic settings, searched as a laboratory would (pools up to the detection limit, up to
// 10 000 pools, acceptance numbers up to 20, top 10):
//  - seed_lot:   AQL 0.1 %, LQL 1 %, α = β = 5 %, pools ≤ 400 seeds, 100 per assay, 0.01 per seed;
//  - seed_lot_double_stage: the same, double-stage plans included;
//  - feed_zero:  AQL 0.05 %, LQL 0.5 % (around the EU feed "technical zero" of 0.1 %), α = β = 5 %,
//                LOD 0.1 % (pools ≤ 1000), assay errors fpr 1 % / fnr 2 %, 150 per assay, 0.02 per seed;
//  - labelling:  AQL 0.3 %, LQL 0.9 % (the EU labelling threshold), α 5 %, β 10 %, pools ≤ 200,
//                80 per assay, 0.005 per seed, double-stage plans included;
//  - suggestion: the shipment check's zero-tolerance plan for 0.1 % at 95 % with pools ≤ 400.
// Baseline in the same run: the exhaustive search (every design and every pool count, no
// monotonicity shortcuts) on bounded versions of seed_lot and seed_lot_double_stage — the only
// grids small enough for it — against the fast search on exactly the same bounded criteria.
// Before timing, each bounded pair is checked to return the same plans.
#include <benchmark/benchmark.h>

#include "domain/plan_search.hpp"

using namespace lmo::domain;

namespace {

PlanSearchCriteria seed_lot() {
  PlanSearchCriteria criteria;
  criteria.aql = 0.001;
  criteria.lql = 0.01;
  criteria.max_producer_risk = 0.05;
  criteria.max_consumer_risk = 0.05;
  criteria.max_pool_size = 400;
  criteria.cost_per_assay = 100.0;
  criteria.cost_per_seed = 0.01;
  return criteria;
}

PlanSearchCriteria seed_lot_double_stage() {
  auto criteria = seed_lot();
  criteria.include_double_stage = true;
  return criteria;
}

PlanSearchCriteria feed_zero() {
  PlanSearchCriteria criteria;
  criteria.aql = 0.0005;
  criteria.lql = 0.005;
  criteria.max_producer_risk = 0.05;
  criteria.max_consumer_risk = 0.05;
  criteria.max_pool_size = 1000;
  criteria.errors = {0.01, 0.02};
  criteria.cost_per_assay = 150.0;
  criteria.cost_per_seed = 0.02;
  return criteria;
}

PlanSearchCriteria labelling() {
  PlanSearchCriteria criteria;
  criteria.aql = 0.003;
  criteria.lql = 0.009;
  criteria.max_producer_risk = 0.05;
  criteria.max_consumer_risk = 0.10;
  criteria.max_pool_size = 200;
  criteria.cost_per_assay = 80.0;
  criteria.cost_per_seed = 0.005;
  criteria.include_double_stage = true;
  return criteria;
}

// Small enough for the exhaustive baseline: 400 pool sizes × 11 acceptance numbers × 100 pool
// counts for single stage; 60 pool sizes × 25 pools for double stage.
PlanSearchCriteria bounded_seed_lot() {
  auto criteria = seed_lot();
  criteria.max_pools = 100;
  criteria.max_acceptance_number = 10;
  return criteria;
}

PlanSearchCriteria bounded_seed_lot_double_stage() {
  auto criteria = seed_lot_double_stage();
  criteria.max_pool_size = 60;
  criteria.max_pools = 25;
  criteria.max_acceptance_number = 6;
  return criteria;
}

std::size_t plans_found(const Checked<std::vector<PlanCandidate>>& result) {
  const auto* plans = std::get_if<std::vector<PlanCandidate>>(&result);
  return plans ? plans->size() : 0;
}

void BM_Search(benchmark::State& state, PlanSearchCriteria criteria) {
  std::size_t found = 0;
  for (auto _ : state) {
    auto result = search_plans(criteria);
    found = plans_found(result);
    benchmark::DoNotOptimize(result);
  }
  if (found == 0) state.SkipWithError("no plan found");
  state.counters["plans"] = static_cast<double>(found);
}

bool same_costs(const Checked<std::vector<PlanCandidate>>& a, const Checked<std::vector<PlanCandidate>>& b) {
  const auto* left = std::get_if<std::vector<PlanCandidate>>(&a);
  const auto* right = std::get_if<std::vector<PlanCandidate>>(&b);
  if (!left || !right || left->size() != right->size() || left->empty()) return false;
  for (std::size_t i = 0; i < left->size(); ++i) {
    if ((*left)[i].cost != (*right)[i].cost || (*left)[i].seeds != (*right)[i].seeds) return false;
  }
  return true;
}

void BM_Exhaustive(benchmark::State& state, PlanSearchCriteria criteria) {
  if (!same_costs(search_plans(criteria), search_plans_exhaustively(criteria))) {
    state.SkipWithError("fast and exhaustive searches disagree");
    return;
  }
  for (auto _ : state) {
    auto result = search_plans_exhaustively(criteria);
    benchmark::DoNotOptimize(result);
  }
}

void BM_Suggestion(benchmark::State& state) {
  for (auto _ : state) {
    auto suggestion = suggest_plan({0.001, 0.95, 400, {}});
    benchmark::DoNotOptimize(suggestion);
  }
}

}  // namespace

BENCHMARK_CAPTURE(BM_Search, seed_lot, seed_lot())->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Search, seed_lot_double_stage, seed_lot_double_stage())->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Search, feed_zero, feed_zero())->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Search, labelling, labelling())->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Suggestion)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Search, bounded_seed_lot, bounded_seed_lot())->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Exhaustive, bounded_seed_lot, bounded_seed_lot())->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Search, bounded_seed_lot_double_stage, bounded_seed_lot_double_stage())
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Exhaustive, bounded_seed_lot_double_stage, bounded_seed_lot_double_stage())
    ->Unit(benchmark::kMillisecond)
    ->Iterations(2);
