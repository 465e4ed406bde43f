// PooledEstimate: the share p of GM seeds in a lot, estimated from qualitative results on pools
// (binGroup-style group testing). A pool of n seeds tests positive with probability
// q_obs = fpr + (1 − fpr − fnr)·q, where q = 1 − (1 − p)^n.
//  - One pool size (m pools, x positive): closed-form MLE p̂ = 1 − (1 − q̂)^(1/n) with q̂ the
//    error-corrected x/m; exact interval: Clopper–Pearson bounds on x/m mapped the same way.
//    The map is increasing, so the interval keeps its exact coverage.
//  - Several pool sizes: MLE of the product likelihood (Hepworth 1996) found numerically, with a
//    profile likelihood-ratio interval (approximate: χ²₁ calibration).
// "All pools positive" (q̂ at 1) is reported as above the measurable range with no estimate;
// a numerical search that does not converge is reported as such, with no numbers.
#pragma once

#include <optional>
#include <vector>

#include "domain/assay_error_rates.hpp"
#include "domain/binomial_interval.hpp"
#include "domain/field_error.hpp"

namespace lmo::domain {

struct PoolGroup {
  long long pool_size = 0;       // seeds per pool (n)
  long long pools = 0;           // pools tested (m)
  long long positive_pools = 0;  // pools that tested positive (x)
};

struct IntervalSpec {
  double confidence = 0.95;
  IntervalKind kind = IntervalKind::two_sided;
};

enum class PooledStatus { estimated, above_measurable_range, not_converged };
enum class PooledMethod { exact_clopper_pearson, likelihood_ratio };

struct ProportionInterval {
  double lower = 0.0;
  double upper = 1.0;
};

struct PooledEstimate {
  PooledStatus status = PooledStatus::estimated;
  PooledMethod method = PooledMethod::exact_clopper_pearson;
  std::optional<double> proportion;            // p̂, only when status is estimated
  std::optional<ProportionInterval> interval;  // absent when not converged
  // One-sided lower confidence bound at the requested level, given when above the measurable
  // range (the only informative statement then: "p is at least this").
  std::optional<double> lower_bound;
  std::optional<double> log_likelihood;  // likelihood method: at the maximum (no binomial coefficients)
  int iterations = 0;                    // likelihood method: Newton steps to the maximum
};

// Fields: pool_size, pools, positive_pools, confidence, fpr, fnr.
Checked<PooledEstimate> estimate_equal_pools(const PoolGroup& data, const IntervalSpec& interval,
                                             const AssayErrorRates& errors = {});

// Likelihood method for any pool sizes (also for one size, as a cross-check). Fields:
// groups, groups[i].pool_size, groups[i].pools, groups[i].positive_pools, confidence, fpr, fnr,
// max_iterations.
Checked<PooledEstimate> estimate_unequal_pools(const std::vector<PoolGroup>& groups, const IntervalSpec& interval,
                                               const AssayErrorRates& errors = {}, int max_iterations = 100);

// Groups that all share one pool size are merged and answered exactly; otherwise the
// likelihood method. Same fields as estimate_unequal_pools.
Checked<PooledEstimate> estimate_pooled(const std::vector<PoolGroup>& groups, const IntervalSpec& interval,
                                        const AssayErrorRates& errors = {}, int max_iterations = 100);

// Log-likelihood of p (0 ≤ p ≤ 1) without binomial coefficients; −∞ where the data are impossible.
double pooled_log_likelihood(const std::vector<PoolGroup>& groups, double proportion, const AssayErrorRates& errors);

}  // namespace lmo::domain
