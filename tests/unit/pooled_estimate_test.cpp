// Pooled estimate: the share of GM seeds from m pools of n seeds with x positive. Oracles
// worked by hand; Clopper–Pearson bounds against an independent bisection on exact binomial
// tails written here; coverage by exact enumeration and by simulation; properties over grids
// (interval holds the MLE, more pools at the same positive share narrow the interval, the
// likelihood method agrees with the closed form and maximises the likelihood); every bad input.
#include "domain/pooled_estimate.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

using lmo::domain::AssayErrorRates;
using lmo::domain::BinomialInterval;
using lmo::domain::Checked;
using lmo::domain::clopper_pearson;
using lmo::domain::error_of;
using lmo::domain::estimate_equal_pools;
using lmo::domain::estimate_pooled;
using lmo::domain::estimate_unequal_pools;
using lmo::domain::FieldError;
using lmo::domain::IntervalKind;
using lmo::domain::IntervalSpec;
using lmo::domain::PooledEstimate;
using lmo::domain::PooledMethod;
using lmo::domain::PooledStatus;
using lmo::domain::pooled_log_likelihood;
using lmo::domain::PoolGroup;

namespace {

PooledEstimate ok(const Checked<PooledEstimate>& checked) {
  if (const auto* error = error_of(checked)) ADD_FAILURE() << error->field << ": " << error->message;
  return std::get<PooledEstimate>(checked);
}

std::string field_of(const Checked<PooledEstimate>& checked) {
  const auto* error = error_of(checked);
  return error ? error->field : "(no error)";
}

// ---- an independent Clopper–Pearson: exact binomial tails, bisection on q ----

double binomial_pmf(long long k, long long m, double q) {
  if (q <= 0.0) return k == 0 ? 1.0 : 0.0;
  if (q >= 1.0) return k == m ? 1.0 : 0.0;
  double log_choose = std::lgamma(m + 1.0) - std::lgamma(k + 1.0) - std::lgamma(m - k + 1.0);
  return std::exp(log_choose + k * std::log(q) + (m - k) * std::log1p(-q));
}

double tail_at_least(long long x, long long m, double q) {
  double sum = 0.0;
  for (long long k = x; k <= m; ++k) sum += binomial_pmf(k, m, q);
  return sum;
}

double tail_at_most(long long x, long long m, double q) {
  double sum = 0.0;
  for (long long k = 0; k <= x; ++k) sum += binomial_pmf(k, m, q);
  return sum;
}

// q_L: P(X ≥ x | q_L) = a (increasing in q); q_U: P(X ≤ x | q_U) = a (decreasing in q).
double reference_lower(long long x, long long m, double a) {
  if (x == 0) return 0.0;
  double lo = 0.0, hi = 1.0;
  for (int i = 0; i < 200; ++i) {
    double mid = (lo + hi) / 2.0;
    (tail_at_least(x, m, mid) < a ? lo : hi) = mid;
  }
  return (lo + hi) / 2.0;
}

double reference_upper(long long x, long long m, double a) {
  if (x == m) return 1.0;
  double lo = 0.0, hi = 1.0;
  for (int i = 0; i < 200; ++i) {
    double mid = (lo + hi) / 2.0;
    (tail_at_most(x, m, mid) > a ? lo : hi) = mid;
  }
  return (lo + hi) / 2.0;
}

// The map from the share of positive pools to the share of seeds, written out plainly.
double seeds_share(double q, long long n) { return 1.0 - std::pow(1.0 - q, 1.0 / static_cast<double>(n)); }

double corrected(double q_obs, const AssayErrorRates& e) {
  return std::clamp((q_obs - e.false_positive) / (1.0 - e.false_positive - e.false_negative), 0.0, 1.0);
}

double positive_pool_probability(double p, long long n, const AssayErrorRates& e) {
  double q = 1.0 - std::pow(1.0 - p, static_cast<double>(n));
  return e.false_positive + (1.0 - e.false_positive - e.false_negative) * q;
}

}  // namespace

// ---- oracles -------------------------------------------------------------------------------

// m = 10 pools of n = 100 seeds, x = 2 positive:
//   p̂ = 1 − (1 − 2/10)^(1/100) = 1 − exp(ln(0.8)/100) = 1 − exp(−0.0022314355) = 0.0022289477.
//   95 % Clopper–Pearson interval for 2/10 (published tables): 0.0252 to 0.5561, so
//   p_L = 1 − (1 − 0.0252107)^(1/100) = 0.00025531 and p_U = 1 − (1 − 0.5560955)^(1/100) = 0.0080886.
TEST(PooledEstimateOracle, TwoOfTenPoolsOfHundred) {
  auto estimate = ok(estimate_equal_pools({100, 10, 2}, {}));
  EXPECT_EQ(estimate.status, PooledStatus::estimated);
  EXPECT_EQ(estimate.method, PooledMethod::exact_clopper_pearson);
  EXPECT_NEAR(*estimate.proportion, 0.0022289477, 1e-10);
  EXPECT_NEAR(estimate.interval->lower, 0.00025531, 1e-8);
  EXPECT_NEAR(estimate.interval->upper, 0.0080886, 1e-7);
  auto bounds = std::get<BinomialInterval>(clopper_pearson(2, 10, 0.95, IntervalKind::two_sided));
  EXPECT_NEAR(bounds.lower.positive, 0.0252, 1e-4);
  EXPECT_NEAR(bounds.upper.positive, 0.5561, 1e-4);
}

// No positive pool: p̂ = 0; the upper bound solves (1 − q)^m = α/2, so
// p_U = 1 − (α/2)^(1/(m·n)) = 1 − 0.025^(1/1000) = 1 − exp(−0.0036888795) = 0.0036820838.
// One-sided at 95 %: 1 − 0.05^(1/1000) = 0.0029912.
TEST(PooledEstimateOracle, NoPositivePool) {
  auto estimate = ok(estimate_equal_pools({100, 10, 0}, {}));
  EXPECT_EQ(estimate.status, PooledStatus::estimated);
  EXPECT_EQ(*estimate.proportion, 0.0);
  EXPECT_EQ(estimate.interval->lower, 0.0);
  EXPECT_NEAR(estimate.interval->upper, 0.0036820838, 1e-9);
  auto upper = ok(estimate_equal_pools({100, 10, 0}, {0.95, IntervalKind::upper}));
  EXPECT_NEAR(upper.interval->upper, 1.0 - std::pow(0.05, 1.0 / 1000.0), 1e-12);
  EXPECT_NEAR(upper.interval->upper, 0.0029912, 1e-7);
}

// All pools positive: no estimate. Two-sided lower bound: q_L = (α/2)^(1/m) = 0.025^(0.1) = 0.6915029,
// p_L = 1 − (1 − 0.6915029)^(1/100) = 0.0116915; the one-sided lower bound uses α:
// q = 0.05^(0.1) = 0.7411344, p = 1 − 0.2588656^(1/100) = 1 − exp(−0.01351444) = 0.0134236.
// The upper end is 1.
TEST(PooledEstimateOracle, AllPoolsPositiveIsAboveTheMeasurableRange) {
  auto estimate = ok(estimate_equal_pools({100, 10, 10}, {}));
  EXPECT_EQ(estimate.status, PooledStatus::above_measurable_range);
  EXPECT_FALSE(estimate.proportion.has_value());
  EXPECT_NEAR(estimate.interval->lower, 0.0116915, 1e-7);
  EXPECT_EQ(estimate.interval->upper, 1.0);
  ASSERT_TRUE(estimate.lower_bound.has_value());
  EXPECT_NEAR(*estimate.lower_bound, 0.0134236, 1e-7);
  auto upper_kind = ok(estimate_equal_pools({100, 10, 10}, {0.95, IntervalKind::upper}));
  EXPECT_EQ(upper_kind.interval->lower, 0.0);
  EXPECT_NEAR(*upper_kind.lower_bound, 0.0134236, 1e-7);
}

// With assay errors fpr = 1 %, fnr = 5 %: q = (0.2 − 0.01)/0.94 = 0.2021277,
// p̂ = 1 − 0.7978723^(1/100) = 0.0022555; the Clopper–Pearson bounds are corrected the same way.
TEST(PooledEstimateOracle, AssayErrorsCorrectTheShareOfPositivePools) {
  AssayErrorRates errors{0.01, 0.05};
  auto estimate = ok(estimate_equal_pools({100, 10, 2}, {}, errors));
  EXPECT_NEAR(*estimate.proportion, 0.0022555, 1e-7);
  EXPECT_NEAR(*estimate.proportion, seeds_share((0.2 - 0.01) / 0.94, 100), 1e-12);
  EXPECT_NEAR(estimate.interval->lower, seeds_share(corrected(reference_lower(2, 10, 0.025), errors), 100), 1e-9);
  EXPECT_NEAR(estimate.interval->upper, seeds_share(corrected(reference_upper(2, 10, 0.025), errors), 100), 1e-9);
  // Fewer positives than false positives explain: p̂ = 0. Above 1 − fnr: above the measurable range.
  auto low = ok(estimate_equal_pools({100, 200, 1}, {}, {0.01, 0.0}));
  EXPECT_EQ(*low.proportion, 0.0);
  auto high = ok(estimate_equal_pools({100, 20, 19}, {}, {0.0, 0.05}));
  EXPECT_EQ(high.status, PooledStatus::above_measurable_range);
  EXPECT_TRUE(high.lower_bound.has_value());
}

// ---- Clopper–Pearson against the independent implementation --------------------------------

TEST(ClopperPearson, MatchesBisectionOnExactBinomialTails) {
  for (long long m : {1, 2, 5, 10, 17, 40, 120}) {
    for (long long x = 0; x <= m; x += (m > 20 ? 7 : 1)) {
      for (double confidence : {0.8, 0.95, 0.99}) {
        auto two = std::get<BinomialInterval>(clopper_pearson(x, m, confidence, IntervalKind::two_sided));
        double a = (1.0 - confidence) / 2.0;
        SCOPED_TRACE(testing::Message() << "x=" << x << " m=" << m << " confidence=" << confidence);
        EXPECT_NEAR(two.lower.positive, reference_lower(x, m, a), 1e-9);
        EXPECT_NEAR(two.upper.positive, reference_upper(x, m, a), 1e-9);
        // The complements are computed separately: they must agree with 1 − bound.
        EXPECT_NEAR(two.lower.negative, 1.0 - reference_lower(x, m, a), 1e-9);
        EXPECT_NEAR(two.upper.negative, 1.0 - reference_upper(x, m, a), 1e-9);
        auto one = std::get<BinomialInterval>(clopper_pearson(x, m, confidence, IntervalKind::upper));
        EXPECT_EQ(one.lower.positive, 0.0);
        EXPECT_NEAR(one.upper.positive, reference_upper(x, m, 1.0 - confidence), 1e-9);
      }
    }
  }
}

TEST(ClopperPearson, EqualPoolIntervalIsTheMappedBinomialInterval) {
  for (long long n : {1, 10, 100, 1000}) {
    for (long long m : {3, 10, 30}) {
      for (long long x = 0; x <= m; ++x) {
        auto estimate = ok(estimate_equal_pools({n, m, x}, {0.9, IntervalKind::two_sided}));
        EXPECT_NEAR(estimate.interval->lower, seeds_share(reference_lower(x, m, 0.05), n), 1e-9);
        EXPECT_NEAR(estimate.interval->upper, seeds_share(reference_upper(x, m, 0.05), n), 1e-9);
        if (x < m) {
          EXPECT_NEAR(*estimate.proportion, seeds_share(double(x) / double(m), n), 1e-12);
        }
      }
    }
  }
}

// Tiny shares keep their relative precision (log1p/expm1): 1 of 1000 pools of 1 000 000 seeds.
TEST(PooledEstimateOracle, TinySharesKeepRelativePrecision) {
  auto estimate = ok(estimate_equal_pools({1'000'000, 1000, 1}, {}));
  // p̂ = −expm1(log1p(−0.001)/10⁶) = 1.00050033e-9 (log1p(−0.001) = −0.00100050033); the naive
  // 1 − pow(0.999, 1e-6) keeps only about 7 significant digits here.
  EXPECT_NEAR(*estimate.proportion / 1.00050033e-9, 1.0, 1e-7);
  EXPECT_GT(estimate.interval->lower, 0.0);
}

// ---- coverage ------------------------------------------------------------------------------

// Exact coverage by enumeration of x: Σ_x P(x | p) · [p in interval(x)] ≥ confidence for every p
// on a grid — Clopper–Pearson's guarantee, which the monotone maps (error correction, pool size)
// keep.
TEST(PooledEstimateCoverage, ExactEnumerationNeverFallsBelowTheLevel) {
  struct Setting {
    long long n, m;
    AssayErrorRates errors;
    IntervalKind kind;
  };
  for (const Setting& s : {Setting{100, 10, {}, IntervalKind::two_sided}, Setting{50, 25, {}, IntervalKind::upper},
                           Setting{10, 40, {0.02, 0.05}, IntervalKind::two_sided},
                           Setting{300, 8, {0.01, 0.0}, IntervalKind::upper}}) {
    std::vector<PooledEstimate> by_x;
    for (long long x = 0; x <= s.m; ++x) by_x.push_back(ok(estimate_equal_pools({s.n, s.m, x}, {0.95, s.kind}, s.errors)));
    for (double p = 1e-5; p < 0.2; p *= 1.15) {
      double q = positive_pool_probability(p, s.n, s.errors);
      double coverage = 0.0;
      for (long long x = 0; x <= s.m; ++x) {
        if (by_x[x].interval->lower <= p && p <= by_x[x].interval->upper) coverage += binomial_pmf(x, s.m, q);
      }
      EXPECT_GE(coverage, 0.95 - 1e-9) << "n=" << s.n << " m=" << s.m << " p=" << p;
    }
  }
}

// Simulation (fixed seed): coverage ≥ nominal − 3 Monte-Carlo standard errors for the exact
// intervals. The likelihood-ratio intervals of several pool sizes are approximate: with about 4
// expected positive pools (p = 0.2 % below) their discreteness costs a few points (measured
// 0.914 for 0.95), so they are held to nominal ± (3 SE + 0.04) — a check against gross errors
// (a wrong cut or side), not a guarantee.
TEST(PooledEstimateCoverage, SimulatedCoverage) {
  std::mt19937_64 random(20240517);
  const int runs = 4000;
  const double se = std::sqrt(0.95 * 0.05 / runs);
  struct Setting {
    long long n, m;
    double p;
    AssayErrorRates errors;
  };
  for (const Setting& s : {Setting{100, 10, 0.002, {}}, Setting{20, 50, 0.01, {}}, Setting{200, 30, 0.0005, {}},
                           Setting{50, 20, 0.005, {0.02, 0.05}}}) {
    std::binomial_distribution<long long> positives(s.m, positive_pool_probability(s.p, s.n, s.errors));
    int covered = 0;
    for (int run = 0; run < runs; ++run) {
      auto estimate = ok(estimate_equal_pools({s.n, s.m, positives(random)}, {}, s.errors));
      covered += estimate.interval->lower <= s.p && s.p <= estimate.interval->upper;
    }
    EXPECT_GE(double(covered) / runs, 0.95 - 3 * se) << "n=" << s.n << " m=" << s.m << " p=" << s.p;
  }
  // Several pool sizes, likelihood-ratio interval.
  const std::vector<PoolGroup> design{{100, 10, 0}, {50, 20, 0}, {10, 30, 0}};
  for (double p : {0.002, 0.01, 0.03}) {
    int covered = 0;
    const int lr_runs = 2000;
    for (int run = 0; run < lr_runs; ++run) {
      auto groups = design;
      for (auto& g : groups) {
        std::binomial_distribution<long long> positives(g.pools, positive_pool_probability(p, g.pool_size, {}));
        g.positive_pools = positives(random);
      }
      auto estimate = ok(estimate_unequal_pools(groups, {}));
      ASSERT_TRUE(estimate.interval.has_value());
      covered += estimate.interval->lower <= p && p <= estimate.interval->upper;
    }
    const double lr_se = std::sqrt(0.95 * 0.05 / lr_runs);
    EXPECT_NEAR(double(covered) / lr_runs, 0.95, 3 * lr_se + 0.04) << "p=" << p;
  }
}

// ---- properties ----------------------------------------------------------------------------

TEST(PooledEstimateProperties, IntervalHoldsTheEstimate) {
  for (long long n : {1, 25, 400}) {
    for (long long m : {1, 4, 15, 60}) {
      for (long long x = 0; x <= m; ++x) {
        for (auto errors : {AssayErrorRates{}, AssayErrorRates{0.03, 0.1}}) {
          for (auto kind : {IntervalKind::two_sided, IntervalKind::upper}) {
            auto exact = ok(estimate_equal_pools({n, m, x}, {0.9, kind}, errors));
            auto likelihood = ok(estimate_unequal_pools({{n, m, x}, {2 * n, 3, x % 4}}, {0.9, kind}, errors));
            for (const auto& estimate : {exact, likelihood}) {
              ASSERT_TRUE(estimate.interval.has_value());
              EXPECT_LE(estimate.interval->lower, estimate.interval->upper);
              if (estimate.proportion) {
                EXPECT_LE(estimate.interval->lower, *estimate.proportion) << n << " " << m << " " << x;
                EXPECT_GE(estimate.interval->upper, *estimate.proportion) << n << " " << m << " " << x;
              } else {
                EXPECT_LE(estimate.interval->lower, *estimate.lower_bound);
              }
            }
          }
        }
      }
    }
  }
}

// Same data, more of it: with the share of positive pools held at a/b, testing k·b pools with
// k·a positive gives an interval inside the one from b pools — the lower end never falls and
// the upper end never rises as k grows (so the interval never widens).
TEST(PooledEstimateProperties, MorePoolsAtTheSameShareNeverWidenTheInterval) {
  for (long long n : {10, 150}) {
    for (long long b : {2, 3, 5, 8}) {
      for (long long a = 0; a <= b; ++a) {
        for (auto kind : {IntervalKind::two_sided, IntervalKind::upper}) {
          auto previous = ok(estimate_equal_pools({n, b, a}, {0.95, kind}));
          for (long long k = 2; k <= 40; ++k) {
            auto next = ok(estimate_equal_pools({n, k * b, k * a}, {0.95, kind}));
            SCOPED_TRACE(testing::Message() << "n=" << n << " share=" << a << "/" << b << " k=" << k);
            EXPECT_GE(next.interval->lower, previous.interval->lower - 1e-15);
            EXPECT_LE(next.interval->upper, previous.interval->upper + 1e-15);
            if (0 < a && a < b) {
              EXPECT_LT(next.interval->upper - next.interval->lower, previous.interval->upper - previous.interval->lower);
            }
            previous = next;
          }
        }
      }
    }
  }
}

TEST(PooledEstimateProperties, EstimateGrowsWithPositivePools) {
  for (long long n : {5, 100}) {
    double previous = -1.0;
    for (long long x = 0; x < 30; ++x) {
      double p = *ok(estimate_equal_pools({n, 30, x}, {})).proportion;
      EXPECT_GT(p, previous);
      previous = p;
    }
  }
}

TEST(PooledEstimateProperties, LikelihoodMethodMatchesTheClosedFormForOnePoolSize) {
  for (long long n : {1, 10, 100, 2000}) {
    for (long long m : {1, 5, 20, 200}) {
      for (long long x = 0; x < m; x += 1 + m / 7) {
        for (auto errors : {AssayErrorRates{}, AssayErrorRates{0.02, 0.0}, AssayErrorRates{0.01, 0.04}}) {
          auto closed = ok(estimate_equal_pools({n, m, x}, {}, errors));
          // Split into two groups of the same size: the same likelihood.
          std::vector<PoolGroup> split{{n, m / 2, std::min(x, m / 2)}, {n, m - m / 2, x - std::min(x, m / 2)}};
          if (split[0].pools == 0) split.erase(split.begin());
          auto likelihood = ok(estimate_unequal_pools(split, {}, errors));
          SCOPED_TRACE(testing::Message() << "n=" << n << " m=" << m << " x=" << x << " fpr=" << errors.false_positive);
          ASSERT_EQ(likelihood.status, PooledStatus::estimated);
          EXPECT_EQ(likelihood.method, PooledMethod::likelihood_ratio);
          EXPECT_NEAR(*likelihood.proportion, *closed.proportion, 1e-10 + 1e-9 * *closed.proportion);
          // And estimate_pooled merges groups of one size into the exact method.
          auto merged = ok(estimate_pooled(split, {}, errors));
          EXPECT_EQ(merged.method, PooledMethod::exact_clopper_pearson);
          EXPECT_DOUBLE_EQ(*merged.proportion, *closed.proportion);
        }
      }
    }
  }
}

// The MLE maximises the likelihood: no point of a fine grid over p (log-spaced, 10⁻⁷ to 0.5)
// does better, and the best grid point lies next to p̂. With fnr > 0 the log-likelihood is not
// concave in θ = −log(1 − p), which the search must survive.
TEST(PooledEstimateProperties, EstimateMaximisesTheLikelihood) {
  std::mt19937_64 random(7);
  std::uniform_int_distribution<long long> size(1, 300), pools(1, 40);
  for (int trial = 0; trial < 60; ++trial) {
    std::vector<PoolGroup> groups;
    for (int g = 0; g < 1 + trial % 4; ++g) {
      long long m = pools(random);
      groups.push_back({size(random), m, std::uniform_int_distribution<long long>(0, m)(random)});
    }
    AssayErrorRates errors = trial % 3 == 0 ? AssayErrorRates{} : AssayErrorRates{0.01 * (trial % 5), 0.03 * (trial % 4)};
    auto estimate = ok(estimate_unequal_pools(groups, {}, errors));
    if (estimate.status != PooledStatus::estimated) continue;
    double best = pooled_log_likelihood(groups, *estimate.proportion, errors);
    EXPECT_NEAR(best, *estimate.log_likelihood, 1e-9 * (1.0 + std::fabs(best)));
    double grid_best = -HUGE_VAL, grid_at = 0.0;
    for (double p = 1e-7; p < 0.5; p *= 1.001) {
      double value = pooled_log_likelihood(groups, p, errors);
      EXPECT_LE(value, best + 1e-9 * (1.0 + std::fabs(best))) << "trial " << trial << " p=" << p;
      if (value > grid_best) grid_best = value, grid_at = p;
    }
    if (*estimate.proportion > 2e-7 && *estimate.proportion < 0.45) {
      EXPECT_NEAR(grid_at / *estimate.proportion, 1.0, 0.01) << "trial " << trial;
    }
  }
}

TEST(PooledEstimateProperties, AllPositiveGroupsAreAboveTheMeasurableRange) {
  auto estimate = ok(estimate_unequal_pools({{100, 10, 10}, {20, 5, 5}}, {}));
  EXPECT_EQ(estimate.status, PooledStatus::above_measurable_range);
  EXPECT_FALSE(estimate.proportion.has_value());
  EXPECT_EQ(estimate.interval->upper, 1.0);
  ASSERT_TRUE(estimate.lower_bound.has_value());
  EXPECT_GT(*estimate.lower_bound, 0.0);
  EXPECT_LT(*estimate.lower_bound, 1.0);
}

TEST(PooledEstimateProperties, NonConvergenceIsAStatusWithoutNumbers) {
  auto estimate = ok(estimate_unequal_pools({{100, 10, 3}, {50, 20, 2}}, {}, {}, 1));
  EXPECT_EQ(estimate.status, PooledStatus::not_converged);
  EXPECT_FALSE(estimate.proportion.has_value());
  EXPECT_FALSE(estimate.interval.has_value());
  EXPECT_FALSE(estimate.log_likelihood.has_value());
  auto enough = ok(estimate_unequal_pools({{100, 10, 3}, {50, 20, 2}}, {}, {}, 100));
  EXPECT_EQ(enough.status, PooledStatus::estimated);
  EXPECT_LE(enough.iterations, 10);
}

// ---- bad input -----------------------------------------------------------------------------

TEST(PooledEstimateBadInput, NamesTheField) {
  EXPECT_EQ(field_of(estimate_equal_pools({100, 0, 0}, {})), "pools");
  EXPECT_EQ(field_of(estimate_equal_pools({100, 10, 11}, {})), "positive_pools");
  EXPECT_EQ(field_of(estimate_equal_pools({100, 10, -1}, {})), "positive_pools");
  EXPECT_EQ(field_of(estimate_equal_pools({0, 10, 1}, {})), "pool_size");
  for (double confidence : {0.0, 1.0, -0.5, 1.5, std::nan(""), HUGE_VAL}) {
    EXPECT_EQ(field_of(estimate_equal_pools({100, 10, 1}, {confidence, IntervalKind::two_sided})), "confidence");
    EXPECT_EQ(field_of(estimate_unequal_pools({{100, 10, 1}}, {confidence, IntervalKind::upper})), "confidence");
  }
  EXPECT_EQ(field_of(estimate_equal_pools({100, 10, 1}, {}, {0.5, 0.5})), "fnr");
  EXPECT_EQ(field_of(estimate_equal_pools({100, 10, 1}, {}, {0.7, 0.4})), "fnr");
  EXPECT_EQ(field_of(estimate_equal_pools({100, 10, 1}, {}, {-0.1, 0.0})), "fpr");
  EXPECT_EQ(field_of(estimate_equal_pools({100, 10, 1}, {}, {1.0, 0.0})), "fpr");
  EXPECT_EQ(field_of(estimate_equal_pools({100, 10, 1}, {}, {0.0, std::nan("")})), "fnr");
  EXPECT_EQ(field_of(estimate_unequal_pools({}, {})), "groups");
  EXPECT_EQ(field_of(estimate_pooled({}, {})), "groups");
  EXPECT_EQ(field_of(estimate_unequal_pools({{100, 10, 1}, {0, 5, 0}}, {})), "groups[1].pool_size");
  EXPECT_EQ(field_of(estimate_unequal_pools({{100, 10, 1}, {10, 0, 0}}, {})), "groups[1].pools");
  EXPECT_EQ(field_of(estimate_pooled({{100, 10, 1}, {10, 5, 6}}, {})), "groups[1].positive_pools");
  EXPECT_EQ(field_of(estimate_unequal_pools({{100, 10, 1}, {10, 5, 1}}, {}, {0.6, 0.5})), "fnr");
  EXPECT_EQ(field_of(estimate_unequal_pools({{100, 10, 1}, {10, 5, 1}}, {}, {}, 0)), "max_iterations");
  auto error = *error_of(estimate_equal_pools({100, 10, 11}, {}));
  EXPECT_EQ(error.message, "must not exceed pools (10)");
}
