// Stacked estimate: shares of single-event and stacked seed types from pools classified by
// which event assays were positive. Class probabilities against exact enumeration of every
// pool composition and assay outcome; the closed-form inversion of the full model as oracle;
// one event reduces to the single-event pooled formula; simulated lots are recovered within
// their Monte-Carlo spread; the fit is a local maximum of the likelihood; statuses for
// all-positive data, boundaries and non-convergence; every bad input names its field.
#include "domain/stacked_estimate.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <random>

#include "domain/pooled_estimate.hpp"

using lmo::domain::AssayErrorRates;
using lmo::domain::Checked;
using lmo::domain::combination_label;
using lmo::domain::error_of;
using lmo::domain::estimate_equal_pools;
using lmo::domain::estimate_stacked;
using lmo::domain::observed_class_probabilities;
using lmo::domain::parse_combination_label;
using lmo::domain::PooledEstimate;
using lmo::domain::StackedEstimate;
using lmo::domain::StackedFitOptions;
using lmo::domain::StackedPoolData;
using lmo::domain::StackedStatus;

namespace {

const std::vector<std::string> kTwo{"A", "B"};
const std::vector<std::string> kThree{"A", "B", "C"};

StackedEstimate ok(const Checked<StackedEstimate>& checked) {
  if (const auto* error = error_of(checked)) ADD_FAILURE() << error->field << ": " << error->message;
  return std::get<StackedEstimate>(checked);
}

std::string field_of(const Checked<StackedEstimate>& checked) {
  const auto* error = error_of(checked);
  return error ? error->field : "(no error)";
}

std::vector<std::string> first_events(std::size_t count) {
  return std::vector<std::string>(kThree.begin(), kThree.begin() + static_cast<long>(count));
}

// Pools drawn seed by seed, each assay read with its error rates: counts per observed class.
std::vector<long long> simulate(const std::vector<double>& shares, long long pool_size, long long pools,
                                const std::vector<AssayErrorRates>& errors, std::mt19937_64& random) {
  const std::size_t events = static_cast<std::size_t>(std::countr_zero(shares.size()));
  std::discrete_distribution<unsigned> seed_type(shares.begin(), shares.end());
  std::uniform_real_distribution<double> uniform;
  std::vector<long long> counts(shares.size(), 0);
  for (long long pool = 0; pool < pools; ++pool) {
    unsigned truth = 0;
    for (long long seed = 0; seed < pool_size; ++seed) truth |= seed_type(random);
    unsigned observed = 0;
    for (std::size_t e = 0; e < events; ++e) {
      bool present = truth & (1u << e);
      AssayErrorRates rates = errors.empty() ? AssayErrorRates{} : errors[e];
      double positive = present ? 1.0 - rates.false_negative : rates.false_positive;
      if (uniform(random) < positive) observed |= 1u << e;
    }
    ++counts[observed];
  }
  return counts;
}

// P(observed class) by brute force: every sequence of n seed types, and every assay outcome.
std::vector<double> enumerate_classes(const std::vector<double>& shares, int pool_size,
                                      const std::vector<AssayErrorRates>& errors) {
  const unsigned types = static_cast<unsigned>(shares.size());
  const std::size_t events = static_cast<std::size_t>(std::countr_zero(shares.size()));
  std::vector<double> truth(types, 0.0);
  std::vector<unsigned> sequence(pool_size, 0);
  while (true) {
    double probability = 1.0;
    unsigned pool = 0;
    for (unsigned type : sequence) probability *= shares[type], pool |= type;
    truth[pool] += probability;
    int position = 0;
    while (position < pool_size && ++sequence[position] == types) sequence[position++] = 0;
    if (position == pool_size) break;
  }
  std::vector<double> observed(types, 0.0);
  for (unsigned t = 0; t < types; ++t) {
    for (unsigned o = 0; o < types; ++o) {
      double probability = truth[t];
      for (std::size_t e = 0; e < events; ++e) {
        AssayErrorRates rates = errors.empty() ? AssayErrorRates{} : errors[e];
        bool present = t & (1u << e), positive = o & (1u << e);
        double p_positive = present ? 1.0 - rates.false_negative : rates.false_positive;
        probability *= positive ? p_positive : 1.0 - p_positive;
      }
      observed[o] += probability;
    }
  }
  return observed;
}

double log_likelihood(const std::vector<long long>& counts, const std::vector<double>& shares, long long pool_size,
                      const std::vector<AssayErrorRates>& errors) {
  auto probabilities = observed_class_probabilities(shares, pool_size, errors);
  double value = 0.0;
  for (std::size_t c = 0; c < counts.size(); ++c) {
    if (counts[c] > 0) value += counts[c] * std::log(probabilities[c]);
  }
  return value;
}

}  // namespace

// ---- the model -----------------------------------------------------------------------------

TEST(StackedModel, ClassProbabilitiesMatchEnumerationOfEveryPool) {
  const std::vector<double> two{0.7, 0.1, 0.15, 0.05};
  const std::vector<double> three{0.6, 0.05, 0.1, 0.05, 0.08, 0.02, 0.07, 0.03};
  const std::vector<AssayErrorRates> no_errors;
  const std::vector<AssayErrorRates> errors2{{0.02, 0.1}, {0.05, 0.0}};
  const std::vector<AssayErrorRates> errors3{{0.02, 0.1}, {0.05, 0.0}, {0.0, 0.2}};
  for (int n : {1, 2, 3, 5}) {
    for (const auto* errors : {&no_errors, &errors2}) {
      auto expected = enumerate_classes(two, n, *errors);
      auto actual = observed_class_probabilities(two, n, *errors);
      double total = 0.0;
      for (unsigned c = 0; c < 4; ++c) EXPECT_NEAR(actual[c], expected[c], 1e-14) << "n=" << n << " class " << c;
      for (double p : actual) total += p;
      EXPECT_NEAR(total, 1.0, 1e-14);
    }
  }
  for (int n : {1, 2, 4}) {
    for (const auto* errors : {&no_errors, &errors3}) {
      auto expected = enumerate_classes(three, n, *errors);
      auto actual = observed_class_probabilities(three, n, *errors);
      for (unsigned c = 0; c < 8; ++c) EXPECT_NEAR(actual[c], expected[c], 1e-14) << "n=" << n << " class " << c;
    }
  }
}

TEST(StackedModel, LabelsNameCombinationsInAnyOrder) {
  EXPECT_EQ(combination_label(0b11, kTwo, "none"), "A+B");
  EXPECT_EQ(combination_label(0, kTwo, "none"), "none");
  EXPECT_EQ(combination_label(0b101, kThree, "non_gm"), "A+C");
  EXPECT_EQ(parse_combination_label("C+A", kThree, "none"), 0b101u);
  EXPECT_EQ(parse_combination_label("none", kThree, "none"), 0u);
  EXPECT_EQ(parse_combination_label("B", kThree, "none"), 0b10u);
  EXPECT_FALSE(parse_combination_label("A+A", kThree, "none").has_value());
  EXPECT_FALSE(parse_combination_label("D", kThree, "none").has_value());
  EXPECT_FALSE(parse_combination_label("A+", kThree, "none").has_value());
  EXPECT_FALSE(parse_combination_label("", kThree, "none").has_value());
  for (unsigned mask = 0; mask < 8; ++mask) {
    EXPECT_EQ(parse_combination_label(combination_label(mask, kThree, "none"), kThree, "none"), mask);
  }
}

// ---- oracles -------------------------------------------------------------------------------

// Two events, full model, error-free assays: P(class ⊆ D) = F(D)^n inverts in closed form.
// Counts none 170, A 90, B 47, A+B 193 of N = 500 pools of n = 20:
//   p0 = (170/500)^(1/20);  p0 + pA = (260/500)^(1/20);  p0 + pB = (217/500)^(1/20);  pAB = 1 − the rest.
TEST(StackedOracle, FullTwoEventModelInvertsInClosedForm) {
  auto estimate = ok(estimate_stacked({20, kTwo, {170, 90, 47, 193}, {}, {}}));
  const double p0 = std::pow(170.0 / 500, 1.0 / 20);
  const double a = std::pow(260.0 / 500, 1.0 / 20) - p0;
  const double b = std::pow(217.0 / 500, 1.0 / 20) - p0;
  EXPECT_EQ(estimate.status, StackedStatus::converged);
  EXPECT_NEAR(estimate.type_shares[0], p0, 1e-9);
  EXPECT_NEAR(estimate.type_shares[1], a, 1e-9);
  EXPECT_NEAR(estimate.type_shares[2], b, 1e-9);
  EXPECT_NEAR(estimate.type_shares[3], 1.0 - p0 - a - b, 1e-9);
  // A saturated model fits every class exactly.
  const std::vector<double> counts{170, 90, 47, 193};
  for (unsigned c = 0; c < 4; ++c) EXPECT_NEAR(estimate.expected_class_counts[c], counts[c], 1e-6);
  // p0 = 0.34^(0.05) = exp(0.05·ln 0.34) = exp(−0.0539404) = 0.947488.
  EXPECT_NEAR(p0, 0.947488, 1e-6);
}

// One event without assay errors is the single-event pooled estimate 1 − (1 − x/m)^(1/n).
TEST(StackedOracle, OneEventIsTheSingleEventClosedForm) {
  for (long long n : {1, 10, 100}) {
    for (long long m : {5, 30}) {
      for (long long x = 0; x < m; x += 2) {
        auto stacked = ok(estimate_stacked({n, {"A"}, {m - x, x}, {}, {}}));
        auto pooled = std::get<PooledEstimate>(estimate_equal_pools({n, m, x}, {}));
        ASSERT_FALSE(stacked.type_shares.empty());
        EXPECT_NEAR(stacked.type_shares[1], *pooled.proportion, 1e-10) << "n=" << n << " m=" << m << " x=" << x;
      }
    }
  }
  // With error rates, also the pooled formula (corrected share of positive pools) when x/m lies
  // between fpr and 1 − fnr.
  auto stacked = ok(estimate_stacked({50, {"A"}, {14, 6}, {{0.02, 0.05}}, {}}));
  auto pooled = std::get<PooledEstimate>(estimate_equal_pools({50, 20, 6}, {}, {0.02, 0.05}));
  EXPECT_NEAR(stacked.type_shares[1], *pooled.proportion, 1e-8);
}

// ---- recovery by simulation ----------------------------------------------------------------

// R replicate lots of N pools from known shares: the mean estimate of each type lies within
// 4 standard errors of the mean (sd/√R) of the truth, plus 2 % of it for the MLE's small bias.
TEST(StackedRecovery, SimulatedLotsAreRecovered) {
  struct Setting {
    std::vector<double> shares;
    long long pool_size, pools;
    std::vector<AssayErrorRates> errors;
  };
  std::mt19937_64 random(99);
  const int replicates = 40;
  for (const Setting& s :
       {Setting{{0.95, 0.02, 0.01, 0.02}, 20, 400, {}},
        Setting{{0.95, 0.02, 0.01, 0.02}, 20, 400, {{0.02, 0.05}, {0.01, 0.03}}},
        Setting{{0.9, 0.03, 0.02, 0.01, 0.02, 0.005, 0.005, 0.01}, 10, 800, {}},
        Setting{{0.9, 0.03, 0.02, 0.01, 0.02, 0.005, 0.005, 0.01}, 10, 800, {{0.01, 0.02}, {0.02, 0.01}, {0.0, 0.05}}}}) {
    std::vector<double> sum(s.shares.size(), 0.0), sum_squares(s.shares.size(), 0.0);
    for (int r = 0; r < replicates; ++r) {
      auto counts = simulate(s.shares, s.pool_size, s.pools, s.errors, random);
      auto estimate = ok(estimate_stacked({s.pool_size, first_events(std::countr_zero(s.shares.size())), counts,
                                           s.errors, {}}));
      ASSERT_TRUE(estimate.status == StackedStatus::converged || estimate.status == StackedStatus::boundary);
      for (std::size_t t = 0; t < s.shares.size(); ++t) {
        sum[t] += estimate.type_shares[t];
        sum_squares[t] += estimate.type_shares[t] * estimate.type_shares[t];
      }
    }
    for (std::size_t t = 0; t < s.shares.size(); ++t) {
      double mean = sum[t] / replicates;
      double sd = std::sqrt(std::max(0.0, sum_squares[t] / replicates - mean * mean));
      EXPECT_NEAR(mean, s.shares[t], 4 * sd / std::sqrt(replicates) + 0.02 * s.shares[t])
          << "type " << t << " of " << s.shares.size() << (s.errors.empty() ? "" : " with errors");
      EXPECT_LT(sd, 0.5 * s.shares[t] + 0.005) << "type " << t;  // the data inform the estimate
    }
  }
}

// The fit is a maximum: no small step inside the simplex (towards another type, or within a
// restricted model) raises the likelihood.
TEST(StackedRecovery, FitIsALocalMaximumOfTheLikelihood) {
  std::mt19937_64 random(5);
  const std::vector<AssayErrorRates> errors{{0.02, 0.05}, {0.01, 0.03}, {0.0, 0.1}};
  for (int trial = 0; trial < 12; ++trial) {
    std::size_t events = 2 + trial % 2;
    std::vector<double> shares(1u << events, 0.01);
    shares[0] = 1.0 - 0.01 * (shares.size() - 1);
    std::vector<AssayErrorRates> used(errors.begin(), errors.begin() + static_cast<long>(events));
    if (trial % 3 == 0) used.clear();
    auto counts = simulate(shares, 15, 300, used, random);
    auto estimate = ok(estimate_stacked({15, first_events(events), counts, used, {}}));
    ASSERT_FALSE(estimate.type_shares.empty());
    const auto& fit = estimate.type_shares;
    double best = log_likelihood(counts, fit, 15, used);
    EXPECT_NEAR(best, *estimate.log_likelihood, 1e-9 * std::fabs(best));
    for (unsigned from = 0; from < fit.size(); ++from) {
      for (unsigned to = 0; to < fit.size(); ++to) {
        if (from == to) continue;
        double step = std::min(fit[from], 1e-4);
        if (step <= 0.0) continue;
        auto moved = fit;
        moved[from] -= step;
        moved[to] += step;
        EXPECT_LE(log_likelihood(counts, moved, 15, used), best + 1e-7) << "trial " << trial << " " << from << "→" << to;
      }
    }
  }
}

// Pools of 300 seeds with nearly every pool positive for all three events: F(D)^300 underflows
// in double precision, yet the fit converges to a maximum with finite numbers.
TEST(StackedRecovery, LargePoolsNearlyAllPositive) {
  const std::vector<long long> counts{0, 0, 0, 1, 0, 31, 4, 964};
  auto estimate = ok(estimate_stacked({300, kThree, counts, {}, {}}));
  ASSERT_TRUE(estimate.status == StackedStatus::converged || estimate.status == StackedStatus::boundary);
  ASSERT_TRUE(std::isfinite(*estimate.log_likelihood));
  double total = 0.0;
  for (double share : estimate.type_shares) total += share;
  EXPECT_NEAR(total, 1.0, 1e-12);
  for (unsigned c = 0; c < 8; ++c) EXPECT_NEAR(estimate.expected_class_counts[c], double(counts[c]), 0.5) << c;
}

// ---- statuses ------------------------------------------------------------------------------

TEST(StackedEstimateStatus, AllPoolsPositiveForAnEventGivesNoEstimate) {
  auto all = ok(estimate_stacked({20, kTwo, {0, 0, 0, 12}, {}, {}}));
  EXPECT_EQ(all.status, StackedStatus::all_pools_positive);
  EXPECT_TRUE(all.type_shares.empty());
  EXPECT_FALSE(all.log_likelihood.has_value());
  EXPECT_EQ(all.saturated_events, (std::vector<std::size_t>{0, 1}));
  auto one = ok(estimate_stacked({20, kTwo, {0, 5, 0, 7}, {}, {}}));
  EXPECT_EQ(one.status, StackedStatus::all_pools_positive);
  EXPECT_EQ(one.saturated_events, (std::vector<std::size_t>{0}));
  // With a 5 % false-negative rate, 39 of 40 positive pools (97.5 % ≥ 95 %) are as many as any
  // share could give — as for the single-event estimate.
  auto with_errors = ok(estimate_stacked({100, {"A"}, {1, 39}, {{0.0, 0.05}}, {}}));
  EXPECT_EQ(with_errors.status, StackedStatus::all_pools_positive);
  auto single = std::get<PooledEstimate>(estimate_equal_pools({100, 40, 39}, {}, {0.0, 0.05}));
  EXPECT_EQ(single.status, lmo::domain::PooledStatus::above_measurable_range);
  auto below = ok(estimate_stacked({100, {"A"}, {3, 37}, {{0.0, 0.05}}, {}}));
  EXPECT_NE(below.status, StackedStatus::all_pools_positive);
}

TEST(StackedEstimateStatus, NonConvergenceIsAStatusWithoutNumbers) {
  const std::vector<long long> counts{69, 59, 46, 26};
  const std::vector<AssayErrorRates> errors{{0.01, 0.05}, {0.02, 0.05}};
  auto capped = ok(estimate_stacked({20, kTwo, counts, errors, {}}, StackedFitOptions{2, 1e-10}));
  EXPECT_EQ(capped.status, StackedStatus::not_converged);
  EXPECT_EQ(capped.iterations, 2);
  EXPECT_TRUE(capped.type_shares.empty());
  EXPECT_TRUE(capped.expected_class_counts.empty());
  EXPECT_FALSE(capped.log_likelihood.has_value());
  auto enough = ok(estimate_stacked({20, kTwo, counts, errors, {}}));
  EXPECT_NE(enough.status, StackedStatus::not_converged);
  EXPECT_GT(enough.iterations, 2);
}

// Fewer pools positive for both events than single-event seeds explain: the stack's share is
// estimated at 0, on the edge of the simplex — status boundary, with the shares reported.
TEST(StackedEstimateStatus, BoundaryWhenATypeIsEstimatedAtZero) {
  auto estimate = ok(estimate_stacked({20, kTwo, {69, 59, 46, 26}, {}, {}}));
  EXPECT_EQ(estimate.status, StackedStatus::boundary);
  EXPECT_EQ(estimate.type_shares[3], 0.0);
  EXPECT_GT(estimate.type_shares[1], 0.0);
  // The same fit as the model without the stack.
  auto without = ok(estimate_stacked({20, kTwo, {69, 59, 46, 26}, {}, {1, 2}}));
  EXPECT_EQ(without.seed_types, (std::vector<unsigned>{0, 1, 2}));
  EXPECT_NEAR(estimate.type_shares[1], without.type_shares[1], 1e-6);
  EXPECT_NEAR(estimate.type_shares[2], without.type_shares[2], 1e-6);
  EXPECT_NEAR(*estimate.log_likelihood, *without.log_likelihood, 1e-6);
  // All pools negative: every GM share is 0.
  auto negative = ok(estimate_stacked({20, kThree, {40, 0, 0, 0, 0, 0, 0, 0}, {}, {}}));
  EXPECT_EQ(negative.status, StackedStatus::boundary);
  EXPECT_EQ(negative.type_shares[0], 1.0);
}

TEST(StackedEstimateStatus, RestrictedTypesStayAtZero) {
  // Three events, only single-event seeds and the A+B stack modelled.
  auto estimate = ok(estimate_stacked({10, kThree, {300, 40, 30, 20, 25, 3, 2, 1}, {}, {1, 2, 4, 3}}));
  EXPECT_EQ(estimate.seed_types, (std::vector<unsigned>{0, 1, 2, 3, 4}));
  for (unsigned t : {5u, 6u, 7u}) EXPECT_EQ(estimate.type_shares[t], 0.0);
  double total = 0.0;
  for (double share : estimate.type_shares) total += share;
  EXPECT_NEAR(total, 1.0, 1e-12);
}

// ---- bad input -----------------------------------------------------------------------------

TEST(StackedBadInput, NamesTheField) {
  const std::vector<long long> four{10, 2, 3, 1};
  EXPECT_EQ(field_of(estimate_stacked({20, {}, {10}, {}, {}})), "events");
  EXPECT_EQ(field_of(estimate_stacked({20, {"A", "B", "C", "D"}, std::vector<long long>(16, 1), {}, {}})), "events");
  EXPECT_EQ(field_of(estimate_stacked({20, {"A", "A"}, four, {}, {}})), "events[1]");
  EXPECT_EQ(field_of(estimate_stacked({20, {"A", "B+C"}, four, {}, {}})), "events[1]");
  EXPECT_EQ(field_of(estimate_stacked({20, {"none", "B"}, four, {}, {}})), "events[0]");
  EXPECT_EQ(field_of(estimate_stacked({20, {"", "B"}, four, {}, {}})), "events[0]");
  EXPECT_EQ(field_of(estimate_stacked({0, kTwo, four, {}, {}})), "pool_size");
  EXPECT_EQ(field_of(estimate_stacked({20, kTwo, {10, 2, 3}, {}, {}})), "class_counts");
  EXPECT_EQ(field_of(estimate_stacked({20, kTwo, {10, -2, 3, 1}, {}, {}})), "class_counts.A");
  EXPECT_EQ(field_of(estimate_stacked({20, kTwo, {0, 0, 0, 0}, {}, {}})), "class_counts");
  EXPECT_EQ(field_of(estimate_stacked({20, kTwo, four, {{0.01, 0.01}}, {}})), "fpr");
  EXPECT_EQ(field_of(estimate_stacked({20, kTwo, four, {{0.01, 0.01}, {0.6, 0.4}}, {}})), "fnr[1]");
  EXPECT_EQ(field_of(estimate_stacked({20, kTwo, four, {{-0.1, 0.01}, {0.0, 0.0}}, {}})), "fpr[0]");
  EXPECT_EQ(field_of(estimate_stacked({20, kTwo, four, {}, {0}})), "seed_types[0]");
  EXPECT_EQ(field_of(estimate_stacked({20, kTwo, four, {}, {1, 4}})), "seed_types[1]");
  EXPECT_EQ(field_of(estimate_stacked({20, kTwo, four, {}, {1, 1}})), "seed_types[1]");
  EXPECT_EQ(field_of(estimate_stacked({20, kTwo, four, {}, {}}, StackedFitOptions{0, 1e-10})), "max_iterations");
  // Pools of one seed positive for both events, but no stacked seed modelled: impossible data.
  auto impossible = estimate_stacked({1, kTwo, {1, 0, 0, 2}, {}, {1, 2}});
  EXPECT_EQ(field_of(impossible), "class_counts.A+B");
  // With a false-positive rate the same data are possible.
  EXPECT_EQ(field_of(estimate_stacked({1, kTwo, {1, 0, 0, 2}, {{0.01, 0.0}, {0.0, 0.0}}, {1, 2}})), "(no error)");
}
