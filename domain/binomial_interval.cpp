#include "domain/binomial_interval.hpp"

#include <boost/math/policies/policy.hpp>
#include <boost/math/special_functions/beta.hpp>
#include <cmath>

namespace lmo::domain {

namespace {

// Report problems through errno instead of exceptions: the domain layer throws nothing.
using Quiet = boost::math::policies::policy<
    boost::math::policies::domain_error<boost::math::policies::errno_on_error>,
    boost::math::policies::pole_error<boost::math::policies::errno_on_error>,
    boost::math::policies::overflow_error<boost::math::policies::errno_on_error>,
    boost::math::policies::evaluation_error<boost::math::policies::errno_on_error>>;

bool valid(long long successes, long long trials, double alpha) {
  return trials >= 1 && successes >= 0 && successes <= trials && alpha > 0.0 && alpha < 1.0;
}

}  // namespace

// Lower bound q_L solves P(X ≥ x | q_L) = α, i.e. I_{q_L}(x, m − x + 1) = α; by the mirror
// identity I_{1−q}(b, a) = 1 − I_q(a, b), 1 − q_L is the upper α quantile of Beta(m − x + 1, x).
PoolProbability clopper_pearson_lower(long long successes, long long trials, double alpha) {
  if (!valid(successes, trials, alpha) || successes == 0) return {0.0, 1.0};
  double a = static_cast<double>(successes);
  double b = static_cast<double>(trials - successes + 1);
  return {boost::math::ibeta_inv(a, b, alpha, Quiet()), boost::math::ibetac_inv(b, a, alpha, Quiet())};
}

// Upper bound q_U solves P(X ≤ x | q_U) = α, i.e. 1 − I_{q_U}(x + 1, m − x) = α; 1 − q_U is the
// lower α quantile of Beta(m − x, x + 1).
PoolProbability clopper_pearson_upper(long long successes, long long trials, double alpha) {
  if (!valid(successes, trials, alpha) || successes == trials) return {1.0, 0.0};
  double a = static_cast<double>(successes + 1);
  double b = static_cast<double>(trials - successes);
  return {boost::math::ibetac_inv(a, b, alpha, Quiet()), boost::math::ibeta_inv(b, a, alpha, Quiet())};
}

Checked<BinomialInterval> clopper_pearson(long long successes, long long trials, double confidence,
                                          IntervalKind kind) {
  if (trials < 1) return FieldError{"trials", "must be at least 1"};
  if (successes < 0 || successes > trials) return FieldError{"successes", "must be between 0 and trials"};
  if (!std::isfinite(confidence) || confidence <= 0.0 || confidence >= 1.0) {
    return FieldError{"confidence", "must be between 0 and 1, exclusive"};
  }
  double alpha = 1.0 - confidence;
  if (kind == IntervalKind::upper) {
    return BinomialInterval{{0.0, 1.0}, clopper_pearson_upper(successes, trials, alpha)};
  }
  return BinomialInterval{clopper_pearson_lower(successes, trials, alpha / 2.0),
                          clopper_pearson_upper(successes, trials, alpha / 2.0)};
}

}  // namespace lmo::domain
