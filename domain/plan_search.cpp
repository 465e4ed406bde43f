#include "domain/plan_search.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <tuple>

#include "domain/binomial_tail.hpp"
#include "domain/monotone_search.hpp"

namespace lmo::domain {

namespace {

constexpr long long largest_pool_size = 10'000;
constexpr double unlimited = std::numeric_limits<double>::infinity();

std::optional<FieldError> check_criteria(const PlanSearchCriteria& criteria) {
  auto open_fraction = [](double value) { return value > 0.0 && value < 1.0; };
  if (!open_fraction(criteria.lql)) return FieldError{"lql", "must be between 0 and 1, exclusive"};
  if (criteria.aql && !(*criteria.aql > 0.0 && *criteria.aql < criteria.lql)) {
    return FieldError{"aql", "must be greater than 0 and less than lql"};
  }
  if (!open_fraction(criteria.max_consumer_risk)) {
    return FieldError{"max_consumer_risk", "must be between 0 and 1, exclusive"};
  }
  if (!open_fraction(criteria.max_producer_risk)) {
    return FieldError{"max_producer_risk", "must be between 0 and 1, exclusive"};
  }
  auto cost_ok = [](double cost) { return cost >= 0.0 && std::isfinite(cost); };
  if (!cost_ok(criteria.cost_per_assay)) return FieldError{"cost_per_assay", "must be a finite number of at least 0"};
  if (!cost_ok(criteria.cost_per_seed)) return FieldError{"cost_per_seed", "must be a finite number of at least 0"};
  if (criteria.cost_per_assay == 0.0 && criteria.cost_per_seed == 0.0) {
    return FieldError{"cost_per_assay", "must be greater than 0 when cost_per_seed is 0"};
  }
  if (criteria.max_pool_size < 1 || criteria.max_pool_size > largest_pool_size) {
    return FieldError{"max_pool_size", "must be between 1 and " + std::to_string(largest_pool_size)};
  }
  if (criteria.max_pools < 1) return FieldError{"max_pools", "must be at least 1"};
  if (criteria.max_seeds && *criteria.max_seeds < 1) return FieldError{"max_seeds", "must be at least 1"};
  if (criteria.max_acceptance_number < 0) return FieldError{"max_acceptance_number", "must be at least 0"};
  if (criteria.limit < 1 || criteria.limit > 100) return FieldError{"limit", "must be between 1 and 100"};
  return check_plan_assay_errors(criteria.errors);
}

// Design order for ties: single stage first, then smaller pools, acceptance numbers, counts.
std::tuple<int, long long, long long, long long, long long, long long, long long> design_key(const SamplingPlan& plan) {
  if (const auto* individual = std::get_if<IndividualSeedPlan>(&plan)) {
    return {0, 1, individual->acceptance_number, individual->seeds, 0, 0, 0};
  }
  if (const auto* pooled = std::get_if<PooledPlan>(&plan)) {
    return {0, pooled->pool_size, pooled->acceptance_number, pooled->pools, 0, 0, 0};
  }
  const auto& twice = std::get<DoubleStagePlan>(plan);
  return {
      1,           twice.pool_size,   twice.acceptance_number, twice.rejection_number, twice.second_acceptance_number,
      twice.pools, twice.second_pools};
}

bool ranks_before(const PlanCandidate& a, const PlanCandidate& b) {
  if (a.cost != b.cost) return a.cost < b.cost;
  if (a.seeds != b.seeds) return a.seeds < b.seeds;
  if (a.expected_assays != b.expected_assays) return a.expected_assays < b.expected_assays;
  return design_key(a.plan) < design_key(b.plan);
}

// What a plan asks of the laboratory apart from the pool size: kind, pool counts and
// acceptance rule. Of plans with the same shape only the cheapest (smallest pools) is listed.
std::tuple<int, long long, long long, long long, long long, long long> shape_of(const SamplingPlan& plan) {
  if (const auto* individual = std::get_if<IndividualSeedPlan>(&plan)) {
    return {0, individual->seeds, individual->acceptance_number, 0, 0, 0};
  }
  if (const auto* pooled = std::get_if<PooledPlan>(&plan)) {
    return {1, pooled->pools, pooled->acceptance_number, 0, 0, 0};
  }
  const auto& twice = std::get<DoubleStagePlan>(plan);
  return {2,
          twice.pools,
          twice.acceptance_number,
          twice.rejection_number,
          twice.second_pools,
          twice.second_acceptance_number};
}

// The `limit` best candidates offered so far, best first, one per shape.
class BestPlans {
 public:
  explicit BestPlans(std::size_t limit) : limit_(limit) {}

  // A plan costing more than this cannot enter the list.
  double cutoff() const { return plans_.size() < limit_ ? unlimited : plans_.back().cost; }

  void offer(PlanCandidate candidate) {
    auto shape = shape_of(candidate.plan);
    auto same = std::find_if(plans_.begin(), plans_.end(), [&](const auto& p) { return shape_of(p.plan) == shape; });
    if (same != plans_.end()) {
      if (!ranks_before(candidate, *same)) return;
      plans_.erase(same);
    }
    auto at = std::upper_bound(plans_.begin(), plans_.end(), candidate, ranks_before);
    if (plans_.size() == limit_ && at == plans_.end()) return;
    plans_.insert(at, std::move(candidate));
    if (plans_.size() > limit_) plans_.pop_back();
  }

  std::vector<PlanCandidate> take() { return std::move(plans_); }

 private:
  std::size_t limit_;
  std::vector<PlanCandidate> plans_;
};

double cost_of(const PlanSearchCriteria& criteria, double assays, long long seeds) {
  return assays * criteria.cost_per_assay + static_cast<double>(seeds) * criteria.cost_per_seed;
}

// The most pools a plan with pools of `pool_size` seeds may use.
long long pool_cap(const PlanSearchCriteria& criteria, long long pool_size) {
  long long cap = criteria.max_pools;
  if (criteria.max_seeds) cap = std::min(cap, *criteria.max_seeds / pool_size);
  return cap;
}

PlanCandidate evaluate(const PlanSearchCriteria& criteria, SamplingPlan plan) {
  PlanCandidate candidate;
  candidate.seeds = seeds_total(plan);
  candidate.expected_assays = expected_assays(plan, criteria.aql.value_or(0.0));
  candidate.cost = cost_of(criteria, candidate.expected_assays, candidate.seeds);
  candidate.consumer_risk = acceptance_probability(plan, criteria.lql);
  if (criteria.aql) candidate.producer_risk = rejection_probability(plan, *criteria.aql);
  candidate.plan = std::move(plan);
  return candidate;
}

bool meets_risks(const PlanSearchCriteria& criteria, const PlanCandidate& candidate) {
  return candidate.consumer_risk <= criteria.max_consumer_risk &&
         (!candidate.producer_risk || *candidate.producer_risk <= criteria.max_producer_risk);
}

SamplingPlan single_stage(const PlanSearchCriteria& criteria, long long pool_size, long long pools,
                          long long acceptance_number) {
  if (pool_size == 1) return IndividualSeedPlan{pools, acceptance_number, criteria.errors};
  return PooledPlan{pools, pool_size, acceptance_number, criteria.errors};
}

DoubleStagePlan double_stage(const PlanSearchCriteria& criteria, long long pool_size, long long first_pools,
                             long long c1, long long r1, long long second_pools, long long c2) {
  return DoubleStagePlan{pool_size, first_pools, c1, r1, second_pools, c2, criteria.errors};
}

long long first_acceptance_limit(const PlanSearchCriteria& criteria) {
  // c2 ≥ c1 + 1 must stay within max_acceptance_number.
  return std::min(DoubleStageGrid::max_first_acceptance, criteria.max_acceptance_number - 1);
}

long long second_acceptance_limit(const PlanSearchCriteria& criteria, long long r1) {
  return std::min(r1 + DoubleStageGrid::second_acceptance_above_rejection, criteria.max_acceptance_number);
}

void search_single_stage(const PlanSearchCriteria& criteria, BestPlans& best) {
  for (long long n = 1; n <= criteria.max_pool_size; ++n) {
    // One pool of n seeds is the cheapest plan at this size, and it only grows with n.
    if (cost_of(criteria, 1.0, n) > best.cutoff()) break;
    long long cap = pool_cap(criteria, n);
    if (cap < 1) break;
    double q = pool_test_probability(criteria.lql, n, criteria.errors).positive;
    long long at_least = 1;
    for (long long c = 0; c <= criteria.max_acceptance_number; ++c) {
      auto pools = fewest_pools(q, c, criteria.max_consumer_risk, cap, at_least);
      if (!pools) break;  // more accepted positives need even more pools
      if (cost_of(criteria, static_cast<double>(*pools), *pools * n) > best.cutoff()) break;
      auto candidate = evaluate(criteria, single_stage(criteria, n, *pools, c));
      if (meets_risks(criteria, candidate)) best.offer(std::move(candidate));
      at_least = *pools;
    }
    // Once even the largest acceptance number needs only c + 1 pools, larger pools repeat every
    // shape with more seeds (and a higher α).
    long long c_max = criteria.max_acceptance_number;
    if (binomial_lower_tail(c_max + 1, c_max, q) <= criteria.max_consumer_risk) break;
  }
}

void search_double_stage(const PlanSearchCriteria& criteria, BestPlans& best) {
  constexpr long long rejection_span = DoubleStageGrid::rejection_above_acceptance_max;
  double aql = *criteria.aql;
  for (long long n = 1; n <= criteria.max_pool_size; ++n) {
    if (cost_of(criteria, 1.0, 2 * n) > best.cutoff()) break;
    long long cap = pool_cap(criteria, n);
    if (cap < 2) break;
    double q_lql = pool_test_probability(criteria.lql, n, criteria.errors).positive;
    double q_aql = pool_test_probability(aql, n, criteria.errors).positive;
    for (long long c1 = 0; c1 <= first_acceptance_limit(criteria); ++c1) {
      // Pacc ≥ P(X1 ≤ c1), so the first stage alone must already meet β.
      auto fewest_first = fewest_pools(q_lql, c1, criteria.max_consumer_risk, cap - 1);
      if (!fewest_first) break;
      // For each (r1, c2), the fewest second-stage pools found for the previous m1: more
      // first-stage pools lower Pacc, so the next m1 needs at most as many.
      std::map<std::pair<long long, long long>, long long> second_pools_bound;
      for (long long m1 = *fewest_first; m1 <= cap - 1; ++m1) {
        if (cost_of(criteria, static_cast<double>(m1), (m1 + 1) * n) > best.cutoff()) break;
        // α ≥ P(X1 ≥ r1) ≥ P(X1 ≥ c1 + 4), which grows with m1.
        if (binomial_upper_tail(m1, c1 + rejection_span - 1, q_aql) > criteria.max_producer_risk) break;
        for (long long r1 = c1 + DoubleStageGrid::rejection_above_acceptance_min; r1 <= c1 + rejection_span; ++r1) {
          if (r1 > m1) break;
          for (long long c2 = c1 + 1; c2 <= second_acceptance_limit(criteria, r1); ++c2) {
            auto bound = second_pools_bound.find({r1, c2});
            long long last = bound == second_pools_bound.end() ? cap - m1 : std::min(bound->second, cap - m1);
            auto m2 = first_satisfying(1, last, [&](long long second) {
              return acceptance_probability(double_stage(criteria, n, m1, c1, r1, second, c2), criteria.lql) <=
                     criteria.max_consumer_risk;
            });
            if (!m2) continue;
            second_pools_bound[{r1, c2}] = *m2;
            auto candidate = evaluate(criteria, double_stage(criteria, n, m1, c1, r1, *m2, c2));
            if (meets_risks(criteria, candidate)) best.offer(std::move(candidate));
          }
        }
      }
    }
  }
}

}  // namespace

Checked<std::vector<PlanCandidate>> search_plans(const PlanSearchCriteria& criteria) {
  if (auto error = check_criteria(criteria)) return *error;
  BestPlans best(criteria.limit);
  search_single_stage(criteria, best);
  if (criteria.include_double_stage && criteria.aql) search_double_stage(criteria, best);
  return best.take();
}

Checked<std::vector<PlanCandidate>> search_plans_exhaustively(const PlanSearchCriteria& criteria) {
  if (auto error = check_criteria(criteria)) return *error;
  // The cheapest plan meeting the risks for each design, over every pool count.
  std::map<std::vector<long long>, PlanCandidate> cheapest;
  auto consider = [&](std::vector<long long> design, SamplingPlan plan) {
    auto candidate = evaluate(criteria, std::move(plan));
    if (!meets_risks(criteria, candidate)) return;
    auto [at, inserted] = cheapest.try_emplace(std::move(design), candidate);
    if (!inserted && ranks_before(candidate, at->second)) at->second = std::move(candidate);
  };
  for (long long n = 1; n <= criteria.max_pool_size; ++n) {
    long long cap = pool_cap(criteria, n);
    for (long long c = 0; c <= criteria.max_acceptance_number; ++c) {
      for (long long m = c + 1; m <= cap; ++m) consider({0, n, c}, single_stage(criteria, n, m, c));
    }
    if (!criteria.include_double_stage || !criteria.aql) continue;
    for (long long c1 = 0; c1 <= first_acceptance_limit(criteria); ++c1) {
      for (long long r1 = c1 + DoubleStageGrid::rejection_above_acceptance_min;
           r1 <= c1 + DoubleStageGrid::rejection_above_acceptance_max; ++r1) {
        for (long long c2 = c1 + 1; c2 <= second_acceptance_limit(criteria, r1); ++c2) {
          for (long long m1 = r1; m1 <= cap - 1; ++m1) {
            for (long long m2 = 1; m2 <= cap - m1; ++m2) {
              consider({1, n, c1, r1, c2, m1}, double_stage(criteria, n, m1, c1, r1, m2, c2));
            }
          }
        }
      }
    }
  }
  BestPlans best(criteria.limit);
  for (auto& [design, candidate] : cheapest) best.offer(std::move(candidate));
  return best.take();
}

Checked<PlanCandidate> suggest_plan(const DetectionPlanRequest& request) {
  if (!(request.proportion > 0.0 && request.proportion < 1.0)) {
    return FieldError{"proportion", "must be between 0 and 1, exclusive"};
  }
  if (!(request.confidence > 0.0 && request.confidence < 1.0)) {
    return FieldError{"confidence", "must be between 0 and 1, exclusive"};
  }
  PlanSearchCriteria criteria;
  criteria.lql = request.proportion;
  criteria.max_consumer_risk = 1.0 - request.confidence;
  criteria.cost_per_assay = 1.0;  // fewest assays; ties go to fewer seeds
  criteria.cost_per_seed = 0.0;
  criteria.max_pool_size = request.max_pool_size;
  criteria.errors = request.errors;
  criteria.max_pools = 1'000'000;
  criteria.max_acceptance_number = 0;
  criteria.limit = 1;
  auto found = search_plans(criteria);
  if (const auto* error = error_of(found)) return *error;
  auto& plans = std::get<std::vector<PlanCandidate>>(found);
  if (plans.empty()) return FieldError{"proportion", "is too small to detect with at most 10^6 pools"};
  return std::move(plans.front());
}

}  // namespace lmo::domain
