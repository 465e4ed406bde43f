#include "domain/pooled_estimate.hpp"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/policies/policy.hpp>
#include <cmath>
#include <limits>
#include <string>

namespace lmo::domain {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

std::optional<FieldError> check_group(const PoolGroup& group, const std::string& prefix) {
  if (group.pool_size < 1) return FieldError{prefix + "pool_size", "must be at least 1 seed per pool"};
  if (group.pools < 1) return FieldError{prefix + "pools", "must be at least 1"};
  if (group.positive_pools < 0) return FieldError{prefix + "positive_pools", "must not be negative"};
  if (group.positive_pools > group.pools) {
    return FieldError{prefix + "positive_pools", "must not exceed pools (" + std::to_string(group.pools) + ")"};
  }
  return std::nullopt;
}

std::optional<FieldError> check_groups(const std::vector<PoolGroup>& groups) {
  if (groups.empty()) return FieldError{"groups", "must hold at least one group of pools"};
  for (std::size_t i = 0; i < groups.size(); ++i) {
    if (auto error = check_group(groups[i], "groups[" + std::to_string(i) + "].")) return error;
  }
  return std::nullopt;
}

std::optional<FieldError> check_common(const IntervalSpec& interval, const AssayErrorRates& errors) {
  if (!std::isfinite(interval.confidence) || interval.confidence <= 0.0 || interval.confidence >= 1.0) {
    return FieldError{"confidence", "must be between 0 and 1, exclusive"};
  }
  auto checked = check_assay_error_rates(errors.false_positive, errors.false_negative, "fpr", "fnr");
  if (const auto* error = error_of(checked)) return *error;
  return std::nullopt;
}

// p from the probability that a pool of n seeds holds at least one GM seed: p = 1 − (1 − q)^(1/n),
// using whichever of q and 1 − q is accurate.
double proportion_from(const PoolProbability& q, long long pool_size) {
  if (q.negative <= 0.0) return 1.0;
  if (q.positive <= 0.0) return 0.0;
  double log_negative = q.positive < 0.5 ? std::log1p(-q.positive) : std::log(q.negative);
  return -std::expm1(log_negative / static_cast<double>(pool_size));
}

// θ = −log(1 − p): the seeds' "GM hazard"; a pool of n seeds is negative with probability e^(−nθ).
double proportion_of_theta(double theta) { return theta == kInfinity ? 1.0 : -std::expm1(-theta); }

// ---- the likelihood method -------------------------------------------------------------------

struct LikelihoodPoint {
  double value = 0.0;      // ℓ(θ)
  double slope = 0.0;      // dℓ/dθ
  double curvature = 0.0;  // d²ℓ/dθ²
};

// ℓ(θ) = Σ x·log q_obs(nθ) + (m − x)·log(1 − q_obs(nθ)), with q_obs = fpr + b(1 − e^(−nθ)),
// b = 1 − fpr − fnr. With E = e^(−nθ):
//   d/dθ  = Σ x·b·n·E/q_obs − (m − x)·b·n·E/(1 − q_obs)
//   d²/dθ² = −Σ x·b·n²·E·(1 − fnr)/q_obs² + (m − x)·b·n²·E·fnr/(1 − q_obs)²
// Concavity: the positive-pool terms are always concave; the negative-pool terms are linear
// in θ when fnr = 0 (log(1 − q_obs) = log b − nθ) but convex when fnr > 0. So ℓ is concave in θ
// — one maximum, one crossing of each likelihood-ratio cut on each side — exactly when fnr = 0.
class PooledLikelihood {
 public:
  PooledLikelihood(const std::vector<PoolGroup>& groups, const AssayErrorRates& errors)
      : groups_(groups), errors_(errors) {}

  bool concave() const { return errors_.false_negative == 0.0; }

  LikelihoodPoint at(double theta) const {
    const double fpr = errors_.false_positive;
    const double fnr = errors_.false_negative;
    const double b = errors_.discrimination();
    LikelihoodPoint point;
    for (const auto& group : groups_) {
      const double n = static_cast<double>(group.pool_size);
      const double positive = static_cast<double>(group.positive_pools);
      const double negative = static_cast<double>(group.pools - group.positive_pools);
      const double t = n * theta;
      const double e = std::exp(-t);
      const double q = -std::expm1(-t);
      if (positive > 0.0) {
        const double q_obs = fpr + b * q;
        point.value += positive * std::log(q_obs);
        if (fpr == 0.0) {  // E/q_obs = 1/(b·(e^t − 1)) and E/q_obs² = 1/(b²·(e^t − 1)·q), exact near t = 0
          const double grow = std::expm1(t);
          point.slope += positive * n / grow;
          point.curvature -= positive * n * n * (1.0 - fnr) / (b * grow * q);
        } else {
          point.slope += positive * b * n * e / q_obs;
          point.curvature -= positive * b * n * n * e * (1.0 - fnr) / (q_obs * q_obs);
        }
      }
      if (negative > 0.0) {
        if (fnr == 0.0) {  // 1 − q_obs = b·e^(−t): no underflow for large t
          point.value += negative * (std::log(b) - t);
          point.slope -= negative * n;
        } else {
          const double s_obs = fnr + b * e;
          point.value += negative * std::log(s_obs);
          point.slope -= negative * b * n * e / s_obs;
          point.curvature += negative * b * n * n * e * fnr / (s_obs * s_obs);
        }
      }
    }
    return point;
  }

  // lim ℓ(θ) as θ → ∞ (p → 1): every pool holds GM seeds, so q_obs = 1 − fnr.
  double at_infinity() const {
    double value = 0.0;
    for (const auto& group : groups_) {
      const double positive = static_cast<double>(group.positive_pools);
      const double negative = static_cast<double>(group.pools - group.positive_pools);
      if (positive > 0.0) value += positive * std::log1p(-errors_.false_negative);
      if (negative > 0.0) value += negative * std::log(errors_.false_negative);  // −∞ when fnr = 0
    }
    return value;
  }

 private:
  const std::vector<PoolGroup>& groups_;
  AssayErrorRates errors_;
};

// A geometric grid of θ from θ_lo to 50 (p = 1 − e^(−50) is 1 in double precision) with 0 in
// front, evaluated lazily. θ_lo = 0.01/Σ m·n lies below any maximum that data can produce
// without false positives (there θ̂ ≥ 1/Σ m·n); with false positives a maximum below θ_lo is
// found in the first cell [0, θ_lo]. Ratio 1.02: about 1,800 points at the largest inputs.
class ThetaGrid {
 public:
  ThetaGrid(const PooledLikelihood& likelihood, double total_seeds) : likelihood_(likelihood) {
    const double lo = 0.01 / total_seeds;
    const double hi = 50.0;
    const double ratio = 1.02;
    thetas_.push_back(0.0);
    for (double theta = lo; theta < hi; theta *= ratio) thetas_.push_back(theta);
    thetas_.push_back(hi);
    points_.resize(thetas_.size());
  }

  std::size_t size() const { return thetas_.size(); }
  std::size_t count_below(double theta) const {
    return static_cast<std::size_t>(std::lower_bound(thetas_.begin(), thetas_.end(), theta) - thetas_.begin());
  }
  std::size_t count_not_above(double theta) const {
    return static_cast<std::size_t>(std::upper_bound(thetas_.begin(), thetas_.end(), theta) - thetas_.begin());
  }
  std::size_t last() const { return thetas_.size() - 1; }
  double theta(std::size_t k) const { return thetas_[k]; }
  const LikelihoodPoint& at(std::size_t k) {
    if (!points_[k]) points_[k] = likelihood_.at(thetas_[k]);
    return *points_[k];
  }

  // The first index in [begin, end) where `holds` is true, or `end`. When `monotone` (false …
  // false true … true), by bisection; otherwise by scanning.
  template <class Predicate>
  std::size_t first(std::size_t begin, std::size_t end, Predicate holds, bool monotone) {
    if (!monotone) {
      while (begin < end && !holds(at(begin))) ++begin;
      return begin;
    }
    while (begin < end) {
      std::size_t middle = begin + (end - begin) / 2;
      if (holds(at(middle))) end = middle;
      else begin = middle + 1;
    }
    return begin;
  }

  // The last index in [begin, end) where `holds` is true, or `end` when none; when `monotone`
  // (true … true false … false), by bisection; otherwise by scanning from the end.
  template <class Predicate>
  std::size_t last_true(std::size_t begin, std::size_t end, Predicate holds, bool monotone) {
    if (!monotone) {
      for (std::size_t k = end; k > begin; --k) {
        if (holds(at(k - 1))) return k - 1;
      }
      return end;
    }
    std::size_t first_false = first(begin, end, [&](const LikelihoodPoint& p) { return !holds(p); }, true);
    return first_false == begin ? end : first_false - 1;
  }

 private:
  const PooledLikelihood& likelihood_;
  std::vector<double> thetas_;
  std::vector<std::optional<LikelihoodPoint>> points_;
};

struct Root {
  double x = 0.0;
  int iterations = 0;
  bool converged = false;
};

// Newton's method kept inside a bracket [a, b] where f changes sign, falling back to bisection
// whenever a step would leave the bracket or is not finite. `f` returns {value, derivative}.
template <class Function>
Root bracketed_newton(Function f, double a, double b, int max_iterations) {
  const bool rising = f(a).first < 0.0;  // sign of f at a, the left end
  double x = a + (b - a) / 2.0;
  for (int iteration = 1; iteration <= max_iterations; ++iteration) {
    auto [value, derivative] = f(x);
    if (value == 0.0) return {x, iteration, true};
    if ((value < 0.0) == rising) a = x;
    else b = x;
    double next = x - value / derivative;
    const double tolerance = 1e-13 * std::fabs(x);
    if (std::fabs(next - x) <= tolerance) return {std::clamp(next, a, b), iteration, true};
    if (!std::isfinite(next) || next <= a || next >= b) next = a + (b - a) / 2.0;
    if (b - a <= tolerance) return {next, iteration, true};
    x = next;
  }
  return {x, max_iterations, false};
}

double likelihood_ratio_cut(double confidence, IntervalKind kind) {
  using Quiet = boost::math::policies::policy<
      boost::math::policies::domain_error<boost::math::policies::errno_on_error>,
      boost::math::policies::overflow_error<boost::math::policies::errno_on_error>>;
  boost::math::normal_distribution<double, Quiet> normal;
  const double alpha = 1.0 - confidence;
  const double z = boost::math::quantile(boost::math::complement(normal, kind == IntervalKind::upper ? alpha : alpha / 2.0));
  return z * z / 2.0;
}

// Where ℓ falls to `cut` below θ̂ (when `lower_wanted`) and above it: the outermost crossings
// when ℓ is not concave.
struct Crossings {
  double lower = 0.0;
  double upper = kInfinity;
  bool converged = true;
};

Crossings crossings(ThetaGrid& grid, const PooledLikelihood& likelihood, double theta_hat, double cut,
                    bool lower_wanted, int max_iterations) {
  const bool concave = likelihood.concave();
  auto above_cut = [cut](const LikelihoodPoint& p) { return p.value >= cut; };
  auto gap = [&](double theta) {
    auto point = likelihood.at(theta);
    return std::pair{point.value - cut, point.slope};
  };
  Crossings result;
  auto solve = [&](double lo, double hi) {
    Root root = bracketed_newton(gap, lo, hi, max_iterations);
    result.converged = result.converged && root.converged;
    return root.x;
  };
  // Grid points below θ̂ are [0, left_end); those above it are [right_begin, size).
  const std::size_t left_end = grid.count_below(theta_hat);
  const std::size_t right_begin = grid.count_not_above(theta_hat);
  const std::size_t j = lower_wanted ? grid.first(0, left_end, above_cut, concave) : 0;
  if (j == left_end && theta_hat == kInfinity) {
    result.lower = grid.theta(grid.last());  // the cut is only reached beyond θ = 50: p = 1
  } else if (j > 0) {  // ℓ < cut at θ_{j−1}, ≥ cut at θ_j (or at θ̂)
    result.lower = solve(grid.theta(j - 1), j < left_end ? grid.theta(j) : theta_hat);
  }
  if (theta_hat == kInfinity) return result;
  const std::size_t k = grid.last_true(right_begin, grid.size(), above_cut, concave);
  if (k == grid.last() || (k == grid.size() && right_begin == grid.size())) return result;  // p = 1
  if (k == grid.size()) result.upper = solve(theta_hat, grid.theta(right_begin));
  else result.upper = solve(grid.theta(k), grid.theta(k + 1));
  return result;
}

struct Maximum {
  double theta = 0.0;  // ∞ when the likelihood rises all the way to p = 1
  double value = 0.0;
  int iterations = 0;
  bool converged = true;
};

// The maximum of ℓ over θ ∈ [0, ∞]: every grid cell where the slope turns from positive to
// negative holds a local maximum, refined by bracketed Newton on the slope; θ = 0 is a
// candidate when the slope there is non-positive, θ = ∞ when it is not negative at θ = 50.
// Concave ℓ has one such cell, found by bisection over the grid; otherwise the grid is scanned.
Maximum maximize(ThetaGrid& grid, const PooledLikelihood& likelihood, int max_iterations) {
  auto slope_falls = [](const LikelihoodPoint& p) { return p.slope < 0.0; };
  auto slope = [&](double theta) {
    auto point = likelihood.at(theta);
    return std::pair{point.slope, point.curvature};
  };
  Maximum best{0.0, -kInfinity, 0, true};
  auto consider = [&](double theta, double value) {
    if (value > best.value) {
      best.theta = theta;
      best.value = value;
    }
  };
  if (grid.at(0).slope <= 0.0) consider(0.0, grid.at(0).value);
  std::size_t k = 0;
  while (k < grid.last()) {
    const std::size_t turn = grid.first(k + 1, grid.size(), slope_falls, likelihood.concave());
    if (turn == grid.size()) break;
    const auto& before = grid.at(turn - 1);
    if (before.slope > 0.0) {
      Root root = bracketed_newton(slope, grid.theta(turn - 1), grid.theta(turn), max_iterations);
      best.iterations += root.iterations;
      best.converged = best.converged && root.converged;
      consider(root.x, likelihood.at(root.x).value);
    } else if (before.slope == 0.0) {
      consider(grid.theta(turn - 1), before.value);
    }
    if (likelihood.concave()) break;
    k = turn;
  }
  // Slope still non-negative at θ = 50 (or vanished there in underflow): the likelihood may
  // keep rising towards p = 1.
  if (grid.at(grid.last()).slope >= 0.0) consider(kInfinity, likelihood.at_infinity());
  return best;
}

}  // namespace

Checked<PooledEstimate> estimate_equal_pools(const PoolGroup& data, const IntervalSpec& interval,
                                             const AssayErrorRates& errors) {
  if (auto error = check_group(data, "")) return *error;
  if (auto error = check_common(interval, errors)) return *error;
  const long long m = data.pools;
  const long long x = data.positive_pools;
  const long long n = data.pool_size;
  const double observed = static_cast<double>(x) / static_cast<double>(m);
  const double observed_negative = static_cast<double>(m - x) / static_cast<double>(m);
  PoolProbability share = corrected_probability({observed, observed_negative}, errors);

  PooledEstimate estimate;
  estimate.method = PooledMethod::exact_clopper_pearson;
  auto bounds = std::get<BinomialInterval>(clopper_pearson(x, m, interval.confidence, interval.kind));
  estimate.interval = ProportionInterval{proportion_from(corrected_probability(bounds.lower, errors), n),
                                         proportion_from(corrected_probability(bounds.upper, errors), n)};
  if (share.negative <= 0.0) {
    estimate.status = PooledStatus::above_measurable_range;
    auto lower = clopper_pearson_lower(x, m, 1.0 - interval.confidence);
    estimate.lower_bound = proportion_from(corrected_probability(lower, errors), n);
  } else {
    estimate.status = PooledStatus::estimated;
    estimate.proportion = proportion_from(share, n);
  }
  return estimate;
}

Checked<PooledEstimate> estimate_unequal_pools(const std::vector<PoolGroup>& groups, const IntervalSpec& interval,
                                               const AssayErrorRates& errors, int max_iterations) {
  if (auto error = check_groups(groups)) return *error;
  double total_seeds = 0.0;
  for (const auto& group : groups) total_seeds += static_cast<double>(group.pools) * static_cast<double>(group.pool_size);
  if (auto error = check_common(interval, errors)) return *error;
  if (max_iterations < 1) return FieldError{"max_iterations", "must be at least 1"};

  PooledLikelihood likelihood(groups, errors);
  ThetaGrid grid(likelihood, total_seeds);
  PooledEstimate estimate;
  estimate.method = PooledMethod::likelihood_ratio;
  Maximum maximum = maximize(grid, likelihood, max_iterations);
  estimate.iterations = maximum.iterations;
  if (!maximum.converged) {
    estimate.status = PooledStatus::not_converged;
    return estimate;
  }
  const bool above = proportion_of_theta(maximum.theta) >= 1.0;
  const double cut = likelihood_ratio_cut(interval.confidence, interval.kind);
  const bool two_sided = interval.kind == IntervalKind::two_sided;
  Crossings interval_ends =
      crossings(grid, likelihood, maximum.theta, maximum.value - cut, two_sided, max_iterations);
  std::optional<Crossings> one_sided;
  if (above) {
    one_sided = crossings(grid, likelihood, maximum.theta,
                          maximum.value - likelihood_ratio_cut(interval.confidence, IntervalKind::upper), true,
                          max_iterations);
  }
  if (!interval_ends.converged || (one_sided && !one_sided->converged)) {
    estimate.status = PooledStatus::not_converged;
    return estimate;
  }
  estimate.log_likelihood = maximum.value;
  estimate.interval =
      ProportionInterval{proportion_of_theta(interval_ends.lower), proportion_of_theta(interval_ends.upper)};
  if (above) {
    estimate.status = PooledStatus::above_measurable_range;
    estimate.lower_bound = proportion_of_theta(one_sided->lower);
  } else {
    estimate.status = PooledStatus::estimated;
    estimate.proportion = proportion_of_theta(maximum.theta);
  }
  return estimate;
}

Checked<PooledEstimate> estimate_pooled(const std::vector<PoolGroup>& groups, const IntervalSpec& interval,
                                        const AssayErrorRates& errors, int max_iterations) {
  if (auto error = check_groups(groups)) return *error;
  PoolGroup merged{groups.front().pool_size, 0, 0};
  for (const auto& group : groups) {
    if (group.pool_size != merged.pool_size) return estimate_unequal_pools(groups, interval, errors, max_iterations);
    merged.pools += group.pools;
    merged.positive_pools += group.positive_pools;
  }
  return estimate_equal_pools(merged, interval, errors);
}

double pooled_log_likelihood(const std::vector<PoolGroup>& groups, double proportion, const AssayErrorRates& errors) {
  PooledLikelihood likelihood(groups, errors);
  if (proportion >= 1.0) return likelihood.at_infinity();
  return likelihood.at(-std::log1p(-proportion)).value;
}

}  // namespace lmo::domain
