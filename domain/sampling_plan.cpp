#include "domain/sampling_plan.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "domain/binomial_tail.hpp"
#include "domain/monotone_search.hpp"

namespace lmo::domain {

namespace {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

constexpr long long most_seeds = 1'000'000'000'000LL;

double clamp_fraction(double p) {
  if (!(p > 0.0)) return 0.0;
  return std::min(p, 1.0);
}

std::optional<FieldError> at_least(long long value, long long minimum, const char* field) {
  if (value < minimum) return FieldError{field, "must be at least " + std::to_string(minimum)};
  return std::nullopt;
}

std::optional<FieldError> check_pool_size(long long pool_size, std::optional<long long> max_pool_size) {
  if (auto error = at_least(pool_size, 1, "pool_size")) return error;
  if (max_pool_size && pool_size > *max_pool_size) {
    return FieldError{"pool_size", "must be at most " + std::to_string(*max_pool_size) +
                                       " seeds: in a larger pool one GM seed falls below the assay's detection limit"};
  }
  return std::nullopt;
}

std::optional<FieldError> check(const IndividualSeedPlan& plan) {
  if (auto error = at_least(plan.seeds, 1, "seeds")) return error;
  if (plan.seeds > most_seeds) return FieldError{"seeds", "must be at most 10^12"};
  if (auto error = at_least(plan.acceptance_number, 0, "acceptance_number")) return error;
  if (plan.acceptance_number > plan.seeds) {
    return FieldError{"acceptance_number", "must not exceed the number of seeds"};
  }
  return check_plan_assay_errors(plan.errors);
}

std::optional<FieldError> check(const PooledPlan& plan, std::optional<long long> max_pool_size) {
  if (auto error = at_least(plan.pools, 1, "pools")) return error;
  if (auto error = check_pool_size(plan.pool_size, max_pool_size)) return error;
  if (auto error = at_least(plan.acceptance_number, 0, "acceptance_number")) return error;
  if (plan.acceptance_number > plan.pools) {
    return FieldError{"acceptance_number", "must not exceed the number of pools"};
  }
  if (plan.pools > most_seeds / plan.pool_size) return FieldError{"pools", "make a sample of more than 10^12 seeds"};
  return check_plan_assay_errors(plan.errors);
}

std::optional<FieldError> check(const DoubleStagePlan& plan, std::optional<long long> max_pool_size) {
  if (auto error = at_least(plan.pools, 1, "pools")) return error;
  if (auto error = check_pool_size(plan.pool_size, max_pool_size)) return error;
  if (auto error = at_least(plan.acceptance_number, 0, "acceptance_number")) return error;
  if (plan.acceptance_number >= plan.pools) {
    return FieldError{"acceptance_number", "must be less than the number of first-stage pools"};
  }
  if (plan.rejection_number <= plan.acceptance_number) {
    return FieldError{"rejection_number", "must be greater than acceptance_number"};
  }
  if (plan.rejection_number > plan.pools) {
    return FieldError{"rejection_number", "must not exceed the number of first-stage pools"};
  }
  if (auto error = at_least(plan.second_pools, 1, "second_pools")) return error;
  if (plan.pools > most_seeds / plan.pool_size || plan.second_pools > most_seeds / plan.pool_size - plan.pools) {
    return FieldError{"second_pools", "make a sample of more than 10^12 seeds"};
  }
  if (plan.second_acceptance_number < plan.acceptance_number) {
    return FieldError{"second_acceptance_number", "must be at least acceptance_number"};
  }
  if (plan.second_acceptance_number > plan.pools + plan.second_pools) {
    return FieldError{"second_acceptance_number", "must not exceed the number of pools of both stages"};
  }
  return check_plan_assay_errors(plan.errors);
}

// The double-stage sum shared by Pacc and 1 − Pacc: Σ P(X1 = k)·tail2(c2 − k) over the
// first-stage counts that lead to a second stage in which the lot can still be accepted.
template <class SecondStageTail>
double second_stage_sum(const DoubleStagePlan& plan, double q, SecondStageTail tail2) {
  double sum = 0.0;
  long long last = std::min(plan.rejection_number - 1, plan.second_acceptance_number);
  for (long long k = plan.acceptance_number + 1; k <= last; ++k) {
    sum += binomial_point(plan.pools, k, q) * tail2(plan.second_acceptance_number - k);
  }
  return sum;
}

// P(low < X < high) for X ~ Bin(trials, q), from whichever pair of tails is smaller.
double probability_between(long long trials, long long low, long long high, double q) {
  if (high - low < 2) return 0.0;
  double below_low = binomial_lower_tail(trials, low, q);
  double between = below_low <= 0.5 ? binomial_lower_tail(trials, high - 1, q) - below_low
                                    : binomial_upper_tail(trials, low, q) - binomial_upper_tail(trials, high - 1, q);
  return std::max(between, 0.0);
}

PooledPlan as_pooled(const IndividualSeedPlan& plan) {
  return PooledPlan{plan.seeds, 1, plan.acceptance_number, plan.errors};
}

}  // namespace

std::optional<FieldError> check_plan_assay_errors(const AssayErrorRates& errors) {
  auto checked = check_assay_error_rates(errors.false_positive, errors.false_negative, "false_positive_rate",
                                         "false_negative_rate");
  if (const auto* error = error_of(checked)) return *error;
  return std::nullopt;
}

Checked<SamplingPlan> validate_plan(const SamplingPlan& plan, std::optional<long long> max_pool_size) {
  auto error = std::visit(Overloaded{[&](const IndividualSeedPlan& p) { return check(p); },
                                     [&](const PooledPlan& p) { return check(p, max_pool_size); },
                                     [&](const DoubleStagePlan& p) { return check(p, max_pool_size); }},
                          plan);
  if (error) return *error;
  return plan;
}

Checked<long long> max_pool_size_for_lod(double lod) {
  if (!(lod > 0.0 && lod <= 1.0)) return FieldError{"lod", "must be greater than 0 and at most 1"};
  // 1/lod may land a hair below a whole number (1 / (1/150) = 149.99…); the relative nudge only
  // absorbs that rounding.
  return static_cast<long long>(std::floor((1.0 / lod) * (1.0 + 1e-12)));
}

PoolProbability pool_test_probability(double p, long long pool_size, const AssayErrorRates& errors) {
  p = clamp_fraction(p);
  double log_clean = static_cast<double>(std::max(pool_size, 1LL)) * std::log1p(-p);  // −inf when p = 1
  PoolProbability truth{-std::expm1(log_clean), std::exp(log_clean)};                 // q and 1 − q
  return observed_probability(truth, errors);
}

double acceptance_probability(const SamplingPlan& plan, double p) {
  return std::visit(
      Overloaded{[&](const IndividualSeedPlan& individual) { return acceptance_probability(as_pooled(individual), p); },
                 [&](const PooledPlan& pooled) {
                   double q = pool_test_probability(p, pooled.pool_size, pooled.errors).positive;
                   return binomial_lower_tail(pooled.pools, pooled.acceptance_number, q);
                 },
                 [&](const DoubleStagePlan& twice) {
                   double q = pool_test_probability(p, twice.pool_size, twice.errors).positive;
                   double later = second_stage_sum(
                       twice, q, [&](long long c) { return binomial_lower_tail(twice.second_pools, c, q); });
                   return std::min(1.0, binomial_lower_tail(twice.pools, twice.acceptance_number, q) + later);
                 }},
      plan);
}

double rejection_probability(const SamplingPlan& plan, double p) {
  return std::visit(
      Overloaded{[&](const IndividualSeedPlan& individual) { return rejection_probability(as_pooled(individual), p); },
                 [&](const PooledPlan& pooled) {
                   double q = pool_test_probability(p, pooled.pool_size, pooled.errors).positive;
                   return binomial_upper_tail(pooled.pools, pooled.acceptance_number, q);
                 },
                 [&](const DoubleStagePlan& twice) {
                   double q = pool_test_probability(p, twice.pool_size, twice.errors).positive;
                   // Rejected outright: X1 ≥ r1, or c2 < X1 < r1 (the second stage cannot rescue it).
                   long long hopeless_above = std::min(twice.second_acceptance_number, twice.rejection_number - 1);
                   double later = second_stage_sum(
                       twice, q, [&](long long c) { return binomial_upper_tail(twice.second_pools, c, q); });
                   return std::min(1.0, binomial_upper_tail(twice.pools, hopeless_above, q) + later);
                 }},
      plan);
}

double expected_assays(const SamplingPlan& plan, double p) {
  return std::visit(
      Overloaded{[](const IndividualSeedPlan& individual) { return static_cast<double>(individual.seeds); },
                 [](const PooledPlan& pooled) { return static_cast<double>(pooled.pools); },
                 [&](const DoubleStagePlan& twice) {
                   double q = pool_test_probability(p, twice.pool_size, twice.errors).positive;
                   double second = probability_between(twice.pools, twice.acceptance_number, twice.rejection_number, q);
                   return static_cast<double>(twice.pools) + static_cast<double>(twice.second_pools) * second;
                 }},
      plan);
}

long long seeds_total(const SamplingPlan& plan) {
  return std::visit(
      Overloaded{[](const IndividualSeedPlan& individual) { return individual.seeds; },
                 [](const PooledPlan& pooled) { return pooled.pools * pooled.pool_size; },
                 [](const DoubleStagePlan& twice) { return (twice.pools + twice.second_pools) * twice.pool_size; }},
      plan);
}

long long assays_max(const SamplingPlan& plan) {
  return std::visit(Overloaded{[](const IndividualSeedPlan& individual) { return individual.seeds; },
                               [](const PooledPlan& pooled) { return pooled.pools; },
                               [](const DoubleStagePlan& twice) { return twice.pools + twice.second_pools; }},
                    plan);
}

std::vector<OcPoint> operating_characteristic(const SamplingPlan& plan, std::optional<double> aql,
                                              std::optional<double> lql, int count) {
  constexpr double negligible = 0.001;
  double end = 1.0;
  if (lql) {
    end = 3.0 * *lql;
  } else {
    if (acceptance_probability(plan, 1.0) <= negligible) {
      double low = 0.0, high = 1.0;  // Pacc(low) > negligible ≥ Pacc(high); Pacc falls with p
      for (int i = 0; i < 100 && high - low > 1e-15; ++i) {
        double mid = 0.5 * (low + high);
        (acceptance_probability(plan, mid) > negligible ? low : high) = mid;
      }
      end = high;
    }
    if (aql) end = std::max(end, 3.0 * *aql);
  }
  end = std::min(end, 1.0);

  std::vector<double> fractions;
  count = std::max(count, 2);
  for (int i = 0; i < count; ++i) fractions.push_back(end * i / (count - 1));
  for (auto marker : {aql, lql}) {
    if (marker) fractions.push_back(clamp_fraction(*marker));
  }
  std::sort(fractions.begin(), fractions.end());
  fractions.erase(std::unique(fractions.begin(), fractions.end()), fractions.end());

  std::vector<OcPoint> points;
  points.reserve(fractions.size());
  for (double p : fractions) points.push_back({p, acceptance_probability(plan, p)});
  return points;
}

std::optional<long long> fewest_pools(double q, long long acceptance_number, double beta, long long cap,
                                      long long at_least) {
  if (!(q > 0.0) || acceptance_number < 0) return std::nullopt;
  return first_satisfying(std::max(acceptance_number + 1, at_least), cap,
                          [&](long long pools) { return binomial_lower_tail(pools, acceptance_number, q) <= beta; });
}

Checked<DetectionSample> sample_to_detect(const DetectionRequirement& requirement) {
  if (!(requirement.proportion > 0.0 && requirement.proportion < 1.0)) {
    return FieldError{"proportion", "must be between 0 and 1, exclusive"};
  }
  if (!(requirement.confidence > 0.0 && requirement.confidence < 1.0)) {
    return FieldError{"confidence", "must be between 0 and 1, exclusive"};
  }
  if (auto error = at_least(requirement.pool_size, 1, "pool_size")) return *error;
  if (auto error = at_least(requirement.acceptance_number, 0, "acceptance_number")) return *error;
  if (auto error = check_plan_assay_errors(requirement.errors)) return *error;

  double q = pool_test_probability(requirement.proportion, requirement.pool_size, requirement.errors).positive;
  auto pools =
      fewest_pools(q, requirement.acceptance_number, 1.0 - requirement.confidence, most_seeds / requirement.pool_size);
  if (!pools) return FieldError{"proportion", "is too small to detect with a sample of at most 10^12 seeds"};
  return DetectionSample{*pools, requirement.pool_size, *pools * requirement.pool_size,
                         binomial_lower_tail(*pools, requirement.acceptance_number, q)};
}

}  // namespace lmo::domain
