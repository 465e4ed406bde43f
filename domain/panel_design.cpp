#include "domain/panel_design.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace lmo::domain {

namespace {

bool cost_in_range(double cost) { return std::isfinite(cost) && cost > 0 && cost <= kMaxMethodCost; }

// Two costs closer than this are equal (sums of the same costs in another order).
bool cheaper(double a, double b) { return a < b - 1e-9 * std::max(1.0, std::fabs(b)); }

struct Option {
  std::size_t method = 0;  // matrix index
  double cost = 0;
  BitSet cover;  // over the targets
};

struct Choice {
  std::vector<std::size_t> options;  // positions in the option list
  double cost = 0;
  std::size_t covered = 0;
  bool found = false;
};

// Branch and bound over combinations of options (each combination visited in increasing
// option order, so once).
class PanelSearch {
 public:
  PanelSearch(std::vector<Option> options, std::size_t target_count, std::uint64_t max_work)
      : options_(std::move(options)), target_count_(target_count), max_work_(max_work),
        node_work_((options_.size() + 1) * ((target_count + 63) / 64 + 1)) {}

  const std::vector<Option>& options() const { return options_; }
  std::uint64_t nodes() const { return nodes_; }
  bool out_of_effort() const { return out_of_effort_; }

  // The most targets at most k options detect; the cheapest such choice.
  Choice max_coverage(std::size_t k, Choice start) {
    best_ = std::move(start);
    k_ = k;
    std::vector<std::size_t> chosen;
    cover_descend(BitSet(target_count_), 0, 0, chosen);
    return best_;
  }

  // The cheapest choice of at most k options detecting at least `required` targets (ties:
  // more targets, then fewer options).
  Choice cheapest(std::size_t k, std::size_t required, Choice start) {
    best_ = std::move(start);
    k_ = k;
    required_ = required;
    std::vector<std::size_t> chosen;
    cost_descend(BitSet(target_count_), 0, 0, chosen);
    return best_;
  }

 private:
  bool step() {
    ++nodes_;
    work_ += node_work_;
    if (work_ > max_work_) out_of_effort_ = true;
    return !out_of_effort_;
  }

  // Gains of the options from `start` on, and the sum of the `slots` largest.
  std::size_t gains(const BitSet& covered, std::size_t start, std::size_t slots, std::vector<std::size_t>& gain) const {
    gain.assign(options_.size(), 0);
    std::vector<std::size_t> sorted;
    for (std::size_t j = start; j < options_.size(); ++j) {
      gain[j] = options_[j].cover.count_and_not(covered);
      if (gain[j]) sorted.push_back(gain[j]);
    }
    std::size_t take = std::min(slots, sorted.size());
    std::partial_sort(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(take), sorted.end(), std::greater<>());
    return std::accumulate(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(take), std::size_t{0});
  }

  void record(const std::vector<std::size_t>& chosen, double cost, std::size_t covered) {
    best_.options = chosen;
    best_.cost = cost;
    best_.covered = covered;
    best_.found = true;
  }

  void cover_descend(const BitSet& covered, std::size_t start, double cost, std::vector<std::size_t>& chosen) {
    if (!step()) return;
    std::size_t count = covered.count();
    if (!best_.found || count > best_.covered ||
        (count == best_.covered && (cheaper(cost, best_.cost) || (!cheaper(best_.cost, cost) && chosen.size() < best_.options.size())))) {
      record(chosen, cost, count);
    }
    if (chosen.size() == k_) return;
    std::vector<std::size_t> gain;
    std::size_t reachable = count + gains(covered, start, k_ - chosen.size(), gain);
    // Extensions cost more: they must detect more, or as much for less than the best.
    if (reachable < best_.covered || (reachable == best_.covered && !cheaper(cost, best_.cost))) return;
    for (std::size_t j = start; j < options_.size() && !out_of_effort_; ++j) {
      if (gain[j] == 0) continue;
      BitSet next = covered;
      next |= options_[j].cover;
      chosen.push_back(j);
      cover_descend(next, j + 1, cost + options_[j].cost, chosen);
      chosen.pop_back();
    }
  }

  // A lower bound on what detecting `deficit` more targets costs with the options from
  // `start` on: the fractional knapsack by cost per newly detected target.
  double cost_bound(const std::vector<std::size_t>& gain, std::size_t start, std::size_t deficit, std::size_t slots) const {
    std::vector<std::size_t> useful;
    for (std::size_t j = start; j < options_.size(); ++j) {
      if (gain[j]) useful.push_back(j);
    }
    if (slots == 1) {
      double cheapest = INFINITY;
      for (std::size_t j : useful) {
        if (gain[j] >= deficit) cheapest = std::min(cheapest, options_[j].cost);
      }
      return cheapest;
    }
    std::sort(useful.begin(), useful.end(), [&](std::size_t a, std::size_t b) {
      return options_[a].cost * static_cast<double>(gain[b]) < options_[b].cost * static_cast<double>(gain[a]);
    });
    double bound = 0;
    double missing = static_cast<double>(deficit);
    for (std::size_t j : useful) {
      double g = static_cast<double>(gain[j]);
      if (g >= missing) return bound + options_[j].cost * missing / g;
      bound += options_[j].cost;
      missing -= g;
    }
    return INFINITY;
  }

  void cost_descend(const BitSet& covered, std::size_t start, double cost, std::vector<std::size_t>& chosen) {
    if (!step()) return;
    std::size_t count = covered.count();
    if (count >= required_) {
      bool better = !best_.found || cheaper(cost, best_.cost) ||
                    (!cheaper(best_.cost, cost) &&
                     (count > best_.covered || (count == best_.covered && chosen.size() < best_.options.size())));
      if (better) record(chosen, cost, count);
      return;  // any extension costs more
    }
    if (chosen.size() == k_) return;
    std::size_t slots = k_ - chosen.size();
    std::vector<std::size_t> gain;
    std::size_t reachable = count + gains(covered, start, slots, gain);
    if (reachable < required_) return;
    double bound = cost + cost_bound(gain, start, required_ - count, slots);
    if (best_.found) {
      if (cheaper(best_.cost, bound)) return;
      // At best the same cost: only more targets, or as many with fewer methods, would win.
      if (!cheaper(bound, best_.cost) &&
          (reachable < best_.covered || (reachable == best_.covered && chosen.size() + 1 >= best_.options.size()))) {
        return;
      }
    }
    for (std::size_t j = start; j < options_.size() && !out_of_effort_; ++j) {
      if (gain[j] == 0) continue;
      BitSet next = covered;
      next |= options_[j].cover;
      chosen.push_back(j);
      cost_descend(next, j + 1, cost + options_[j].cost, chosen);
      chosen.pop_back();
    }
  }

  std::vector<Option> options_;
  std::size_t target_count_;
  std::uint64_t max_work_;
  std::uint64_t node_work_;
  std::uint64_t work_ = 0;
  std::uint64_t nodes_ = 0;
  bool out_of_effort_ = false;
  std::size_t k_ = 0;
  std::size_t required_ = 0;
  Choice best_;
};

// Methods that detect some target and that no other candidate dominates, most targets first.
std::vector<Option> undominated(std::vector<Option> options) {
  std::erase_if(options, [](const Option& o) { return o.cover.none(); });
  std::sort(options.begin(), options.end(), [](const Option& a, const Option& b) {
    std::size_t ca = a.cover.count(), cb = b.cover.count();
    if (ca != cb) return ca > cb;
    if (a.cost != b.cost) return a.cost < b.cost;
    return a.method < b.method;
  });
  std::vector<Option> kept;
  for (auto& option : options) {
    bool dominated = std::any_of(kept.begin(), kept.end(), [&](const Option& other) {
      return !cheaper(option.cost, other.cost) && option.cover.is_subset_of(other.cover);
    });
    if (!dominated) kept.push_back(std::move(option));
  }
  return kept;
}

// A quick first choice: repeatedly the option with the lowest cost per newly detected target.
Choice greedy(const std::vector<Option>& options, std::size_t target_count, std::size_t k, std::size_t required) {
  Choice choice;
  BitSet covered(target_count);
  while (choice.options.size() < k && choice.covered < required) {
    std::optional<std::size_t> pick;
    std::size_t pick_gain = 0;
    for (std::size_t j = 0; j < options.size(); ++j) {
      std::size_t gain = options[j].cover.count_and_not(covered);
      if (gain == 0) continue;
      if (!pick || options[j].cost * static_cast<double>(pick_gain) < options[*pick].cost * static_cast<double>(gain)) {
        pick = j;
        pick_gain = gain;
      }
    }
    if (!pick) break;
    covered |= options[*pick].cover;
    choice.options.push_back(*pick);
    choice.cost += options[*pick].cost;
    choice.covered = covered.count();
  }
  choice.found = choice.covered >= required;
  return choice;
}

Panel to_panel(const Choice& choice, const std::vector<Option>& options) {
  Panel panel;
  for (std::size_t j : choice.options) panel.methods.push_back(options[j].method);
  std::sort(panel.methods.begin(), panel.methods.end());
  panel.cost = choice.cost;
  panel.covered = choice.covered;
  return panel;
}

std::optional<FieldError> check_indices(const std::vector<std::size_t>& indices, std::size_t limit, const std::string& field) {
  std::vector<bool> seen(limit, false);
  for (std::size_t i = 0; i < indices.size(); ++i) {
    std::string item = field + "[" + std::to_string(i) + "]";
    if (indices[i] >= limit) return FieldError{item, "is not in the matrix"};
    if (seen[indices[i]]) return FieldError{item, "is listed twice"};
    seen[indices[i]] = true;
  }
  return std::nullopt;
}

}  // namespace

std::string_view panel_status_name(PanelStatus status) {
  switch (status) {
    case PanelStatus::optimal: return "optimal";
    case PanelStatus::infeasible: return "infeasible";
    case PanelStatus::search_limit_reached: return "search_limit_reached";
  }
  return "search_limit_reached";
}

Checked<PanelDesign> design_panel(const ScreeningMatrix& matrix, const PanelRequest& request) {
  const std::size_t event_count = matrix.events().size();
  const std::size_t method_count = matrix.methods().size();
  if (auto error = check_indices(request.targets, event_count, "targets")) return *error;
  if (auto error = check_indices(request.methods, method_count, "methods")) return *error;
  if (!request.costs.empty() && request.costs.size() != method_count) {
    return FieldError{"costs", "must hold one cost per method of the matrix"};
  }
  for (std::size_t i = 0; i < request.costs.size(); ++i) {
    if (!cost_in_range(request.costs[i])) {
      return FieldError{"costs[" + std::to_string(i) + "]", "must be a number above 0 and at most 1e9"};
    }
  }
  if (!(request.coverage > 0 && request.coverage <= 100)) {
    return FieldError{"coverage", "must be a percentage above 0 and at most 100"};
  }
  if (request.max_methods < 1 || request.max_methods > kMaxPanelMethods) {
    return FieldError{"max_methods", "must be between 1 and " + std::to_string(kMaxPanelMethods)};
  }

  std::vector<std::size_t> targets = request.targets;
  if (targets.empty()) {
    targets.resize(event_count);
    std::iota(targets.begin(), targets.end(), std::size_t{0});
  }
  std::vector<std::size_t> methods = request.methods;
  if (methods.empty()) {
    for (std::size_t m = 0; m < method_count; ++m) {
      if (matrix.methods()[m].kind != MethodKind::virus_marker) methods.push_back(m);
    }
  }

  PanelDesign design;
  design.target_count = targets.size();
  double exact_share = request.coverage * static_cast<double>(targets.size()) / 100.0;
  design.required = std::clamp<std::size_t>(static_cast<std::size_t>(std::ceil(exact_share - 1e-9)), 1, targets.size());

  std::vector<Option> options;
  BitSet detectable(targets.size());
  for (std::size_t m : methods) {
    Option option{m, request.costs.empty() ? matrix.methods()[m].cost : request.costs[m], BitSet(targets.size())};
    for (std::size_t t = 0; t < targets.size(); ++t) {
      if (matrix.detects(m).test(targets[t])) option.cover.set(t);
    }
    detectable |= option.cover;
    options.push_back(std::move(option));
  }
  for (std::size_t t = 0; t < targets.size(); ++t) {
    if (!detectable.test(t)) design.undetectable.push_back(targets[t]);
  }

  PanelSearch search(undominated(std::move(options)), targets.size(), request.max_work);
  const auto& kept = search.options();
  Choice previous;
  previous.found = true;  // no method, nothing detected
  for (std::size_t k = 1; k <= request.max_methods; ++k) {
    Choice best = search.max_coverage(k, previous);
    design.curve.push_back({k, to_panel(best, kept), !search.out_of_effort()});
    previous = best;
  }

  Choice start = greedy(kept, targets.size(), request.max_methods, design.required);
  if (!start.found && previous.covered >= design.required) start = previous;
  Choice best = search.cheapest(request.max_methods, design.required, start);
  design.search_nodes = search.nodes();
  if (search.out_of_effort()) {
    design.status = PanelStatus::search_limit_reached;
  } else if (!best.found) {
    design.status = PanelStatus::infeasible;
  }
  if (best.found) {
    design.panel = to_panel(best, kept);
    BitSet covered(targets.size());
    for (std::size_t j : best.options) covered |= kept[j].cover;
    for (std::size_t t = 0; t < targets.size(); ++t) {
      if (!covered.test(t)) design.uncovered.push_back(targets[t]);
    }
  }
  return design;
}

}  // namespace lmo::domain
