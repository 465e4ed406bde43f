// Exact (Clopper–Pearson) confidence bounds for a binomial probability after `successes` out
// of `trials`: the bounds are the Beta quantiles that make the binomial tail probabilities equal
// to α (one-sided) or α/2 (two-sided). Each bound is returned with its complement 1 − bound,
// computed from the mirrored Beta quantile, so that transforms needing 1 − q (pooled testing)
// stay accurate when the bound is close to 1.
#pragma once

#include "domain/assay_error_rates.hpp"
#include "domain/field_error.hpp"

namespace lmo::domain {

enum class IntervalKind { two_sided, upper };

struct BinomialInterval {
  PoolProbability lower;  // {0, 1} when successes = 0, or for a one-sided upper interval
  PoolProbability upper;  // {1, 0} when successes = trials
};

// The lower bound alone at one-sided level 1 − alpha ({0, 1} when successes = 0).
PoolProbability clopper_pearson_lower(long long successes, long long trials, double alpha);
// The upper bound alone at one-sided level 1 − alpha ({1, 0} when successes = trials).
PoolProbability clopper_pearson_upper(long long successes, long long trials, double alpha);

// Fields named "successes", "trials", "confidence" (callers check their own fields first).
Checked<BinomialInterval> clopper_pearson(long long successes, long long trials, double confidence,
                                          IntervalKind kind);

}  // namespace lmo::domain
