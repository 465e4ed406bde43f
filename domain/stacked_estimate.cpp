#include "domain/stacked_estimate.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

namespace lmo::domain {

namespace {

constexpr const char* kClassNone = "none";
constexpr const char* kTypeNonGm = "non_gm";

double sign_of_difference(unsigned outer, unsigned inner) {
  return (std::popcount(outer & ~inner) % 2 == 0) ? 1.0 : -1.0;
}

// log M[O][C]: log of the probability that a pool of true class C is observed as class O.
std::vector<std::vector<double>> log_error_matrix(std::size_t events, const std::vector<AssayErrorRates>& errors) {
  const unsigned classes = 1u << events;
  std::vector<std::vector<double>> matrix(classes, std::vector<double>(classes, 0.0));
  for (unsigned observed = 0; observed < classes; ++observed) {
    for (unsigned truth = 0; truth < classes; ++truth) {
      double probability = 1.0;
      for (std::size_t e = 0; e < events; ++e) {
        const AssayErrorRates rates = errors.empty() ? AssayErrorRates{} : errors[e];
        const bool present = truth & (1u << e);
        const bool positive = observed & (1u << e);
        if (present) probability *= positive ? 1.0 - rates.false_negative : rates.false_negative;
        else probability *= positive ? rates.false_positive : 1.0 - rates.false_positive;
      }
      matrix[observed][truth] = std::log(probability);
    }
  }
  return matrix;
}

constexpr double kMinusInfinity = -std::numeric_limits<double>::infinity();

// (F(D)/F(C))^k from log F(D) − log F(C) ≤ 0, with x^0 = 1 even for x = 0.
double power_ratio(double log_ratio, double k) { return k == 0.0 ? 1.0 : std::exp(k * log_ratio); }

double log_sum_exp(const std::vector<double>& terms) {
  double top = kMinusInfinity;
  for (double term : terms) top = std::max(top, term);
  if (top == kMinusInfinity) return top;
  double sum = 0.0;
  for (double term : terms) sum += std::exp(term - top);
  return top + std::log(sum);
}

// The model at given type shares, in logarithms: with large pools F(D)^n underflows long before
// the class probabilities stop mattering (pools of 300 seeds, most of them positive).
// P(true class = C) = F(C)^n · Σ_{D ⊆ C} (−1)^|C∖D| (F(D)/F(C))^n.
struct ClassModel {
  std::vector<double> log_cumulative;  // log F(D), F(D) = Σ_{S ⊆ D} p_S
  std::vector<double> log_truth;       // log P(true class = C)
  std::vector<double> log_observed;    // log P(observed class = O)
};

ClassModel class_model(const std::vector<double>& shares, long long pool_size,
                       const std::vector<std::vector<double>>& log_errors) {
  const unsigned classes = static_cast<unsigned>(shares.size());
  const double n = static_cast<double>(pool_size);
  ClassModel model{std::vector<double>(classes), std::vector<double>(classes), std::vector<double>(classes)};
  for (unsigned d = 0; d < classes; ++d) {
    double cumulative = 0.0;
    for (unsigned s = 0; s < classes; ++s) {
      if ((s & ~d) == 0) cumulative += shares[s];
    }
    model.log_cumulative[d] = std::log(cumulative);
  }
  for (unsigned c = 0; c < classes; ++c) {
    const double log_top = model.log_cumulative[c];
    double bracket = 0.0;
    if (log_top != kMinusInfinity) {
      for (unsigned d = c;; d = (d - 1) & c) {  // every subset D of C
        bracket += sign_of_difference(c, d) * power_ratio(model.log_cumulative[d] - log_top, n);
        if (d == 0) break;
      }
    }
    model.log_truth[c] = bracket > 0.0 ? n * log_top + std::log(bracket) : kMinusInfinity;
  }
  std::vector<double> terms(classes);
  for (unsigned o = 0; o < classes; ++o) {
    for (unsigned c = 0; c < classes; ++c) terms[c] = log_errors[o][c] + model.log_truth[c];
    model.log_observed[o] = log_sum_exp(terms);
  }
  return model;
}

double log_likelihood(const std::vector<long long>& counts, const ClassModel& model) {
  double value = 0.0;
  for (std::size_t o = 0; o < counts.size(); ++o) {
    if (counts[o] > 0) value += static_cast<double>(counts[o]) * model.log_observed[o];
  }
  return value;
}

// One EM step. E: the expected number of seeds of type S in the pools, given their observed
// classes, is Σ_O y_O Σ_C M[O][C]·E[N_S; class = C]/P(O), where
// E[N_S; class = C] = n·p_S·F(C)^(n−1)·Σ_{S ⊆ D ⊆ C} (−1)^|C∖D| (F(D)/F(C))^(n−1).
// M: p_S = that / (pools·n). The class weights Σ_O y_O M[O][C]/P(O) times F(C)^(n−1) are
// combined in logarithms, where each factor alone may overflow or underflow.
std::vector<double> em_step(const std::vector<double>& shares, const std::vector<long long>& counts,
                            long long pool_size, const std::vector<std::vector<double>>& log_errors,
                            const ClassModel& model) {
  const unsigned classes = static_cast<unsigned>(shares.size());
  const double below = static_cast<double>(pool_size - 1);
  double pools = 0.0;
  for (long long count : counts) pools += static_cast<double>(count);
  std::vector<double> factor(classes, 0.0);
  std::vector<double> terms(classes);
  for (unsigned c = 0; c < classes; ++c) {
    if (model.log_cumulative[c] == kMinusInfinity) continue;
    for (unsigned o = 0; o < classes; ++o) {
      terms[o] = counts[o] == 0 ? kMinusInfinity
                                : std::log(static_cast<double>(counts[o])) + log_errors[o][c] - model.log_observed[o];
    }
    const double log_weight = log_sum_exp(terms);
    if (log_weight != kMinusInfinity) factor[c] = std::exp(log_weight + below * model.log_cumulative[c]);
  }
  std::vector<double> next(classes, 0.0);
  for (unsigned s = 0; s < classes; ++s) {
    if (shares[s] == 0.0) continue;
    double expected = 0.0;
    for (unsigned c = 0; c < classes; ++c) {
      if ((s & ~c) != 0 || factor[c] == 0.0) continue;
      double bracket = 0.0;
      for (unsigned d = c;; d = (d - 1) & c) {
        if ((s & ~d) == 0) bracket += sign_of_difference(c, d) * power_ratio(model.log_cumulative[d] - model.log_cumulative[c], below);
        if (d == 0) break;
      }
      expected += factor[c] * bracket;
    }
    next[s] = std::max(0.0, shares[s] * expected / pools);
  }
  double total = 0.0;
  for (double share : next) total += share;
  for (double& share : next) share /= total;
  return next;
}

// Start: the closed-form fit of the full model without assay errors (exact when it lies inside
// the simplex): F(D) = P̂(class ⊆ D)^(1/n), shares by Möbius inversion; then restricted to the
// modelled types, negatives cut to a floor below anything the data resolve, and renormalised.
std::vector<double> starting_shares(const std::vector<long long>& counts, long long pool_size,
                                    const std::vector<bool>& modelled) {
  const unsigned classes = static_cast<unsigned>(counts.size());
  double pools = 0.0;
  for (long long count : counts) pools += static_cast<double>(count);
  std::vector<double> root(classes, 0.0);
  for (unsigned d = 0; d < classes; ++d) {
    double below = 0.0;
    for (unsigned c = 0; c < classes; ++c) {
      if ((c & ~d) == 0) below += static_cast<double>(counts[c]);
    }
    root[d] = std::pow(below / pools, 1.0 / static_cast<double>(pool_size));
  }
  const double floor = 0.1 / (pools * static_cast<double>(pool_size));
  std::vector<double> shares(classes, 0.0);
  double total = 0.0;
  for (unsigned s = 0; s < classes; ++s) {
    if (!modelled[s]) continue;
    double share = 0.0;
    for (unsigned d = s;; d = (d - 1) & s) {
      share += sign_of_difference(s, d) * root[d];
      if (d == 0) break;
    }
    shares[s] = std::max(share, floor);
    total += shares[s];
  }
  for (double& share : shares) share /= total;
  return shares;
}

}  // namespace

std::optional<FieldError> check_event_names(const std::vector<std::string>& events) {
  if (events.empty() || events.size() > kMaxStackedEvents) return FieldError{"events", "must name 1 to 3 events"};
  for (std::size_t i = 0; i < events.size(); ++i) {
    const std::string field = "events[" + std::to_string(i) + "]";
    if (events[i].empty()) return FieldError{field, "must not be empty"};
    if (events[i].find('+') != std::string::npos) return FieldError{field, "must not contain '+'"};
    if (events[i] == kClassNone || events[i] == kTypeNonGm) {
      return FieldError{field, "must not be \"none\" or \"non_gm\", which name the classes without events"};
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (events[j] == events[i]) return FieldError{field, "repeats events[" + std::to_string(j) + "]"};
    }
  }
  return std::nullopt;
}

std::string combination_label(unsigned mask, const std::vector<std::string>& events, std::string_view empty_label) {
  if (mask == 0) return std::string(empty_label);
  std::string label;
  for (std::size_t e = 0; e < events.size(); ++e) {
    if (!(mask & (1u << e))) continue;
    if (!label.empty()) label += "+";
    label += events[e];
  }
  return label;
}

std::optional<unsigned> parse_combination_label(std::string_view label, const std::vector<std::string>& events,
                                                std::string_view empty_label) {
  if (label == empty_label) return 0u;
  unsigned mask = 0;
  std::size_t start = 0;
  while (start <= label.size()) {
    std::size_t end = std::min(label.find('+', start), label.size());
    std::string_view name = label.substr(start, end - start);
    auto it = std::find(events.begin(), events.end(), name);
    if (it == events.end()) return std::nullopt;
    unsigned bit = 1u << static_cast<unsigned>(it - events.begin());
    if (mask & bit) return std::nullopt;
    mask |= bit;
    start = end + 1;
  }
  return mask;
}

std::vector<double> observed_class_probabilities(const std::vector<double>& type_shares, long long pool_size,
                                                 const std::vector<AssayErrorRates>& errors) {
  if (!std::has_single_bit(type_shares.size()) || type_shares.size() > (1u << kMaxStackedEvents)) return {};
  if (pool_size < 1) return {};
  const std::size_t events = static_cast<std::size_t>(std::countr_zero(type_shares.size()));
  if (!errors.empty() && errors.size() != events) return {};
  std::vector<double> probabilities;
  for (double log_probability : class_model(type_shares, pool_size, log_error_matrix(events, errors)).log_observed) {
    probabilities.push_back(std::exp(log_probability));
  }
  return probabilities;
}

Checked<StackedEstimate> estimate_stacked(const StackedPoolData& data, const StackedFitOptions& options) {
  if (auto error = check_event_names(data.events)) return *error;
  const std::size_t events = data.events.size();
  const unsigned classes = 1u << events;
  if (data.pool_size < 1) return FieldError{"pool_size", "must be at least 1 seed per pool"};
  if (data.class_counts.size() != classes) {
    return FieldError{"class_counts", "must hold one count per class (" + std::to_string(classes) + ")"};
  }
  long long pools = 0;
  for (unsigned c = 0; c < classes; ++c) {
    if (data.class_counts[c] < 0) {
      return FieldError{"class_counts." + combination_label(c, data.events, kClassNone), "must not be negative"};
    }
    pools += data.class_counts[c];
  }
  if (pools < 1) return FieldError{"class_counts", "must count at least one pool"};
  if (!data.assay_errors.empty() && data.assay_errors.size() != events) {
    return FieldError{"fpr", "must hold one rate per event (" + std::to_string(events) + ")"};
  }
  for (std::size_t e = 0; e < data.assay_errors.size(); ++e) {
    const std::string index = "[" + std::to_string(e) + "]";
    auto checked = check_assay_error_rates(data.assay_errors[e].false_positive, data.assay_errors[e].false_negative,
                                           "fpr" + index, "fnr" + index);
    if (const auto* error = error_of(checked)) return *error;
  }
  std::vector<bool> modelled(classes, data.seed_types.empty());
  modelled[0] = true;
  for (std::size_t i = 0; i < data.seed_types.size(); ++i) {
    const std::string field = "seed_types[" + std::to_string(i) + "]";
    const unsigned type = data.seed_types[i];
    if (type == 0 || type >= classes) return FieldError{field, "must be a combination of the events"};
    if (modelled[type]) return FieldError{field, "is listed twice"};
    modelled[type] = true;
  }
  if (options.max_iterations < 1) return FieldError{"max_iterations", "must be at least 1"};

  StackedEstimate estimate;
  for (unsigned s = 0; s < classes; ++s) {
    if (modelled[s]) estimate.seed_types.push_back(s);
  }
  const auto log_errors = log_error_matrix(events, data.assay_errors);
  // Classes the model cannot produce (e.g. a pool of one seed positive for two events when no
  // stack is modelled) make the data contradict the model: refuse them by name. A true class is
  // possible when it is the union of at most n modelled types; an observed class when some
  // possible true class shows as it with non-zero probability.
  std::vector<bool> reachable(classes, false);
  reachable[0] = true;
  for (long long seed = 0; seed < std::min<long long>(data.pool_size, classes); ++seed) {
    std::vector<bool> next = reachable;
    for (unsigned r = 0; r < classes; ++r) {
      if (!reachable[r]) continue;
      for (unsigned s : estimate.seed_types) next[r | s] = true;
    }
    reachable = std::move(next);
  }
  for (unsigned o = 0; o < classes; ++o) {
    bool possible = false;
    for (unsigned c = 0; c < classes; ++c) possible = possible || (reachable[c] && log_errors[o][c] != kMinusInfinity);
    if (data.class_counts[o] > 0 && !possible) {
      return FieldError{"class_counts." + combination_label(o, data.events, kClassNone),
                        "cannot occur with the modelled seed types and this pool size when the assays make no errors"};
    }
  }
  // An event positive in every pool — or, with false negatives, in at least a share 1 − fnr of
  // them — says only that its share is above what these pools measure (the likelihood rises
  // all the way to "every seed carries it"): no estimate, as for a single event.
  for (std::size_t e = 0; e < events; ++e) {
    long long positive = 0;
    for (unsigned o = 0; o < classes; ++o) {
      if (o & (1u << e)) positive += data.class_counts[o];
    }
    const double false_negative = data.assay_errors.empty() ? 0.0 : data.assay_errors[e].false_negative;
    if (positive == pools || static_cast<double>(positive) >= (1.0 - false_negative) * static_cast<double>(pools)) {
      estimate.saturated_events.push_back(e);
    }
  }
  if (!estimate.saturated_events.empty()) {
    estimate.status = StackedStatus::all_pools_positive;
    return estimate;
  }

  // EM accelerated by SQUAREM (Varadhan & Roland 2008): from two EM steps p1 = EM(p0),
  // p2 = EM(p1), extrapolate p0 − 2αr + α²v (r = p1 − p0, v = p2 − 2p1 + p0, α = −|r|/|v|),
  // pulling α back towards −1 (which gives p2) until every share stays positive, and take one EM
  // step from there — kept only if the likelihood is at least that of p2. Near the edge of the
  // simplex plain EM crawls; this keeps its monotone, inside-the-simplex steps.
  auto em = [&](const std::vector<double>& from) {
    ++estimate.iterations;
    return em_step(from, data.class_counts, data.pool_size, log_errors, class_model(from, data.pool_size, log_errors));
  };
  auto fit_of = [&](const std::vector<double>& at) {
    return log_likelihood(data.class_counts, class_model(at, data.pool_size, log_errors));
  };
  std::vector<double> shares = starting_shares(data.class_counts, data.pool_size, modelled);
  bool converged = false;
  while (estimate.iterations < options.max_iterations && !converged) {
    std::vector<double> next = em(shares);
    if (estimate.iterations + 2 <= options.max_iterations) {
      std::vector<double> second = em(next);
      double r2 = 0.0, v2 = 0.0;
      for (unsigned t = 0; t < classes; ++t) {
        const double r = next[t] - shares[t];
        const double v = second[t] - 2.0 * next[t] + shares[t];
        r2 += r * r;
        v2 += v * v;
      }
      double alpha = v2 > 0.0 ? -std::sqrt(r2 / v2) : -1.0;
      std::vector<double> leap(classes, 0.0);
      bool inside = false;
      for (int halving = 0; halving < 30 && alpha < -1.0 && !inside; ++halving) {
        inside = true;
        for (unsigned t = 0; t < classes; ++t) {
          const double r = next[t] - shares[t];
          const double v = second[t] - 2.0 * next[t] + shares[t];
          leap[t] = shares[t] == 0.0 ? 0.0 : shares[t] - 2.0 * alpha * r + alpha * alpha * v;
          inside = inside && (shares[t] == 0.0 || leap[t] > 0.0);
        }
        if (!inside) alpha = (alpha - 1.0) / 2.0;
      }
      next = std::move(second);
      if (inside) {
        std::vector<double> settled = em(leap);
        if (fit_of(settled) >= fit_of(next)) next = std::move(settled);
      }
    }
    double change = 0.0;
    for (unsigned t = 0; t < classes; ++t) change = std::max(change, std::fabs(next[t] - shares[t]));
    shares = std::move(next);
    converged = change <= options.tolerance;
  }
  ClassModel model = class_model(shares, data.pool_size, log_errors);
  if (!converged) {
    estimate.status = StackedStatus::not_converged;
    return estimate;
  }
  // Boundary: a modelled share at 0, or one the likelihood still pushes down (its EM multiplier
  // is below 1) that is already below 10⁻⁶ — on its way to 0, where the maximum lies.
  std::vector<double> step = em_step(shares, data.class_counts, data.pool_size, log_errors, model);
  bool boundary = false;
  for (unsigned s = 0; s < classes; ++s) {
    if (modelled[s] && (shares[s] == 0.0 || (shares[s] < 1e-6 && step[s] < shares[s]))) {
      shares[s] = 0.0;
      boundary = true;
    }
  }
  if (boundary) {
    double total = 0.0;
    for (double share : shares) total += share;
    for (double& share : shares) share /= total;
    model = class_model(shares, data.pool_size, log_errors);
  }
  const double fitted_log_likelihood = log_likelihood(data.class_counts, model);
  if (!std::isfinite(fitted_log_likelihood)) {  // rounding defeated the fit: say so, never a NaN
    estimate.status = StackedStatus::not_converged;
    return estimate;
  }
  estimate.status = boundary ? StackedStatus::boundary : StackedStatus::converged;
  estimate.log_likelihood = fitted_log_likelihood;
  estimate.type_shares = shares;
  for (double log_probability : model.log_observed) {
    estimate.expected_class_counts.push_back(std::exp(log_probability) * static_cast<double>(pools));
  }
  return estimate;
}

}  // namespace lmo::domain
