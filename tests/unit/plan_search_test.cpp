// Plan search: the ISTA oracle, every result meeting its constraints, agreement with the
// exhaustive reference, a brute force over every plan of a small grid finding nothing cheaper,
// the shipment check's suggestion, and every refusal.
#include "domain/plan_search.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace lmo::domain {
namespace {

std::vector<PlanCandidate> found(const Checked<std::vector<PlanCandidate>>& result) {
  if (const auto* error = error_of(result)) ADD_FAILURE() << error->field << ": " << error->message;
  const auto* plans = std::get_if<std::vector<PlanCandidate>>(&result);
  return plans ? *plans : std::vector<PlanCandidate>{};
}

std::string field_of(const PlanSearchCriteria& criteria) {
  auto result = search_plans(criteria);
  const auto* error = error_of(result);
  return error ? error->field : "(none)";
}

long long pool_size_of(const SamplingPlan& plan) {
  if (std::holds_alternative<IndividualSeedPlan>(plan)) return 1;
  if (const auto* pooled = std::get_if<PooledPlan>(&plan)) return pooled->pool_size;
  return std::get<DoubleStagePlan>(plan).pool_size;
}

PlanSearchCriteria ista_workshop() {
  // "Accept 0, LQL 1 %, β 5 %" → 2 pools of 150 seeds (ISTA 2006 workshop, domain.md §7). Zero
  // tolerance needs (0.99)^(m·n) ≤ 0.05, i.e. m·n ≥ 299 seeds. With pools of at most 150 seeds
  // (the assay detects one GM seed in 150) and assays far dearer than seeds, the fewest assays
  // is 2, and 2 pools need n ≥ 149.5, so 2 × 150 — the workshop's plan. No producer-risk target
  // (no AQL): the plan only has to hold the consumer risk.
  PlanSearchCriteria criteria;
  criteria.lql = 0.01;
  criteria.max_consumer_risk = 0.05;
  criteria.max_pool_size = 150;
  criteria.cost_per_assay = 100.0;
  criteria.cost_per_seed = 0.01;
  criteria.max_acceptance_number = 0;
  return criteria;
}

PlanSearchCriteria realistic() {
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

void expect_pooled(const SamplingPlan& plan, long long pools, long long pool_size, long long acceptance_number) {
  const auto* pooled = std::get_if<PooledPlan>(&plan);
  ASSERT_NE(pooled, nullptr);
  EXPECT_EQ(pooled->pools, pools);
  EXPECT_EQ(pooled->pool_size, pool_size);
  EXPECT_EQ(pooled->acceptance_number, acceptance_number);
}

TEST(PlanSearchOracle, IstaAcceptZeroLqlOnePercentBetaFivePercentGivesTwoPoolsOf150) {
  auto plans = found(search_plans(ista_workshop()));
  ASSERT_FALSE(plans.empty());
  expect_pooled(plans.front().plan, 2, 150, 0);
  EXPECT_DOUBLE_EQ(plans.front().cost, 2 * 100.0 + 300 * 0.01);
  EXPECT_NEAR(plans.front().consumer_risk, std::pow(0.99, 300), 1e-15);
}

TEST(PlanSearchOracle, IstaPlanAlsoFromTheDetectionLimitAndFromFewestAssays) {
  // The same inputs stated as the assay's LOD (1 GM seed in 150 = 0.667 %) …
  auto criteria = ista_workshop();
  criteria.max_pool_size = std::get<long long>(max_pool_size_for_lod(1.0 / 150.0));
  expect_pooled(found(search_plans(criteria)).front().plan, 2, 150, 0);
  // … as "fewest assays, then fewest seeds" (seeds free), and with acceptance numbers allowed.
  criteria.cost_per_assay = 1.0;
  criteria.cost_per_seed = 0.0;
  criteria.max_acceptance_number = 20;
  expect_pooled(found(search_plans(criteria)).front().plan, 2, 150, 0);
  // The shipment check's suggestion agrees.
  auto suggestion = suggest_plan({0.01, 0.95, 150, {}});
  ASSERT_FALSE(error_of(suggestion));
  expect_pooled(std::get<PlanCandidate>(suggestion).plan, 2, 150, 0);
}

TEST(PlanSearchSuggestion, ZeroToleranceOneInAThousandWithPoolsOfAtMost400) {
  // 2995 seeds are needed; 8 pools are the fewest, and 8 × 375 = 3000 the fewest seeds for them.
  auto suggestion = suggest_plan({0.001, 0.95, 400, {}});
  ASSERT_FALSE(error_of(suggestion));
  const auto& plan = std::get<PlanCandidate>(suggestion);
  expect_pooled(plan.plan, 8, 375, 0);
  EXPECT_LE(plan.consumer_risk, 0.05);
  EXPECT_EQ(suggest_plan({0.001, 0.95, 1, {}}).index(), 0u);
  EXPECT_EQ(std::get<IndividualSeedPlan>(std::get<PlanCandidate>(suggest_plan({0.001, 0.95, 1, {}})).plan).seeds, 2995);
  EXPECT_EQ(error_of(suggest_plan({0.0, 0.95, 400, {}}))->field, "proportion");
  EXPECT_EQ(error_of(suggest_plan({0.001, 1.5, 400, {}}))->field, "confidence");
  EXPECT_EQ(error_of(suggest_plan({0.001, 0.95, 0, {}}))->field, "max_pool_size");
}

void expect_constraints_met(const PlanSearchCriteria& criteria, const std::vector<PlanCandidate>& plans) {
  EXPECT_LE(plans.size(), criteria.limit);
  for (std::size_t i = 0; i < plans.size(); ++i) {
    const auto& candidate = plans[i];
    EXPECT_FALSE(error_of(validate_plan(candidate.plan, criteria.max_pool_size)));
    // Recomputed from the plan, not trusted from the candidate.
    double beta = acceptance_probability(candidate.plan, criteria.lql);
    EXPECT_LE(beta, criteria.max_consumer_risk);
    EXPECT_EQ(beta, candidate.consumer_risk);
    if (criteria.aql) {
      double alpha = rejection_probability(candidate.plan, *criteria.aql);
      EXPECT_LE(alpha, criteria.max_producer_risk);
      EXPECT_EQ(alpha, candidate.producer_risk.value_or(-1.0));
    }
    EXPECT_LE(pool_size_of(candidate.plan), criteria.max_pool_size);
    EXPECT_LE(assays_max(candidate.plan), criteria.max_pools);
    if (criteria.max_seeds) {
      EXPECT_LE(candidate.seeds, *criteria.max_seeds);
    }
    EXPECT_EQ(candidate.seeds, seeds_total(candidate.plan));
    if (i > 0) {
      EXPECT_LE(plans[i - 1].cost, candidate.cost);
    }
  }
}

TEST(PlanSearchProperty, EveryResultMeetsItsConstraintsAcrossSettings) {
  std::vector<PlanSearchCriteria> settings;
  settings.push_back(ista_workshop());
  settings.push_back(realistic());
  auto with_errors = realistic();
  with_errors.errors = {0.01, 0.02};
  with_errors.include_double_stage = true;
  settings.push_back(with_errors);
  auto feed = realistic();
  feed.aql = 0.0005;
  feed.lql = 0.005;
  feed.max_pool_size = 1000;
  feed.max_seeds = 20'000;
  feed.cost_per_seed = 0.1;
  settings.push_back(feed);
  auto strict = realistic();
  strict.max_consumer_risk = 0.01;
  strict.max_producer_risk = 0.01;
  strict.include_double_stage = true;
  settings.push_back(strict);
  for (const auto& criteria : settings) {
    auto plans = found(search_plans(criteria));
    EXPECT_FALSE(plans.empty());
    expect_constraints_met(criteria, plans);
  }
}

TEST(PlanSearchProperty, NothingFoundWhenTheLimitsAreTooTight) {
  auto criteria = realistic();
  criteria.max_pools = 3;
  EXPECT_TRUE(found(search_plans(criteria)).empty());
  criteria = ista_workshop();
  criteria.max_seeds = 298;  // 299 seeds are needed
  EXPECT_TRUE(found(search_plans(criteria)).empty());
}

TEST(PlanSearchProperty, DoubleStageOnlyWithAProducerRiskTarget) {
  auto criteria = ista_workshop();
  criteria.include_double_stage = true;
  for (const auto& candidate : found(search_plans(criteria))) {
    EXPECT_FALSE(std::holds_alternative<DoubleStagePlan>(candidate.plan));
  }
}

bool same_plans(const std::vector<PlanCandidate>& a, const std::vector<PlanCandidate>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].cost != b[i].cost || a[i].seeds != b[i].seeds || a[i].plan.index() != b[i].plan.index() ||
        seeds_total(a[i].plan) != seeds_total(b[i].plan) || assays_max(a[i].plan) != assays_max(b[i].plan) ||
        pool_size_of(a[i].plan) != pool_size_of(b[i].plan)) {
      return false;
    }
  }
  return true;
}

std::vector<PlanSearchCriteria> small_grids() {
  std::vector<PlanSearchCriteria> grids;
  for (double lql : {0.03, 0.25}) {
    for (std::optional<double> aql : {std::optional<double>{}, std::optional<double>{0.004}}) {
      for (AssayErrorRates errors : {AssayErrorRates{}, AssayErrorRates{0.02, 0.05}}) {
        for (double seed_cost : {0.0, 0.5}) {
          PlanSearchCriteria criteria;
          criteria.lql = lql;
          criteria.aql = aql;
          criteria.max_consumer_risk = 0.1;
          criteria.max_producer_risk = 0.1;
          criteria.cost_per_assay = 10.0;
          criteria.cost_per_seed = seed_cost;
          criteria.max_pool_size = 15;
          criteria.max_pools = 24;
          criteria.max_acceptance_number = 5;
          criteria.errors = errors;
          criteria.include_double_stage = true;
          criteria.limit = 30;
          grids.push_back(criteria);
        }
      }
    }
  }
  return grids;
}

TEST(PlanSearchCrossCheck, FastSearchEqualsTheExhaustiveReference) {
  for (const auto& criteria : small_grids()) {
    auto fast = found(search_plans(criteria));
    auto reference = found(search_plans_exhaustively(criteria));
    EXPECT_FALSE(reference.empty());
    EXPECT_TRUE(same_plans(fast, reference))
        << "lql " << criteria.lql << " aql " << criteria.aql.value_or(0) << " fpr " << criteria.errors.false_positive
        << " seed cost " << criteria.cost_per_seed;
  }
}

TEST(PlanSearchCrossCheck, WholeCandidateSetMatchesWhenItFitsInTheList) {
  // Fewer plans than the limit: every plan found, not only the best few, must agree.
  PlanSearchCriteria criteria;
  criteria.lql = 0.03;
  criteria.aql = 0.004;
  criteria.max_consumer_risk = 0.1;
  criteria.max_producer_risk = 0.1;
  criteria.cost_per_assay = 10.0;
  criteria.cost_per_seed = 0.5;
  criteria.max_pool_size = 15;
  criteria.max_pools = 14;
  criteria.max_acceptance_number = 5;
  criteria.include_double_stage = true;
  criteria.limit = 100;
  auto fast = found(search_plans(criteria));
  EXPECT_GT(fast.size(), 50u);
  EXPECT_LT(fast.size(), criteria.limit);
  EXPECT_TRUE(same_plans(fast, found(search_plans_exhaustively(criteria))));
}

TEST(PlanSearchCrossCheck, BruteForceOverEverySingleStagePlanFindsNothingCheaper) {
  // Every (n, c, m) in the grid, each priced and checked here from the definitions.
  for (const auto& grid : small_grids()) {
    auto criteria = grid;
    criteria.include_double_stage = false;
    auto plans = found(search_plans(criteria));
    ASSERT_FALSE(plans.empty());
    double cheapest = std::numeric_limits<double>::infinity();
    for (long long n = 1; n <= criteria.max_pool_size; ++n) {
      for (long long c = 0; c <= criteria.max_acceptance_number; ++c) {
        for (long long m = c + 1; m <= criteria.max_pools; ++m) {
          SamplingPlan plan = PooledPlan{m, n, c, criteria.errors};
          bool meets = acceptance_probability(plan, criteria.lql) <= criteria.max_consumer_risk &&
                       (!criteria.aql || rejection_probability(plan, *criteria.aql) <= criteria.max_producer_risk);
          if (meets) cheapest = std::min(cheapest, m * criteria.cost_per_assay + m * n * criteria.cost_per_seed);
        }
      }
    }
    EXPECT_DOUBLE_EQ(plans.front().cost, cheapest);
  }
}

TEST(PlanSearchCrossCheck, ExhaustiveAndFastAgreeOnTheRealisticSettingWithLimits) {
  auto criteria = realistic();
  criteria.max_pool_size = 80;
  criteria.max_pools = 30;
  criteria.max_acceptance_number = 5;
  criteria.include_double_stage = true;
  criteria.limit = 40;
  auto fast = found(search_plans(criteria));
  EXPECT_TRUE(same_plans(fast, found(search_plans_exhaustively(criteria))));
  EXPECT_TRUE(std::any_of(fast.begin(), fast.end(), [](const auto& candidate) {
    return std::holds_alternative<DoubleStagePlan>(candidate.plan);
  }));
}

TEST(PlanSearchValidation, NamesTheFieldAtFault) {
  auto base = realistic();
  auto with = [&](auto change) {
    auto criteria = base;
    change(criteria);
    return field_of(criteria);
  };
  EXPECT_EQ(with([](auto&) {}), "(none)");
  EXPECT_EQ(with([](auto& c) { c.lql = 0.0; }), "lql");
  EXPECT_EQ(with([](auto& c) { c.lql = 1.0; }), "lql");
  EXPECT_EQ(with([](auto& c) { c.aql = 0.02; }), "aql");
  EXPECT_EQ(with([](auto& c) { c.aql = 0.0; }), "aql");
  EXPECT_EQ(with([](auto& c) { c.max_consumer_risk = 0.0; }), "max_consumer_risk");
  EXPECT_EQ(with([](auto& c) { c.max_producer_risk = 1.0; }), "max_producer_risk");
  EXPECT_EQ(with([](auto& c) { c.cost_per_assay = -1.0; }), "cost_per_assay");
  EXPECT_EQ(with([](auto& c) { c.cost_per_seed = std::nan(""); }), "cost_per_seed");
  EXPECT_EQ(with([](auto& c) {
              c.cost_per_assay = 0.0;
              c.cost_per_seed = 0.0;
            }),
            "cost_per_assay");
  EXPECT_EQ(with([](auto& c) { c.max_pool_size = 0; }), "max_pool_size");
  EXPECT_EQ(with([](auto& c) { c.max_pool_size = 10'001; }), "max_pool_size");
  EXPECT_EQ(with([](auto& c) { c.max_pools = 0; }), "max_pools");
  EXPECT_EQ(with([](auto& c) { c.max_seeds = 0; }), "max_seeds");
  EXPECT_EQ(with([](auto& c) { c.max_acceptance_number = -1; }), "max_acceptance_number");
  EXPECT_EQ(with([](auto& c) { c.limit = 0; }), "limit");
  EXPECT_EQ(with([](auto& c) { c.errors = {1.0, 0.0}; }), "false_positive_rate");
  EXPECT_EQ(with([](auto& c) { c.errors = {0.3, 0.7}; }), "false_negative_rate");
}

}  // namespace
}  // namespace lmo::domain
