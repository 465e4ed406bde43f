// AssayErrorRates: how often a qualitative assay (one PCR reaction on one pool) calls a pool
// wrongly — false positive rate (a pool without the target tests positive) and false negative
// rate (a pool with the target tests negative) — and the two maps between the probability that
// a pool truly holds the target (q) and the probability that it tests positive (q_obs):
// q_obs = fpr + (1 − fpr − fnr)·q, and back. The assay must be informative: fpr + fnr < 1.
#pragma once

#include <string_view>

#include "domain/field_error.hpp"

namespace lmo::domain {

struct AssayErrorRates {
  double false_positive = 0.0;
  double false_negative = 0.0;

  bool error_free() const { return false_positive == 0.0 && false_negative == 0.0; }
  // 1 − fpr − fnr: how much of a change in q shows in q_obs (positive for an informative assay).
  double discrimination() const { return 1.0 - false_positive - false_negative; }
};

// fpr and fnr in [0, 1) with fpr + fnr < 1; errors name `fpr_field` or `fnr_field`.
Checked<AssayErrorRates> check_assay_error_rates(double fpr, double fnr, std::string_view fpr_field,
                                                 std::string_view fnr_field);

// A probability that a pool holds the target, kept with its complement (each computed
// directly, so that both stay accurate near 0 and near 1).
struct PoolProbability {
  double positive = 0.0;  // q
  double negative = 1.0;  // 1 − q
};

// q_obs from q.
PoolProbability observed_probability(const PoolProbability& truth, const AssayErrorRates& errors);
// q from q_obs, clamped to [0, 1] (observed rates below fpr mean q = 0; above 1 − fnr, q = 1).
PoolProbability corrected_probability(const PoolProbability& observed, const AssayErrorRates& errors);

}  // namespace lmo::domain
