#include "services/estimation_service.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "domain/pooled_estimate.hpp"
#include "domain/stacked_estimate.hpp"

namespace lmo::services {

namespace json = boost::json;

namespace {

constexpr long long kMaxPoolSize = 1'000'000;
constexpr long long kMaxPools = 1'000'000;
constexpr std::size_t kMaxGroups = 100;

json::value share(std::optional<double> fraction) {
  if (!fraction) return nullptr;
  return json::object{{"fraction", *fraction}, {"percent", 100.0 * *fraction}};
}

std::string counted(long long count, std::string_view noun) {
  return fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s");
}

std::string percent_text(double fraction) { return fmt::format("{:.3g} %", 100.0 * fraction); }
std::string confidence_text(double confidence) { return fmt::format("{:.4g} %", 100.0 * confidence); }

std::string_view status_code(domain::PooledStatus status) {
  switch (status) {
    case domain::PooledStatus::estimated: return "estimated";
    case domain::PooledStatus::above_measurable_range: return "above_measurable_range";
    case domain::PooledStatus::not_converged: return "not_converged";
  }
  return "not_converged";
}

std::string_view status_code(domain::StackedStatus status) {
  switch (status) {
    case domain::StackedStatus::converged: return "converged";
    case domain::StackedStatus::boundary: return "boundary";
    case domain::StackedStatus::not_converged: return "not_converged";
    case domain::StackedStatus::all_pools_positive: return "all_pools_positive";
  }
  return "not_converged";
}

std::string_view kind_code(domain::IntervalKind kind) {
  return kind == domain::IntervalKind::upper ? "upper" : "two_sided";
}

// ---- pooled --------------------------------------------------------------------------------

domain::PoolGroup read_group(JsonRequest& in) {
  domain::PoolGroup group;
  group.pool_size = in.integer("pool_size", std::nullopt, 0, kMaxPoolSize);
  group.pools = in.integer("pools", std::nullopt, 0, kMaxPools);
  group.positive_pools = in.integer("positive_pools", std::nullopt, 0, kMaxPools);
  return group;
}

std::string interval_text(const domain::PooledEstimate& estimate, const domain::IntervalSpec& spec) {
  const auto& interval = *estimate.interval;
  const bool exact = estimate.method == domain::PooledMethod::exact_clopper_pearson;
  const std::string how = exact ? "exact: Clopper–Pearson bounds on the share of positive pools, mapped the same way"
                                : "profile likelihood ratio, χ² calibration: approximate";
  if (spec.kind == domain::IntervalKind::upper) {
    return fmt::format("{} upper confidence bound: {} ({}).", confidence_text(spec.confidence),
                       percent_text(interval.upper), how);
  }
  return fmt::format("{} two-sided interval: {} to {} ({}).", confidence_text(spec.confidence),
                     percent_text(interval.lower), percent_text(interval.upper), how);
}

std::string pooled_explanation(const std::vector<domain::PoolGroup>& groups, const domain::PooledEstimate& estimate,
                               const domain::IntervalSpec& spec, const domain::AssayErrorRates& errors,
                               int max_iterations) {
  long long pools = 0;
  long long positive = 0;
  std::string sizes;
  for (const auto& group : groups) {
    pools += group.pools;
    positive += group.positive_pools;
    if (!sizes.empty()) sizes += ", ";
    sizes += std::to_string(group.pool_size);
  }
  const bool exact = estimate.method == domain::PooledMethod::exact_clopper_pearson;
  std::string text = exact ? fmt::format("{} of {} of {} tested positive.", positive, counted(pools, "pool"),
                                         counted(groups.front().pool_size, "seed"))
                           : fmt::format("{} of {} tested positive (pools of {} seeds).", positive, counted(pools, "pool"), sizes);
  if (!errors.error_free()) {
    text += fmt::format(" The share of positive pools is corrected for the assay's error rates (false positive {}, "
                        "false negative {}): q = (x/m − fpr)/(1 − fpr − fnr), kept between 0 and 1.",
                        percent_text(errors.false_positive), percent_text(errors.false_negative));
  }
  switch (estimate.status) {
    case domain::PooledStatus::not_converged:
      return text + fmt::format(" The numerical search for the maximum-likelihood estimate did not converge within {}, "
                                "so no estimate is given.", counted(max_iterations, "Newton step"));
    case domain::PooledStatus::above_measurable_range:
      text += fmt::format(" This is as many positive pools as any share of GM seeds could give: the share is above "
                          "the range these pools can measure, so no estimate is given. With {} confidence it is at "
                          "least {}. Test more pools, or smaller ones, to estimate it.",
                          confidence_text(spec.confidence), percent_text(*estimate.lower_bound));
      return text;
    case domain::PooledStatus::estimated: break;
  }
  if (exact) {
    text += fmt::format(" Estimated share of GM seeds: {} — the share at which a pool of {} is positive as "
                        "often as observed, p = 1 − (1 − q)^(1/n).",
                        percent_text(*estimate.proportion), counted(groups.front().pool_size, "seed"));
  } else {
    text += fmt::format(" Maximum-likelihood estimate of the share of GM seeds (the product of the binomial "
                        "likelihoods of each pool size, Hepworth 1996): {}, found in {}.",
                        percent_text(*estimate.proportion), counted(estimate.iterations, "Newton step"));
  }
  return text + " " + interval_text(estimate, spec);
}

// ---- stacked -------------------------------------------------------------------------------

// A rate for every event: a number (the same for all assays) or an array with one per event.
std::vector<double> read_rates(JsonRequest& in, std::string_view name, std::size_t events, bool& per_event) {
  per_event = false;
  if (!in.has(name)) return std::vector<double>(events, 0.0);
  if (in.root()->at(name).is_array()) {
    per_event = true;
    auto rates = in.numbers(name, 0.0, 1.0, events, events);
    if (in.ok() && rates.size() != events) in.fail(name, fmt::format("must hold one rate per event ({})", events));
    return rates;
  }
  return std::vector<double>(events, in.number(name, 0.0, 0.0, 1.0));
}

std::string list_text(const std::vector<std::string>& items) {
  std::string text;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) text += i + 1 == items.size() ? " and " : ", ";
    text += items[i];
  }
  return text;
}

std::string stacked_explanation(const domain::StackedPoolData& data, long long pools,
                                const domain::StackedEstimate& estimate, const domain::StackedFitOptions& options) {
  std::string text = fmt::format("{} of {}, each tested with an assay for {}.", counted(pools, "pool"),
                                 counted(data.pool_size, "seed"), list_text(data.events));
  switch (estimate.status) {
    case domain::StackedStatus::all_pools_positive: {
      for (std::size_t e : estimate.saturated_events) {
        long long positive = 0;
        for (unsigned c = 0; c < data.class_counts.size(); ++c) {
          if (c & (1u << e)) positive += data.class_counts[c];
        }
        const double false_negative = data.assay_errors[e].false_negative;
        text += fmt::format(" {} tested positive in {} of {}: as many as any share of seeds carrying it could give{}.",
                            data.events[e], positive, counted(pools, "pool"),
                            false_negative > 0.0 ? " with a false-negative rate of " + percent_text(false_negative) : "");
      }
      return text + fmt::format(" Such shares are above the range pools of {} can measure, so no estimate is given. "
                                "Test smaller pools.", counted(data.pool_size, "seed"));
    }
    case domain::StackedStatus::not_converged:
      return text + fmt::format(" The maximum-likelihood fit did not converge within {}, so no estimate is given.",
                                counted(options.max_iterations, "EM step"));
    case domain::StackedStatus::converged:
    case domain::StackedStatus::boundary: break;
  }
  std::vector<std::string> shares;
  std::vector<std::string> zero;
  for (unsigned type : estimate.seed_types) {
    std::string label = type == 0 ? "non-GM" : domain::combination_label(type, data.events, "");
    shares.push_back(label + " " + percent_text(estimate.type_shares[type]));
    if (estimate.type_shares[type] == 0.0) zero.push_back(label);
  }
  text += fmt::format(" Maximum-likelihood shares of seed types (multinomial group testing, fitted in {}): {}.",
                      counted(estimate.iterations, "EM step"), list_text(shares));
  std::vector<std::string> carriers;
  double gm = 0.0;
  for (std::size_t e = 0; e < data.events.size(); ++e) {
    double carrying = 0.0;
    for (unsigned type : estimate.seed_types) {
      if (type & (1u << e)) carrying += estimate.type_shares[type];
    }
    carriers.push_back(data.events[e] + " " + percent_text(carrying));
  }
  for (unsigned type : estimate.seed_types) gm += type == 0 ? 0.0 : estimate.type_shares[type];
  text += fmt::format(" Seeds carrying each event, alone or stacked: {}; GM seeds in all: {}.", list_text(carriers),
                      percent_text(gm));
  if (estimate.status == domain::StackedStatus::boundary) {
    text += fmt::format(" The maximum lies on the edge of the possible shares: {} {} estimated at 0.", list_text(zero),
                        zero.size() == 1 ? "is" : "are");
  }
  return text;
}

}  // namespace

ServiceResult estimate_pooled(const json::value& request) {
  JsonRequest in(request);
  in.reject_unknown({"pool_size", "pools", "positive_pools", "groups", "confidence", "interval", "fpr", "fnr",
                     "max_iterations"});
  std::vector<domain::PoolGroup> groups;
  const bool grouped = in.has("groups");
  if (grouped && (in.has("pool_size") || in.has("pools") || in.has("positive_pools"))) {
    in.fail("groups", "cannot be combined with pool_size, pools and positive_pools");
  }
  if (grouped) {
    if (const auto* items = in.array("groups", true, kMaxGroups)) {
      for (std::size_t i = 0; i < items->size() && in.ok(); ++i) {
        JsonRequest item((*items)[i], fmt::format("groups[{}]", i));
        item.reject_unknown({"pool_size", "pools", "positive_pools"});
        groups.push_back(read_group(item));
        if (item.error()) in.fail(item.error()->field, item.error()->message);
      }
    }
  } else if (in.ok()) {
    groups.push_back(read_group(in));
  }
  domain::IntervalSpec spec;
  spec.confidence = in.number("confidence", 0.95, 0.0, 1.0, true);
  spec.kind = in.string("interval", "two_sided", {"two_sided", "upper"}) == "upper" ? domain::IntervalKind::upper
                                                                                     : domain::IntervalKind::two_sided;
  const double fpr = in.number("fpr", 0.0, 0.0, 1.0);
  const double fnr = in.number("fnr", 0.0, 0.0, 1.0);
  const int max_iterations = static_cast<int>(in.integer("max_iterations", 100, 1, 10'000));
  if (in.error()) return *in.error();
  auto rates = domain::check_assay_error_rates(fpr, fnr, "fpr", "fnr");
  if (const auto* error = domain::error_of(rates)) return *error;
  const auto errors = std::get<domain::AssayErrorRates>(rates);

  auto checked = grouped ? domain::estimate_pooled(groups, spec, errors, max_iterations)
                         : domain::estimate_equal_pools(groups.front(), spec, errors);
  if (const auto* error = domain::error_of(checked)) return *error;
  const auto& estimate = std::get<domain::PooledEstimate>(checked);

  long long pools = 0;
  long long positive = 0;
  double seeds = 0.0;
  for (const auto& group : groups) {
    pools += group.pools;
    positive += group.positive_pools;
    seeds += static_cast<double>(group.pools) * static_cast<double>(group.pool_size);
  }
  json::value interval = nullptr;
  if (estimate.interval) {
    interval = json::object{{"kind", kind_code(spec.kind)},
                            {"confidence", spec.confidence},
                            {"lower", share(estimate.interval->lower)},
                            {"upper", share(estimate.interval->upper)}};
  }
  const bool exact = estimate.method == domain::PooledMethod::exact_clopper_pearson;
  return json::value(json::object{
      {"method", exact ? "exact_clopper_pearson" : "likelihood_ratio"},
      {"status", status_code(estimate.status)},
      {"estimate", share(estimate.proportion)},
      {"interval", std::move(interval)},
      {"lower_bound", share(estimate.lower_bound)},
      {"pools", pools},
      {"positive_pools", positive},
      {"seeds", seeds},
      {"assay", json::object{{"fpr", errors.false_positive}, {"fnr", errors.false_negative}}},
      {"iterations", estimate.iterations},
      {"log_likelihood", estimate.log_likelihood ? json::value(*estimate.log_likelihood) : json::value(nullptr)},
      {"explanation", pooled_explanation(groups, estimate, spec, errors, max_iterations)}});
}

ServiceResult estimate_stacked(const json::value& request) {
  JsonRequest in(request);
  in.reject_unknown({"pool_size", "events", "class_counts", "pools", "fpr", "fnr", "seed_types", "max_iterations"});
  domain::StackedPoolData data;
  data.pool_size = in.integer("pool_size", std::nullopt, 0, kMaxPoolSize);
  data.events = in.strings("events", 0, domain::kMaxStackedEvents, 200);
  if (!in.has("events")) in.fail("events", "is required");
  if (in.error()) return *in.error();
  // Event names are checked before class labels are read in their terms.
  if (auto error = domain::check_event_names(data.events)) return *error;

  const unsigned classes = 1u << data.events.size();
  data.class_counts.assign(classes, 0);
  std::vector<std::string> given(classes);
  if (const auto* counts = in.object("class_counts", true)) {
    JsonRequest counts_in(in.root()->at("class_counts"), "class_counts");
    for (const auto& member : *counts) {
      const std::string key(member.key());
      auto mask = domain::parse_combination_label(key, data.events, "none");
      if (!mask) {
        in.fail("class_counts." + key, "is not a class: write none, or event names joined by '+'");
        break;
      }
      if (!given[*mask].empty()) {
        in.fail("class_counts." + key, "counts the same class as class_counts." + given[*mask]);
        break;
      }
      given[*mask] = key;
      data.class_counts[*mask] = counts_in.integer(key, std::nullopt, 0, kMaxPools);
      if (counts_in.error()) {
        in.fail(counts_in.error()->field, counts_in.error()->message);
        break;
      }
    }
  }
  const auto stated_pools = in.optional_integer("pools", 0, kMaxPools);
  bool fpr_per_event = false;
  bool fnr_per_event = false;
  const auto fpr = read_rates(in, "fpr", data.events.size(), fpr_per_event);
  const auto fnr = read_rates(in, "fnr", data.events.size(), fnr_per_event);
  const auto type_labels = in.strings("seed_types", 0, classes, 1000);
  domain::StackedFitOptions options;
  options.max_iterations = static_cast<int>(in.integer("max_iterations", options.max_iterations, 1, 1'000'000));
  if (in.error()) return *in.error();

  long long pools = 0;
  for (long long count : data.class_counts) pools += count;
  if (stated_pools && *stated_pools != pools) {
    return domain::FieldError{"class_counts",
                              fmt::format("must add up to pools ({}), not {}", *stated_pools, pools)};
  }
  for (std::size_t e = 0; e < data.events.size(); ++e) {
    auto rates = domain::check_assay_error_rates(fpr[e], fnr[e], fpr_per_event ? fmt::format("fpr[{}]", e) : "fpr",
                                                 fnr_per_event ? fmt::format("fnr[{}]", e) : "fnr");
    if (const auto* error = domain::error_of(rates)) return *error;
    data.assay_errors.push_back(std::get<domain::AssayErrorRates>(rates));
  }
  for (std::size_t i = 0; i < type_labels.size(); ++i) {
    auto mask = domain::parse_combination_label(type_labels[i], data.events, "non_gm");
    const std::string field = fmt::format("seed_types[{}]", i);
    if (!mask) return domain::FieldError{field, "is not a combination of the events (event names joined by '+')"};
    if (*mask == 0) return domain::FieldError{field, "must be a GM seed type: non_gm is always modelled"};
    data.seed_types.push_back(*mask);
  }

  auto checked = domain::estimate_stacked(data, options);
  if (const auto* error = domain::error_of(checked)) return *error;
  const auto& estimate = std::get<domain::StackedEstimate>(checked);
  const bool fitted = !estimate.type_shares.empty();

  auto names_of = [&](unsigned mask) {
    json::array names;
    for (std::size_t e = 0; e < data.events.size(); ++e) {
      if (mask & (1u << e)) names.emplace_back(data.events[e]);
    }
    return names;
  };
  json::array types;
  for (unsigned type : estimate.seed_types) {
    types.push_back(json::object{{"type", domain::combination_label(type, data.events, "non_gm")},
                                 {"events", names_of(type)},
                                 {"estimate", share(fitted ? std::optional(estimate.type_shares[type]) : std::nullopt)}});
  }
  json::array carriers;
  json::array assay;
  for (std::size_t e = 0; e < data.events.size(); ++e) {
    std::optional<double> carrying;
    if (fitted) {
      carrying = 0.0;
      for (unsigned type : estimate.seed_types) {
        if (type & (1u << e)) *carrying += estimate.type_shares[type];
      }
    }
    carriers.push_back(json::object{{"event", data.events[e]}, {"estimate", share(carrying)}});
    assay.push_back(json::object{{"event", data.events[e]},
                                 {"fpr", data.assay_errors[e].false_positive},
                                 {"fnr", data.assay_errors[e].false_negative}});
  }
  std::optional<double> gm_seeds;
  if (fitted) {
    gm_seeds = 0.0;
    for (unsigned type : estimate.seed_types) *gm_seeds += type == 0 ? 0.0 : estimate.type_shares[type];
  }
  json::array class_rows;
  for (unsigned c = 0; c < classes; ++c) {
    class_rows.push_back(json::object{
        {"class", domain::combination_label(c, data.events, "none")},
        {"events", names_of(c)},
        {"observed", data.class_counts[c]},
        {"expected", fitted ? json::value(estimate.expected_class_counts[c]) : json::value(nullptr)}});
  }
  json::array saturated;
  for (std::size_t e : estimate.saturated_events) saturated.emplace_back(data.events[e]);
  return json::value(json::object{
      {"method", "multinomial_em"},
      {"status", status_code(estimate.status)},
      {"pool_size", data.pool_size},
      {"pools", pools},
      {"events", names_of(classes - 1)},
      {"seed_types", std::move(types)},
      {"event_carriers", std::move(carriers)},
      {"gm_seeds", share(gm_seeds)},
      {"classes", std::move(class_rows)},
      {"assay", std::move(assay)},
      {"log_likelihood", estimate.log_likelihood ? json::value(*estimate.log_likelihood) : json::value(nullptr)},
      {"iterations", estimate.iterations},
      {"saturated_events", std::move(saturated)},
      {"explanation", stacked_explanation(data, pools, estimate, options)}});
}

}  // namespace lmo::services
