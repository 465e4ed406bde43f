// Digital PCR: the domain.md oracle (8000 of 20000 positive → λ ≈ 0.51, ≈ 510 copies/µL in
// 20 µL, i.e. 1 nL partitions); Clopper–Pearson limits checked against bisection on binomial
// sums written here; closed forms at k = 0 and k = n; interval coverage by Monte-Carlo with
// copies dropped at random into partitions (fixed seed), compared with the exact coverage and
// the nominal level within Monte-Carlo error; GM % statuses; every bad input with its field.
#include "domain/digital_pcr.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

namespace lmo::domain {
namespace {

PartitionRun run(long long positive, long long partitions, double partition_volume_nl,
                 std::optional<double> reaction_volume_ul = std::nullopt, double dilution_factor = 1.0) {
  return {positive, partitions, partition_volume_nl, reaction_volume_ul, dilution_factor};
}

DigitalPcrQuantity quantify_ok(const PartitionRun& run, double confidence = 0.95) {
  auto result = quantify_partitions(run, confidence);
  if (const auto* error = error_of(result)) ADD_FAILURE() << error->field << ": " << error->message;
  return std::get<DigitalPcrQuantity>(result);
}

std::string run_error(const PartitionRun& run, double confidence = 0.95) {
  auto result = quantify_partitions(run, confidence);
  const auto* error = error_of(result);
  return error ? error->field : "<no error>";
}

// P(X ≥ k) for X ~ Bin(n, p), summed term by term in log space.
double binomial_upper_tail(int n, int k, double p) {
  double total = 0;
  for (int j = k; j <= n; ++j) {
    double log_term = std::lgamma(n + 1.0) - std::lgamma(j + 1.0) - std::lgamma(n - j + 1.0) + j * std::log(p) +
                      (n - j) * std::log1p(-p);
    total += std::exp(log_term);
  }
  return total;
}

// Solves f(p) = target for an increasing f on (0, 1) by bisection.
template <class F>
double bisect(F f, double target) {
  double lo = 0, hi = 1;
  for (int i = 0; i < 200; ++i) {
    double mid = (lo + hi) / 2;
    (f(mid) < target ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}

// Positive partitions after dropping Poisson(n·λ) copies uniformly at random into n partitions.
long long simulate_positive(long long partitions, double lambda, std::mt19937_64& random) {
  std::poisson_distribution<long long> copies(static_cast<double>(partitions) * lambda);
  std::uniform_int_distribution<long long> where(0, partitions - 1);
  std::vector<char> occupied(static_cast<std::size_t>(partitions), 0);
  long long total = copies(random);
  long long positive = 0;
  for (long long c = 0; c < total; ++c) {
    char& cell = occupied[static_cast<std::size_t>(where(random))];
    positive += cell == 0;
    cell = 1;
  }
  return positive;
}

TEST(DigitalPcr, DomainOracleEightThousandOfTwentyThousand) {
  // 20000 partitions filling a 20 µL reaction: 1 nL each.
  auto q = quantify_ok(run(8000, 20000, 1.0, 20.0, 1.0));
  EXPECT_EQ(q.status, PartitionStatus::quantified);
  EXPECT_NEAR(*q.copies_per_partition.estimate, 0.51, 0.005);
  EXPECT_NEAR(*q.copies_per_partition.estimate, -std::log(0.6), 1e-14);
  EXPECT_NEAR(*q.copies_per_ul.estimate, 510.0, 5.0);
  EXPECT_NEAR(*q.copies_per_ul.estimate, -1000 * std::log(0.6), 1e-10);
  EXPECT_NEAR(*q.copies_in_reaction.estimate, -20000 * std::log(0.6), 1e-8);
  EXPECT_DOUBLE_EQ(q.analysed_volume_ul, 20.0);
  EXPECT_DOUBLE_EQ(q.reaction_volume_ul, 20.0);
  EXPECT_DOUBLE_EQ(q.fraction_positive, 0.4);
  EXPECT_LT(*q.copies_per_partition.lower, *q.copies_per_partition.estimate);
  EXPECT_GT(*q.copies_per_partition.upper, *q.copies_per_partition.estimate);
  // Normal-approximation half-width of λ: z·√(p/(n(1−p))) ≈ 0.0107; the exact interval is close.
  double half = 1.959964 * std::sqrt(0.4 / (20000 * 0.6));
  EXPECT_NEAR(*q.copies_per_partition.upper - *q.copies_per_partition.lower, 2 * half, 0.001);
}

TEST(DigitalPcr, ClopperPearsonLimitsMatchBinomialSums) {
  const int n = 40;
  for (int k : {1, 3, 12, 20, 33, 39}) {
    auto q = quantify_ok(run(k, n, 0.5), 0.95);
    double p_lower = bisect([&](double p) { return binomial_upper_tail(n, k, p); }, 0.025);
    double p_upper = bisect([&](double p) { return -(1 - binomial_upper_tail(n, k + 1, p)); }, -0.025);
    EXPECT_NEAR(*q.copies_per_partition.lower, -std::log1p(-p_lower), 1e-9) << k;
    EXPECT_NEAR(*q.copies_per_partition.upper, -std::log1p(-p_upper), 1e-9) << k;
    // Concentration is λ per partition volume: 0.5 nL → ×2000 per µL.
    EXPECT_NEAR(*q.copies_per_ul.lower, 2000 * *q.copies_per_partition.lower, 1e-9);
  }
}

TEST(DigitalPcr, NoPositiveAndAllPositiveHaveClosedForms) {
  const double alpha = 0.05;
  auto none = quantify_ok(run(0, 1000, 1.0));
  EXPECT_EQ(none.status, PartitionStatus::not_detected);
  EXPECT_EQ(*none.copies_per_partition.estimate, 0.0);
  EXPECT_EQ(*none.copies_per_partition.lower, 0.0);
  EXPECT_NEAR(*none.copies_per_partition.upper, -std::log(alpha / 2) / 1000, 1e-12);  // (1 − p)^n = α/2

  auto all = quantify_ok(run(1000, 1000, 1.0));
  EXPECT_EQ(all.status, PartitionStatus::saturated);
  EXPECT_FALSE(all.copies_per_partition.estimate);
  EXPECT_FALSE(all.copies_per_partition.upper);
  EXPECT_FALSE(all.copies_per_ul.estimate);
  EXPECT_FALSE(all.copies_in_reaction.upper);
  EXPECT_NEAR(*all.copies_per_partition.lower, -std::log1p(-std::pow(alpha / 2, 1.0 / 1000)), 1e-9);  // p^n = α/2
  EXPECT_STREQ(partition_status_code(all.status), "saturated");
}

TEST(DigitalPcr, TinyFractionsKeepTheirPrecision) {
  auto q = quantify_ok(run(1, 1000000000, 0.001));
  EXPECT_NEAR(*q.copies_per_partition.estimate / 1e-9, 1.0, 1e-8);
  EXPECT_GT(*q.copies_per_partition.lower, 0.0);
  EXPECT_NEAR(*q.copies_per_ul.estimate, 1e-9 * 1e6, 1e-10);
}

TEST(DigitalPcr, ReactionVolumeAndDilution) {
  // 20000 droplets of 0.85 nL analysed (17 µL) from a 20 µL reaction; sample diluted 10-fold.
  auto q = quantify_ok(run(5000, 20000, 0.85, 20.0, 10.0));
  double lambda = -std::log1p(-0.25);
  EXPECT_NEAR(q.analysed_volume_ul, 17.0, 1e-12);
  EXPECT_NEAR(*q.copies_per_ul.estimate, lambda / 0.00085, 1e-9);
  EXPECT_NEAR(*q.copies_in_reaction.estimate, 20 * lambda / 0.00085, 1e-7);
  EXPECT_NEAR(*q.sample_copies_per_ul.estimate, 10 * lambda / 0.00085, 1e-8);
  EXPECT_NEAR(*q.sample_copies_per_ul.upper, 10 * *q.copies_per_ul.upper, 1e-8);
  // Without a reaction volume, the reaction is the partitioned volume.
  auto plain = quantify_ok(run(5000, 20000, 0.85));
  EXPECT_NEAR(plain.reaction_volume_ul, 17.0, 1e-12);
  EXPECT_NEAR(*plain.copies_in_reaction.estimate, 20000 * lambda, 1e-8);
}

TEST(DigitalPcr, IntervalCoverageByPoissonLoadingSimulation) {
  std::mt19937_64 random(20261127);
  const long long n = 2000;
  const int trials = 1500;
  for (double lambda : {0.02, 0.5, 2.5}) {
    // Exact coverage: the number of positives is Bin(n, 1 − e^−λ) under Poisson loading.
    double q = -std::expm1(-lambda);
    double exact = 0;
    for (long long k = 0; k <= n; ++k) {
      auto ci = quantify_ok(run(k, n, 1.0));
      bool covers = *ci.copies_per_partition.lower <= lambda &&
                    (!ci.copies_per_partition.upper || lambda <= *ci.copies_per_partition.upper);
      if (covers) {
        double log_pmf = std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0) +
                         static_cast<double>(k) * std::log(q) + static_cast<double>(n - k) * std::log1p(-q);
        exact += std::exp(log_pmf);
      }
    }
    EXPECT_GE(exact, 0.95) << lambda;  // Clopper–Pearson never undercovers
    int covered = 0;
    for (int t = 0; t < trials; ++t) {
      auto ci = quantify_ok(run(simulate_positive(n, lambda, random), n, 1.0));
      covered += *ci.copies_per_partition.lower <= lambda &&
                 (!ci.copies_per_partition.upper || lambda <= *ci.copies_per_partition.upper);
    }
    double coverage = static_cast<double>(covered) / trials;
    double mc_error = std::sqrt(exact * (1 - exact) / trials);
    EXPECT_NEAR(coverage, exact, 4 * mc_error + 1e-9) << lambda;
    EXPECT_GE(coverage, 0.95 - 4 * std::sqrt(0.95 * 0.05 / trials)) << lambda;
  }
}

TEST(DigitalPcr, GmPercentIsTheRatioOfConcentrationsWithBonferroniLimits) {
  PartitionRun event = run(150, 18000, 0.85, 20.0, 1.0);
  PartitionRun reference = run(9000, 18000, 0.85, 20.0, 1.0);
  auto gm = std::get<DigitalGmPercent>(dpcr_gm_percent(event, reference, 0.95));
  EXPECT_EQ(gm.status, DigitalGmStatus::quantified);
  EXPECT_DOUBLE_EQ(gm.per_target_confidence, 0.975);
  double ratio = 100 * std::log1p(-150.0 / 18000) / std::log1p(-0.5);
  EXPECT_NEAR(*gm.percent.estimate, ratio, 1e-10);
  auto e = quantify_ok(event, 0.975);
  auto r = quantify_ok(reference, 0.975);
  EXPECT_NEAR(*gm.percent.lower, 100 * *e.copies_per_ul.lower / *r.copies_per_ul.upper, 1e-10);
  EXPECT_NEAR(*gm.percent.upper, 100 * *e.copies_per_ul.upper / *r.copies_per_ul.lower, 1e-10);

  // Different dilutions of the two targets are taken into account.
  PartitionRun diluted = reference;
  diluted.positive = 1000;
  diluted.dilution_factor = 10;
  auto d = std::get<DigitalGmPercent>(dpcr_gm_percent(event, diluted, 0.95));
  EXPECT_NEAR(*d.percent.estimate, 100 * std::log1p(-150.0 / 18000) / (10 * std::log1p(-1000.0 / 18000)), 1e-10);
}

TEST(DigitalPcr, GmPercentIntervalCoverageBySimulation) {
  std::mt19937_64 random(5);
  const long long n = 2000;
  const double lambda_event = 0.01, lambda_reference = 0.8;
  const double truth = 100 * lambda_event / lambda_reference;
  const int trials = 1000;
  int covered = 0;
  for (int t = 0; t < trials; ++t) {
    PartitionRun event = run(simulate_positive(n, lambda_event, random), n, 1.0);
    PartitionRun reference = run(simulate_positive(n, lambda_reference, random), n, 1.0);
    auto gm = std::get<DigitalGmPercent>(dpcr_gm_percent(event, reference, 0.95));
    covered += *gm.percent.lower <= truth && (!gm.percent.upper || truth <= *gm.percent.upper);
  }
  // Bonferroni is conservative: at least the nominal level, within Monte-Carlo error.
  EXPECT_GE(static_cast<double>(covered) / trials, 0.95 - 4 * std::sqrt(0.95 * 0.05 / trials));
}

TEST(DigitalPcr, GmPercentStatusesWhenATargetSaturatesOrIsAbsent) {
  PartitionRun ok = run(100, 1000, 1.0);
  PartitionRun all = run(1000, 1000, 1.0);
  PartitionRun none = run(0, 1000, 1.0);
  auto gm = [](const PartitionRun& t, const PartitionRun& r) {
    return std::get<DigitalGmPercent>(dpcr_gm_percent(t, r));
  };

  auto reference_saturated = gm(ok, all);
  EXPECT_EQ(reference_saturated.status, DigitalGmStatus::reference_saturated);
  EXPECT_FALSE(reference_saturated.percent.estimate);
  EXPECT_EQ(*reference_saturated.percent.lower, 0.0);
  EXPECT_TRUE(reference_saturated.percent.upper);

  auto reference_absent = gm(ok, none);
  EXPECT_EQ(reference_absent.status, DigitalGmStatus::reference_not_detected);
  EXPECT_FALSE(reference_absent.percent.estimate);
  EXPECT_FALSE(reference_absent.percent.upper);
  EXPECT_GT(*reference_absent.percent.lower, 0.0);
  EXPECT_STREQ(digital_gm_status_code(reference_absent.status), "reference_not_detected");

  auto target_saturated = gm(all, ok);
  EXPECT_EQ(target_saturated.status, DigitalGmStatus::target_saturated);
  EXPECT_FALSE(target_saturated.percent.estimate);
  EXPECT_FALSE(target_saturated.percent.upper);
  EXPECT_GT(*target_saturated.percent.lower, 100.0);

  auto target_absent = gm(none, ok);
  EXPECT_EQ(target_absent.status, DigitalGmStatus::quantified);
  EXPECT_EQ(*target_absent.percent.estimate, 0.0);
  EXPECT_EQ(*target_absent.percent.lower, 0.0);
  EXPECT_GT(*target_absent.percent.upper, 0.0);
}

TEST(DigitalPcr, BadRunsNameTheirField) {
  EXPECT_EQ(run_error(run(0, 0, 1.0)), "partitions");
  EXPECT_EQ(run_error(run(0, 2'000'000'000, 1.0)), "partitions");
  EXPECT_EQ(run_error(run(-1, 100, 1.0)), "positive");
  EXPECT_EQ(run_error(run(101, 100, 1.0)), "positive");
  EXPECT_EQ(run_error(run(5, 100, 0.0)), "partition_volume_nl");
  EXPECT_EQ(run_error(run(5, 100, -1.0)), "partition_volume_nl");
  EXPECT_EQ(run_error(run(5, 100, std::nan(""))), "partition_volume_nl");
  EXPECT_EQ(run_error(run(5, 100, 1001.0)), "partition_volume_nl");
  EXPECT_EQ(run_error(run(5, 100, 1e-9)), "partition_volume_nl");
  EXPECT_EQ(run_error(run(5, 100, 1.0, std::nullopt, 1e-9)), "dilution_factor");
  EXPECT_EQ(run_error(run(5, 100, 1.0, std::nullopt, 2e12)), "dilution_factor");
  EXPECT_EQ(run_error(run(5, 100, 1.0, 0.0)), "reaction_volume_ul");
  EXPECT_EQ(run_error(run(5, 20000, 1.0, 19.9)), "reaction_volume_ul");  // smaller than the partitions hold
  EXPECT_EQ(run_error(run(5, 100, 1.0, std::nullopt, 0.0)), "dilution_factor");
  EXPECT_EQ(run_error(run(5, 100, 1.0, std::nullopt, std::nan(""))), "dilution_factor");
  EXPECT_EQ(run_error(run(5, 100, 1.0), 0.0), "confidence");
  EXPECT_EQ(run_error(run(5, 100, 1.0), 1.0), "confidence");
  EXPECT_EQ(run_error(run(5, 20000, 1.0, 20.0)), "<no error>");  // exactly the partitioned volume

  auto gm_error = [](const PartitionRun& t, const PartitionRun& r, double confidence = 0.95) {
    auto result = dpcr_gm_percent(t, r, confidence);
    return error_of(result) ? error_of(result)->field : "<no error>";
  };
  EXPECT_EQ(gm_error(run(-1, 100, 1.0), run(5, 100, 1.0)), "target.positive");
  EXPECT_EQ(gm_error(run(5, 100, 1.0), run(5, 0, 1.0)), "reference.partitions");
  EXPECT_EQ(gm_error(run(5, 100, 1.0), run(5, 100, 1.0), 1.5), "confidence");
}

}  // namespace
}  // namespace lmo::domain
