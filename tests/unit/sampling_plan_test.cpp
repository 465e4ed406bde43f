// Sampling plans: the published oracles of domain.md §7, cross-checks by exact enumeration and
// by simulating seed lots, properties over grids, extreme inputs, and every refusal.
#include "domain/sampling_plan.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "domain/binomial_tail.hpp"
#include "domain/seed_mass.hpp"

namespace lmo::domain {
namespace {

const FieldError& error(const Checked<SamplingPlan>& checked) {
  static const FieldError none{"(none)", ""};
  const auto* found = error_of(checked);
  return found ? *found : none;
}

std::string field_of(const SamplingPlan& plan, std::optional<long long> max_pool_size = std::nullopt) {
  return error(validate_plan(plan, max_pool_size)).field;
}

// P(X = k) for X ~ Bin(n, q) in long double, independent of Boost.Math: (1 − q)^n from
// log1p, then the ratio P(X = j + 1) / P(X = j) = (n − j)/(j + 1) · q/(1 − q) up to k.
long double point_reference(long long n, long long k, long double q) {
  if (k < 0 || k > n) return 0.0L;
  if (q == 0.0L) return k == 0 ? 1.0L : 0.0L;
  long double term = std::exp(static_cast<long double>(n) * std::log1p(-q));
  for (long long j = 0; j < k; ++j)
    term *= static_cast<long double>(n - j) / static_cast<long double>(j + 1) * q / (1.0L - q);
  return term;
}

long double lower_reference(long long n, long long c, long double q) {
  long double sum = 0.0L;
  for (long long k = 0; k <= std::min(c, n); ++k) sum += point_reference(n, k, q);
  return sum;
}

// --- Published oracles (domain.md §7) ---------------------------------------------------------

TEST(SamplingPlanOracle, PublishedZeroAcceptanceTable) {
  // N = 10 / 20 / 100 seeds, accept 0: Pacc at 1 % = 90.0 / 82.0 / 37.0 %, at 5 % = 60.0 / 36.0 / 0.6 %
  // (the table rounds to about one point).
  struct Row {
    long long seeds;
    double at_1_percent;
    double at_5_percent;
  };
  for (Row row : {Row{10, 0.900, 0.600}, Row{20, 0.820, 0.360}, Row{100, 0.370, 0.006}}) {
    SamplingPlan plan = IndividualSeedPlan{row.seeds, 0, {}};
    EXPECT_NEAR(acceptance_probability(plan, 0.01), row.at_1_percent, 0.005) << row.seeds;
    EXPECT_NEAR(acceptance_probability(plan, 0.05), row.at_5_percent, 0.005) << row.seeds;
  }
}

TEST(SamplingPlanOracle, SeedsToDetectOneInAThousandWithNinetyFivePercentConfidence) {
  auto sample = sample_to_detect({0.001, 0.95, 1, 0, {}});
  ASSERT_FALSE(error_of(sample));
  EXPECT_EQ(std::get<DetectionSample>(sample).seeds, 2995);
  EXPECT_LE(std::get<DetectionSample>(sample).acceptance_probability, 0.05);
}

TEST(SamplingPlanOracle, IstaTwoPoolsOfOneHundredFiftySeedsHoldBetaAtOnePercent) {
  SamplingPlan plan = PooledPlan{2, 150, 0, {}};
  double beta = acceptance_probability(plan, 0.01);
  EXPECT_LE(beta, 0.05);
  EXPECT_NEAR(beta, std::pow(0.99, 300), 1e-15);
}

// --- Detection: the closed forms ----------------------------------------------------------------

TEST(SamplingPlanDetection, IndividualSeedsMatchTheClosedFormOverAGrid) {
  for (double p : {1e-6, 1e-4, 0.001, 0.005, 0.01, 0.05, 0.2}) {
    for (double confidence : {0.8, 0.9, 0.95, 0.99, 0.999}) {
      auto sample = sample_to_detect({p, confidence, 1, 0, {}});
      ASSERT_FALSE(error_of(sample));
      long long expected = static_cast<long long>(std::ceil(std::log(1.0 - confidence) / std::log1p(-p)));
      EXPECT_EQ(std::get<DetectionSample>(sample).seeds, expected) << p << " " << confidence;
    }
  }
}

TEST(SamplingPlanDetection, PooledAnalogueMatchesTheClosedForm) {
  // c = 0, perfect assay: (1 − p)^(m·n) ≤ β  ⇔  m ≥ ln β / (n·ln(1 − p)).
  for (long long n : {1LL, 10LL, 150LL, 400LL, 1000LL}) {
    for (double p : {1e-4, 0.001, 0.01}) {
      auto sample = std::get<DetectionSample>(sample_to_detect({p, 0.95, n, 0, {}}));
      long long expected = static_cast<long long>(std::ceil(std::log(0.05) / (n * std::log1p(-p))));
      EXPECT_EQ(sample.pools, expected) << n << " " << p;
      EXPECT_EQ(sample.seeds, expected * n);
    }
  }
}

TEST(SamplingPlanDetection, FewestPoolsIsTheSmallestCountMeetingBeta) {
  AssayErrorRates errors{0.02, 0.05};
  for (long long c : {0LL, 1LL, 3LL}) {
    for (long long n : {1LL, 50LL, 300LL}) {
      auto sample = std::get<DetectionSample>(sample_to_detect({0.005, 0.9, n, c, errors}));
      double q = pool_test_probability(0.005, n, errors).positive;
      EXPECT_LE(binomial_lower_tail(sample.pools, c, q), 0.1 + 1e-15);
      if (sample.pools > c + 1) {
        EXPECT_GT(binomial_lower_tail(sample.pools - 1, c, q), 0.1);
      }
    }
  }
}

TEST(SamplingPlanDetection, RefusesOutOfRangeInput) {
  EXPECT_EQ(error_of(sample_to_detect({0.0, 0.95, 1, 0, {}}))->field, "proportion");
  EXPECT_EQ(error_of(sample_to_detect({1.0, 0.95, 1, 0, {}}))->field, "proportion");
  EXPECT_EQ(error_of(sample_to_detect({0.01, 1.0, 1, 0, {}}))->field, "confidence");
  EXPECT_EQ(error_of(sample_to_detect({0.01, 0.95, 0, 0, {}}))->field, "pool_size");
  EXPECT_EQ(error_of(sample_to_detect({0.01, 0.95, 1, -1, {}}))->field, "acceptance_number");
  EXPECT_EQ(error_of(sample_to_detect({0.01, 0.95, 1, 0, {0.6, 0.5}}))->field, "false_negative_rate");
  EXPECT_EQ(error_of(sample_to_detect({1e-15, 0.95, 1, 0, {}}))->field, "proportion");  // > 10^12 seeds
}

// --- Independent cross-checks -------------------------------------------------------------------

TEST(SamplingPlanCrossCheck, PooledPaccEqualsEnumerationOfPoolResults) {
  // Every one of the 2^m outcome vectors, each pool positive with probability q_obs.
  AssayErrorRates errors{0.03, 0.1};
  for (long long m : {1LL, 3LL, 6LL, 9LL}) {
    for (long long n : {1LL, 7LL, 40LL}) {
      for (double p : {0.001, 0.02, 0.3}) {
        double clean = std::pow(1.0 - p, static_cast<double>(n));
        double q = (1.0 - errors.false_negative) * (1.0 - clean) + errors.false_positive * clean;
        for (long long c = 0; c <= m; ++c) {
          double accepted = 0.0;
          for (long long outcome = 0; outcome < (1LL << m); ++outcome) {
            int positives = __builtin_popcountll(static_cast<unsigned long long>(outcome));
            if (positives <= c)
              accepted += std::pow(q, positives) * std::pow(1.0 - q, static_cast<double>(m - positives));
          }
          SamplingPlan plan = PooledPlan{m, n, c, errors};
          EXPECT_NEAR(acceptance_probability(plan, p), accepted, 1e-12) << m << " " << n << " " << p << " " << c;
        }
      }
    }
  }
}

TEST(SamplingPlanCrossCheck, DoubleStagePaccEqualsTheExplicitSum) {
  // Σ over every (x1, x2) with the plan's rule written out, probabilities from long double logs.
  AssayErrorRates errors{0.01, 0.05};
  for (DoubleStagePlan plan : {DoubleStagePlan{50, 5, 0, 2, 5, 1, errors}, DoubleStagePlan{20, 8, 1, 4, 6, 4, errors},
                               DoubleStagePlan{1, 30, 0, 3, 30, 2, {}}, DoubleStagePlan{100, 4, 1, 2, 3, 1, errors},
                               DoubleStagePlan{30, 10, 0, 5, 4, 2, errors}}) {
    for (double p : {0.0, 0.0005, 0.003, 0.02, 0.1}) {
      long double q = pool_test_probability(p, plan.pool_size, plan.errors).positive;
      long double accepted = 0.0L;
      long double assays = 0.0L;
      for (long long x1 = 0; x1 <= plan.pools; ++x1) {
        long double first = point_reference(plan.pools, x1, q);
        if (x1 <= plan.acceptance_number) {
          accepted += first;
          assays += first * plan.pools;
        } else if (x1 >= plan.rejection_number) {
          assays += first * plan.pools;
        } else {
          assays += first * (plan.pools + plan.second_pools);
          for (long long x2 = 0; x2 <= plan.second_pools; ++x2) {
            if (x1 + x2 <= plan.second_acceptance_number) accepted += first * point_reference(plan.second_pools, x2, q);
          }
        }
      }
      SamplingPlan any = plan;
      EXPECT_NEAR(acceptance_probability(any, p), static_cast<double>(accepted), 1e-12) << p;
      EXPECT_NEAR(rejection_probability(any, p), static_cast<double>(1.0L - accepted), 1e-12) << p;
      EXPECT_NEAR(expected_assays(any, p), static_cast<double>(assays), 1e-9) << p;
    }
  }
}

// Simulates seed lots seed by seed: every seed is GM with probability p, a pool is truly
// positive when it holds a GM seed, and the assay errs at its rates.
class SeedLotSimulation {
 public:
  explicit SeedLotSimulation(double p, AssayErrorRates errors)
      : gm_(p), false_positive_(errors.false_positive), false_negative_(errors.false_negative) {}
  int positive_pools(long long pools, long long pool_size) {
    int positives = 0;
    for (long long i = 0; i < pools; ++i) {
      bool gm = false;
      for (long long s = 0; s < pool_size; ++s) gm = gm_(random_) || gm;
      positives += gm ? !false_negative_(random_) : false_positive_(random_);
    }
    return positives;
  }

 private:
  std::mt19937_64 random_{20261127};
  std::bernoulli_distribution gm_;
  std::bernoulli_distribution false_positive_;
  std::bernoulli_distribution false_negative_;
};

TEST(SamplingPlanCrossCheck, MonteCarloSeedLotsAgreeWithinSamplingError) {
  constexpr int lots = 40'000;
  AssayErrorRates errors{0.02, 0.05};
  const double p = 0.01;
  PooledPlan pooled{6, 20, 1, errors};
  DoubleStagePlan twice{15, 4, 0, 2, 4, 1, errors};
  SeedLotSimulation simulation(p, errors);
  int pooled_accepted = 0;
  int twice_accepted = 0;
  for (int lot = 0; lot < lots; ++lot) {
    pooled_accepted += simulation.positive_pools(pooled.pools, pooled.pool_size) <= pooled.acceptance_number;
    int first = simulation.positive_pools(twice.pools, twice.pool_size);
    if (first <= twice.acceptance_number) {
      ++twice_accepted;
    } else if (first < twice.rejection_number) {
      twice_accepted +=
          first + simulation.positive_pools(twice.second_pools, twice.pool_size) <= twice.second_acceptance_number;
    }
  }
  for (auto [plan, accepted] : {std::pair<SamplingPlan, int>{pooled, pooled_accepted}, {twice, twice_accepted}}) {
    double expected = acceptance_probability(plan, p);
    double standard_error = std::sqrt(expected * (1.0 - expected) / lots);
    EXPECT_NEAR(static_cast<double>(accepted) / lots, expected, 4.5 * standard_error);  // fails by chance ~1 in 10^5
  }
}

// --- Properties over grids ----------------------------------------------------------------------

std::vector<SamplingPlan> plan_grid() {
  std::vector<SamplingPlan> plans;
  for (AssayErrorRates errors : {AssayErrorRates{}, AssayErrorRates{0.01, 0.05}}) {
    for (long long c : {0LL, 1LL, 2LL, 5LL}) {
      plans.push_back(IndividualSeedPlan{300, c, errors});
      plans.push_back(PooledPlan{10, 50, c, errors});
      plans.push_back(PooledPlan{40, 200, c, errors});
      plans.push_back(DoubleStagePlan{100, 8, c, c + 2, 8, c + 2, errors});
      plans.push_back(DoubleStagePlan{30, 12, c, c + 5, 4, c + 1, errors});  // c2 < r1 − 1
    }
  }
  return plans;
}

TEST(SamplingPlanProperty, AcceptanceFallsAsTheGmFractionRises) {
  for (const auto& plan : plan_grid()) {
    double previous = 1.0;
    for (int i = 0; i <= 400; ++i) {
      double p = 0.05 * i / 400.0;
      double accept = acceptance_probability(plan, p);
      EXPECT_LE(accept, previous + 1e-14) << plan.index() << " p=" << p;
      EXPECT_GE(accept, 0.0);
      previous = accept;
    }
  }
}

TEST(SamplingPlanProperty, AcceptanceRisesWithTheAcceptanceNumber) {
  for (double p : {0.0001, 0.001, 0.01, 0.05}) {
    for (long long c = 0; c < 10; ++c) {
      EXPECT_LE(acceptance_probability(IndividualSeedPlan{500, c, {}}, p),
                acceptance_probability(IndividualSeedPlan{500, c + 1, {}}, p) + 1e-15);
      EXPECT_LE(acceptance_probability(PooledPlan{20, 100, c, {0.01, 0.02}}, p),
                acceptance_probability(PooledPlan{20, 100, c + 1, {0.01, 0.02}}, p) + 1e-15);
      EXPECT_LE(acceptance_probability(DoubleStagePlan{50, 12, 0, 12, 6, c, {}}, p),
                acceptance_probability(DoubleStagePlan{50, 12, 0, 12, 6, c + 1, {}}, p) + 1e-15);
    }
  }
}

TEST(SamplingPlanProperty, AcceptanceAndRejectionAddUpToOne) {
  for (const auto& plan : plan_grid()) {
    for (double p : {0.0, 1e-9, 1e-5, 0.001, 0.01, 0.2, 1.0}) {
      EXPECT_NEAR(acceptance_probability(plan, p) + rejection_probability(plan, p), 1.0, 1e-12);
    }
  }
}

TEST(SamplingPlanProperty, IndividualPlanIsAPooledPlanOfSingleSeeds) {
  for (double p : {1e-6, 0.003, 0.04}) {
    EXPECT_EQ(acceptance_probability(IndividualSeedPlan{777, 3, {0.01, 0.02}}, p),
              acceptance_probability(PooledPlan{777, 1, 3, {0.01, 0.02}}, p));
  }
}

// --- Extreme inputs -----------------------------------------------------------------------------

TEST(SamplingPlanNumerics, TinyFractionAndTenMillionSeedsMatchALongDoubleReference) {
  const long long seeds = 10'000'000;
  const double p = 1e-9;
  for (long long c = 0; c <= 4; ++c) {
    SamplingPlan plan = IndividualSeedPlan{seeds, c, {}};
    long double reference = lower_reference(seeds, c, 1e-9L);
    double accept = acceptance_probability(plan, p);
    ASSERT_TRUE(std::isfinite(accept));
    EXPECT_NEAR(accept, static_cast<double>(reference), 1e-15 * static_cast<double>(reference)) << c;
  }
  // The producer's risk is tiny here; it must come out accurately, not as 1 − 0.99999….
  long double miss = -std::expm1(static_cast<long double>(seeds) * std::log1p(-1e-9L));
  double risk = rejection_probability(IndividualSeedPlan{seeds, 0, {}}, p);
  EXPECT_NEAR(risk, static_cast<double>(miss), 1e-13 * static_cast<double>(miss));
  long double above_two = 1.0L - lower_reference(seeds, 2, 1e-9L);
  double risk_c2 = rejection_probability(IndividualSeedPlan{seeds, 2, {}}, p);
  EXPECT_NEAR(risk_c2, static_cast<double>(above_two), 1e-6 * static_cast<double>(above_two));
}

TEST(SamplingPlanNumerics, PoolProbabilityKeepsPrecisionAtBothEnds) {
  // q = 1 − (1 − p)^n ≈ n·p for tiny p: a naive 1 − pow(…) would lose every digit here.
  auto tiny = pool_test_probability(1e-12, 100, {});
  EXPECT_NEAR(tiny.positive, 1e-10, 1e-20);
  auto huge = pool_test_probability(0.5, 2000, {});
  EXPECT_EQ(huge.positive, 1.0);
  EXPECT_NEAR(huge.negative, std::pow(0.5, 2000.0), 1e-310);
  auto with_errors = pool_test_probability(1e-12, 100, {0.01, 0.05});
  EXPECT_NEAR(with_errors.positive, 0.01 + 0.94 * 1e-10, 1e-17);
  EXPECT_NEAR(with_errors.positive + with_errors.negative, 1.0, 1e-15);
}

TEST(SamplingPlanNumerics, NothingIsEverNanOrOutsideZeroToOne) {
  std::vector<SamplingPlan> plans = plan_grid();
  plans.push_back(IndividualSeedPlan{1'000'000'000'000LL, 1000, {}});
  plans.push_back(PooledPlan{10'000'000, 10'000, 50, {0.1, 0.2}});
  plans.push_back(DoubleStagePlan{10'000, 1'000'000, 10, 500, 1'000'000, 600, {}});
  for (const auto& plan : plans) {
    for (double p : {-1.0, 0.0, 1e-300, 1e-12, 1e-9, 0.5, 1.0 - 1e-16, 1.0, 2.0, std::nan("")}) {
      for (double value : {acceptance_probability(plan, p), rejection_probability(plan, p)}) {
        EXPECT_TRUE(value >= 0.0 && value <= 1.0) << plan.index() << " p=" << p << " value=" << value;
      }
      EXPECT_TRUE(std::isfinite(expected_assays(plan, p)));
    }
  }
}

TEST(BinomialTail, EdgesAreTotal) {
  EXPECT_EQ(binomial_lower_tail(10, -1, 0.3), 0.0);
  EXPECT_EQ(binomial_lower_tail(10, 10, 0.3), 1.0);
  EXPECT_EQ(binomial_lower_tail(10, 3, 0.0), 1.0);
  EXPECT_EQ(binomial_lower_tail(10, 3, 1.0), 0.0);
  EXPECT_EQ(binomial_upper_tail(10, -1, 0.3), 1.0);
  EXPECT_EQ(binomial_upper_tail(10, 10, 0.3), 0.0);
  EXPECT_EQ(binomial_point(10, 0, 0.0), 1.0);
  EXPECT_EQ(binomial_point(10, 10, 1.0), 1.0);
  EXPECT_EQ(binomial_point(10, 11, 0.5), 0.0);
  EXPECT_EQ(binomial_lower_tail(10, 3, std::nan("")), 1.0);  // NaN counts as q = 0
  EXPECT_NEAR(binomial_point(10, 3, 0.5), 120.0 / 1024.0, 1e-15);
}

TEST(BinomialTail, MatchesTheReferenceOverAGrid) {
  for (long long n : {1LL, 7LL, 100LL, 5000LL, 1'000'000LL}) {
    for (double q : {1e-8, 1e-4, 0.01, 0.3, 0.9}) {
      for (long long c : {0LL, 1LL, 5LL, 20LL}) {
        if (c >= n) continue;
        double reference = static_cast<double>(lower_reference(n, c, q));
        if (reference < 1e-280) continue;
        // Double-precision evaluation: within 1e-10 relative even deep in the tail (1e-42).
        EXPECT_NEAR(binomial_lower_tail(n, c, q), reference, 1e-10 * reference) << n << " " << q << " " << c;
      }
    }
  }
}

// --- Operating characteristic, seeds and assays -------------------------------------------------

TEST(OperatingCharacteristic, ChartPointsFromZeroToThreeTimesTheLqlWithMarkers) {
  SamplingPlan plan = PooledPlan{8, 375, 0, {}};
  auto points = operating_characteristic(plan, 0.0003, 0.001, 60);
  ASSERT_GE(points.size(), 60u);
  EXPECT_LE(points.size(), 62u);
  EXPECT_EQ(points.front().p, 0.0);
  EXPECT_EQ(points.front().acceptance_probability, 1.0);
  EXPECT_DOUBLE_EQ(points.back().p, 0.003);
  bool has_aql = false, has_lql = false;
  for (std::size_t i = 0; i < points.size(); ++i) {
    has_aql = has_aql || points[i].p == 0.0003;
    has_lql = has_lql || points[i].p == 0.001;
    if (i > 0) {
      EXPECT_LT(points[i - 1].p, points[i].p);
      EXPECT_LE(points[i].acceptance_probability, points[i - 1].acceptance_probability);
    }
  }
  EXPECT_TRUE(has_aql);
  EXPECT_TRUE(has_lql);
}

TEST(OperatingCharacteristic, WithoutAnLqlTheChartRunsToWhereAcceptanceIsNegligible) {
  SamplingPlan plan = IndividualSeedPlan{2995, 0, {}};
  auto points = operating_characteristic(plan, std::nullopt, std::nullopt, 60);
  ASSERT_EQ(points.size(), 60u);
  EXPECT_NEAR(points.back().acceptance_probability, 0.001, 1e-6);
  EXPECT_GT(points[points.size() - 2].acceptance_probability, 0.001);
}

TEST(SamplingPlanCounts, SeedsAndAssays) {
  EXPECT_EQ(seeds_total(IndividualSeedPlan{2995, 0, {}}), 2995);
  EXPECT_EQ(seeds_total(PooledPlan{2, 150, 0, {}}), 300);
  EXPECT_EQ(seeds_total(DoubleStagePlan{100, 5, 0, 2, 5, 1, {}}), 1000);
  EXPECT_EQ(assays_max(DoubleStagePlan{100, 5, 0, 2, 5, 1, {}}), 10);
  EXPECT_EQ(expected_assays(PooledPlan{2, 150, 0, {}}, 0.3), 2.0);
  EXPECT_EQ(expected_assays(DoubleStagePlan{100, 5, 0, 2, 5, 1, {}}, 0.0), 5.0);  // clean lots never go on
}

// --- Refusals -----------------------------------------------------------------------------------

TEST(SamplingPlanValidation, NamesTheFieldAtFault) {
  EXPECT_EQ(field_of(IndividualSeedPlan{0, 0, {}}), "seeds");
  EXPECT_EQ(field_of(IndividualSeedPlan{10, -1, {}}), "acceptance_number");
  EXPECT_EQ(field_of(IndividualSeedPlan{10, 11, {}}), "acceptance_number");
  EXPECT_EQ(field_of(IndividualSeedPlan{10, 10, {}}), "(none)");
  EXPECT_EQ(field_of(PooledPlan{0, 10, 0, {}}), "pools");
  EXPECT_EQ(field_of(PooledPlan{3, 0, 0, {}}), "pool_size");
  EXPECT_EQ(field_of(PooledPlan{3, 10, 4, {}}), "acceptance_number");
  EXPECT_EQ(field_of(PooledPlan{3, 500, 0, {}}, 400), "pool_size");
  EXPECT_EQ(field_of(PooledPlan{3, 400, 0, {}}, 400), "(none)");
  EXPECT_EQ(field_of(PooledPlan{2'000'000'000, 1000, 0, {}}), "pools");
  EXPECT_EQ(field_of(PooledPlan{3, 10, 0, {-0.1, 0}}), "false_positive_rate");
  EXPECT_EQ(field_of(PooledPlan{3, 10, 0, {0, 1.0}}), "false_negative_rate");
  EXPECT_EQ(field_of(PooledPlan{3, 10, 0, {0.5, 0.5}}), "false_negative_rate");
  EXPECT_EQ(field_of(PooledPlan{3, 10, 0, {std::nan(""), 0}}), "false_positive_rate");
  EXPECT_EQ(field_of(DoubleStagePlan{10, 0, 0, 1, 1, 0, {}}), "pools");
  EXPECT_EQ(field_of(DoubleStagePlan{10, 3, 3, 4, 1, 3, {}}), "acceptance_number");
  EXPECT_EQ(field_of(DoubleStagePlan{10, 3, 1, 1, 1, 1, {}}), "rejection_number");
  EXPECT_EQ(field_of(DoubleStagePlan{10, 3, 0, 4, 1, 1, {}}), "rejection_number");
  EXPECT_EQ(field_of(DoubleStagePlan{10, 3, 0, 2, 0, 1, {}}), "second_pools");
  EXPECT_EQ(field_of(DoubleStagePlan{10, 3, 1, 2, 2, 0, {}}), "second_acceptance_number");
  EXPECT_EQ(field_of(DoubleStagePlan{10, 3, 0, 2, 2, 6, {}}), "second_acceptance_number");
  EXPECT_EQ(field_of(DoubleStagePlan{500, 3, 0, 2, 2, 1, {}}, 400), "pool_size");
  EXPECT_EQ(field_of(DoubleStagePlan{10, 3, 0, 2, 2, 1, {}}), "(none)");
}

TEST(SamplingPlanValidation, LargestPoolFromTheDetectionLimit) {
  EXPECT_EQ(std::get<long long>(max_pool_size_for_lod(0.001)), 1000);
  EXPECT_EQ(std::get<long long>(max_pool_size_for_lod(1.0 / 150.0)), 150);
  EXPECT_EQ(std::get<long long>(max_pool_size_for_lod(0.003)), 333);
  EXPECT_EQ(std::get<long long>(max_pool_size_for_lod(1.0)), 1);
  EXPECT_EQ(error_of(max_pool_size_for_lod(0.0))->field, "lod");
  EXPECT_EQ(error_of(max_pool_size_for_lod(1.5))->field, "lod");
}

TEST(SeedMass, ConvertsBothWays) {
  EXPECT_DOUBLE_EQ(std::get<double>(sample_mass_grams(2995, 313.0)), 937.435);
  EXPECT_EQ(std::get<long long>(seeds_in_mass(313.0, 313.0)), 1000);
  EXPECT_EQ(std::get<long long>(seeds_in_mass(1000.0, 174.5)), 5730);
  EXPECT_EQ(error_of(sample_mass_grams(10, 0.0))->field, "thousand_kernel_weight_g");
  EXPECT_EQ(error_of(sample_mass_grams(-1, 5.0))->field, "seeds");
  EXPECT_EQ(error_of(seeds_in_mass(-1.0, 5.0))->field, "sample_mass_g");
  EXPECT_EQ(error_of(seeds_in_mass(10.0, std::nan("")))->field, "thousand_kernel_weight_g");
}

}  // namespace
}  // namespace lmo::domain
