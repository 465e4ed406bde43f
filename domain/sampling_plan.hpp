// Sampling plans for testing a seed or grain lot for GM material (domain.md §7): individual
// seeds (N seeds, acceptance number c), m pools of n seeds (acceptance number c), and
// double-stage pooled plans (m1, c1, r1, m2, c2), each with the assay's false-positive and
// false-negative rates. Owns their validation, the probability of accepting a lot whose GM
// fraction is p (the operating characteristic), producer and consumer risks, the expected
// number of assays, and the sample needed to detect a fraction with a given confidence.
#pragma once

#include <optional>
#include <variant>
#include <vector>

#include "domain/assay_error_rates.hpp"
#include "domain/field_error.hpp"

namespace lmo::domain {

// Test N seeds one by one; accept the lot when at most c test positive.
struct IndividualSeedPlan {
  long long seeds = 1;
  long long acceptance_number = 0;
  AssayErrorRates errors;
};

// Test m pools of n seeds; accept the lot when at most c pools test positive.
struct PooledPlan {
  long long pools = 1;
  long long pool_size = 1;
  long long acceptance_number = 0;
  AssayErrorRates errors;
};

// Test m1 pools of n seeds: accept when X1 ≤ c1, reject when X1 ≥ r1; otherwise test m2 more
// pools and accept when X1 + X2 ≤ c2.
struct DoubleStagePlan {
  long long pool_size = 1;
  long long pools = 1;                     // m1
  long long acceptance_number = 0;         // c1
  long long rejection_number = 1;          // r1
  long long second_pools = 1;              // m2
  long long second_acceptance_number = 0;  // c2
  AssayErrorRates errors;
};

using SamplingPlan = std::variant<IndividualSeedPlan, PooledPlan, DoubleStagePlan>;

// Each check names the request field at fault ("pools", "acceptance_number",
// "false_negative_rate", …). A pool larger than `max_pool_size` (what the assay's detection
// limit allows) is refused on "pool_size". Assay error rates are checked as
// "false_positive_rate" and "false_negative_rate".
std::optional<FieldError> check_plan_assay_errors(const AssayErrorRates& errors);
Checked<SamplingPlan> validate_plan(const SamplingPlan& plan, std::optional<long long> max_pool_size = std::nullopt);
// The largest pool in which one GM seed stays detectable: ⌊1 / lod⌋ for an LOD given as a
// fraction (0.001 = 0.1 % → 1000 seeds). Refused on "lod" outside (0, 1].
Checked<long long> max_pool_size_for_lod(double lod);

// The probability that a pool of n seeds tests positive (and negative, each computed directly
// so that neither loses precision): q = 1 − (1 − p)^n = −expm1(n·log1p(−p)), then q_obs =
// fpr + (1 − fpr − fnr)·q.
PoolProbability pool_test_probability(double p, long long pool_size, const AssayErrorRates& errors);

// Total functions of a validated plan; p is clamped to [0, 1].
double acceptance_probability(const SamplingPlan& plan, double p);
double rejection_probability(const SamplingPlan& plan, double p);  // 1 − Pacc, evaluated directly
double expected_assays(const SamplingPlan& plan, double p);        // m1 + m2·P(second stage) for double stage
long long seeds_total(const SamplingPlan& plan);                   // every seed the sample must hold
long long assays_max(const SamplingPlan& plan);

// Points of the operating characteristic for a chart: `count` evenly spaced fractions from 0 to
// 3 × LQL (without an LQL: to where Pacc falls to 0.001, at least 3 × AQL), capped at 1, with
// the AQL and LQL themselves added; sorted by p.
struct OcPoint {
  double p = 0.0;
  double acceptance_probability = 1.0;
};
std::vector<OcPoint> operating_characteristic(const SamplingPlan& plan, std::optional<double> aql,
                                              std::optional<double> lql, int count = 60);

// The fewest pools m in [max(c + 1, at_least), cap] with P(Bin(m, q) ≤ c) ≤ beta, found by
// galloping and bisection (P(Bin(m, q) ≤ c) falls as m grows); nullopt when even `cap` pools
// are not enough or q = 0.
std::optional<long long> fewest_pools(double q, long long acceptance_number, double beta, long long cap,
                                      long long at_least = 1);

// The sample that detects a GM fraction with the given confidence: the fewest pools of
// `pool_size` seeds (1: individual seeds) such that a lot at that fraction is accepted with
// probability at most 1 − confidence. With c = 0, n = 1 and a perfect assay this is
// N = ⌈ln(1 − confidence) / ln(1 − p)⌉ (0.1 % at 95 % → 2995 seeds).
struct DetectionRequirement {
  double proportion = 0.001;
  double confidence = 0.95;
  long long pool_size = 1;
  long long acceptance_number = 0;
  AssayErrorRates errors;
};
struct DetectionSample {
  long long pools = 0;
  long long pool_size = 1;
  long long seeds = 0;
  double acceptance_probability = 0.0;  // at the given proportion; ≤ 1 − confidence
};
Checked<DetectionSample> sample_to_detect(const DetectionRequirement& requirement);

}  // namespace lmo::domain
