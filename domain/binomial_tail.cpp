#include "domain/binomial_tail.hpp"

#include <algorithm>
#include <boost/math/special_functions/beta.hpp>
#include <cmath>

namespace lmo::domain {

namespace {

namespace policies = boost::math::policies;

// Double precision throughout (long double promotion is 25 times slower here and adds nothing
// the tests can see), and no exceptions: arguments are checked before every call.
using Quiet =
    policies::policy<policies::promote_double<false>, policies::domain_error<policies::ignore_error>,
                     policies::pole_error<policies::ignore_error>, policies::overflow_error<policies::ignore_error>,
                     policies::evaluation_error<policies::ignore_error>>;

double probability(double value) {
  if (!(value > 0.0)) return 0.0;  // also maps NaN to 0
  return std::min(value, 1.0);
}

double clamp_q(double q) {
  if (!(q > 0.0)) return 0.0;
  return std::min(q, 1.0);
}

}  // namespace

// P(X ≤ c) = I_{1−q}(trials − c, c + 1) = ibetac(c + 1, trials − c, q).
double binomial_lower_tail(long long trials, long long c, double q) {
  if (c < 0) return 0.0;
  if (c >= trials) return 1.0;
  q = clamp_q(q);
  if (q == 0.0) return 1.0;
  if (q == 1.0) return 0.0;
  return probability(boost::math::ibetac(static_cast<double>(c) + 1.0, static_cast<double>(trials - c), q, Quiet()));
}

double binomial_upper_tail(long long trials, long long c, double q) {
  if (c < 0) return 1.0;
  if (c >= trials) return 0.0;
  q = clamp_q(q);
  if (q == 0.0) return 0.0;
  if (q == 1.0) return 1.0;
  return probability(boost::math::ibeta(static_cast<double>(c) + 1.0, static_cast<double>(trials - c), q, Quiet()));
}

// C(n, k) q^k (1 − q)^(n − k) = ibeta_derivative(k + 1, n − k + 1, q) / (n + 1).
double binomial_point(long long trials, long long k, double q) {
  if (k < 0 || k > trials) return 0.0;
  q = clamp_q(q);
  if (q == 0.0) return k == 0 ? 1.0 : 0.0;
  if (q == 1.0) return k == trials ? 1.0 : 0.0;
  double n = static_cast<double>(trials);
  double density =
      boost::math::ibeta_derivative(static_cast<double>(k) + 1.0, n - static_cast<double>(k) + 1.0, q, Quiet());
  return probability(density / (n + 1.0));
}

}  // namespace lmo::domain
