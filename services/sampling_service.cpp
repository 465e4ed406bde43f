#include "services/sampling_service.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "domain/plan_search.hpp"
#include "domain/sampling_plan.hpp"
#include "domain/seed_mass.hpp"

namespace lmo::services {

namespace json = boost::json;
using domain::AssayErrorRates;
using domain::SamplingPlan;

namespace {

constexpr long long most_pools = 10'000'000;
constexpr long long most_pool_size = 10'000;
constexpr long long most_seeds = 1'000'000'000'000LL;
// Acceptance numbers beyond this make no practical plan and would make a chart slow to draw.
constexpr long long most_acceptance = 10'000;

std::string percent(double fraction) { return fmt::format("{:.4g} %", 100.0 * fraction); }

std::string count(long long value, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", value, value == 1 ? one : many);
}

AssayErrorRates read_assay_errors(JsonRequest& request) {
  return {request.number("false_positive_rate", 0.0, 0.0, 1.0), request.number("false_negative_rate", 0.0, 0.0, 1.0)};
}

// The detection limit as "max_pool_size" or "lod" (a fraction: 0.001 = one GM seed in 1000).
struct DetectionLimit {
  std::optional<long long> max_pool_size;
  std::optional<double> lod;
};

DetectionLimit read_detection_limit(JsonRequest& request, bool required) {
  DetectionLimit limit;
  limit.max_pool_size = request.optional_integer("max_pool_size", 1, most_pool_size);
  limit.lod = request.optional_number("lod", 1.0 / most_pool_size, 1.0);
  if (limit.max_pool_size && limit.lod) request.fail("lod", "cannot be given together with max_pool_size");
  if (!request.ok()) return limit;
  if (limit.lod) {
    auto from_lod = domain::max_pool_size_for_lod(*limit.lod);
    if (const auto* error = domain::error_of(from_lod)) {
      request.fail(error->field, error->message);
    } else {
      limit.max_pool_size = std::get<long long>(from_lod);
    }
  } else if (required && !limit.max_pool_size) {
    request.fail("max_pool_size", "is required (or give lod, the assay's detection limit)");
  }
  return limit;
}

json::value optional_number(const std::optional<double>& value) { return value ? json::value(*value) : nullptr; }

json::object plan_json(const SamplingPlan& plan) {
  json::object out;
  AssayErrorRates errors;
  if (const auto* individual = std::get_if<domain::IndividualSeedPlan>(&plan)) {
    out = {{"type", "individual"}, {"seeds", individual->seeds}, {"acceptance_number", individual->acceptance_number}};
    errors = individual->errors;
  } else if (const auto* pooled = std::get_if<domain::PooledPlan>(&plan)) {
    out = {{"type", "pooled"},
           {"pools", pooled->pools},
           {"pool_size", pooled->pool_size},
           {"acceptance_number", pooled->acceptance_number}};
    errors = pooled->errors;
  } else {
    const auto& twice = std::get<domain::DoubleStagePlan>(plan);
    out = {{"type", "double_stage"},
           {"pool_size", twice.pool_size},
           {"pools", twice.pools},
           {"acceptance_number", twice.acceptance_number},
           {"rejection_number", twice.rejection_number},
           {"second_pools", twice.second_pools},
           {"second_acceptance_number", twice.second_acceptance_number}};
    errors = twice.errors;
  }
  out["false_positive_rate"] = errors.false_positive;
  out["false_negative_rate"] = errors.false_negative;
  return out;
}

// "Test 2 pools of 150 seeds (300 in all); accept the lot only when no pool tests positive."
std::string acceptance_rule(long long acceptance_number, std::string_view one, std::string_view many) {
  if (acceptance_number == 0) return fmt::format("accept the lot only when no {} tests positive", one);
  return fmt::format("accept the lot when at most {} test positive", count(acceptance_number, one, many));
}

std::string describe(const SamplingPlan& plan) {
  if (const auto* individual = std::get_if<domain::IndividualSeedPlan>(&plan)) {
    return fmt::format("Test {} one by one; {}.", count(individual->seeds, "seed", "seeds"),
                       acceptance_rule(individual->acceptance_number, "seed", "seeds"));
  }
  if (const auto* pooled = std::get_if<domain::PooledPlan>(&plan)) {
    return fmt::format("Test {} of {} ({} in all); {}.", count(pooled->pools, "pool", "pools"),
                       count(pooled->pool_size, "seed", "seeds"), pooled->pools * pooled->pool_size,
                       acceptance_rule(pooled->acceptance_number, "pool", "pools"));
  }
  const auto& twice = std::get<domain::DoubleStagePlan>(plan);
  return fmt::format(
      "Test {} of {}: accept the lot when at most {} test positive and reject it when {} or more do; otherwise "
      "test {} more and accept the lot when at most {} of all the pools test positive ({} seeds in the sample).",
      count(twice.pools, "pool", "pools"), count(twice.pool_size, "seed", "seeds"), twice.acceptance_number,
      twice.rejection_number, twice.second_pools, twice.second_acceptance_number,
      (twice.pools + twice.second_pools) * twice.pool_size);
}

std::string describe_errors(const AssayErrorRates& errors) {
  if (errors.error_free()) return " The assay is taken as error-free.";
  return fmt::format(
      " A clean pool tests positive with probability {} and a GM pool tests negative with probability {}.",
      percent(errors.false_positive), percent(errors.false_negative));
}

// Reads the plan fields of `type`; field names match the domain's FieldError names.
SamplingPlan read_plan(JsonRequest& request, const std::string& type, const AssayErrorRates& errors) {
  if (type == "individual") {
    long long seeds = request.integer("seeds", std::nullopt, 1, most_seeds);
    return domain::IndividualSeedPlan{seeds, request.integer("acceptance_number", 0LL, 0, most_acceptance), errors};
  }
  long long pool_size = request.integer("pool_size", std::nullopt, 1, most_pool_size);
  long long pools = request.integer("pools", std::nullopt, 1, most_pools);
  long long acceptance = request.integer("acceptance_number", 0LL, 0, most_acceptance);
  if (type == "pooled") return domain::PooledPlan{pools, pool_size, acceptance, errors};
  long long rejection = request.integer("rejection_number", std::nullopt, 1, most_acceptance);
  long long second_pools = request.integer("second_pools", std::nullopt, 1, most_pools);
  long long second_acceptance = request.integer("second_acceptance_number", std::nullopt, 0, most_acceptance);
  return domain::DoubleStagePlan{pool_size, pools, acceptance, rejection, second_pools, second_acceptance, errors};
}

}  // namespace

ServiceResult evaluate_sampling_plan(const json::value& request) {
  JsonRequest in(request);
  std::string type = in.string("type", std::nullopt, {"individual", "pooled", "double_stage"});
  auto errors = read_assay_errors(in);
  auto aql = in.optional_number("aql", 0.0, 1.0, true);
  auto lql = in.optional_number("lql", 0.0, 1.0, true);
  if (aql && lql && *aql >= *lql) in.fail("aql", "must be less than lql");
  int points = static_cast<int>(in.integer("points", 60LL, 10, 500));
  auto limit = read_detection_limit(in, false);
  if (!in.ok()) return *in.error();
  SamplingPlan plan = read_plan(in, type, errors);
  if (type == "individual") {
    in.reject_unknown({"type", "seeds", "acceptance_number", "false_positive_rate", "false_negative_rate", "aql", "lql",
                       "points", "max_pool_size", "lod"});
  } else if (type == "pooled") {
    in.reject_unknown({"type", "pools", "pool_size", "acceptance_number", "false_positive_rate", "false_negative_rate",
                       "aql", "lql", "points", "max_pool_size", "lod"});
  } else {
    in.reject_unknown({"type", "pool_size", "pools", "acceptance_number", "rejection_number", "second_pools",
                       "second_acceptance_number", "false_positive_rate", "false_negative_rate", "aql", "lql", "points",
                       "max_pool_size", "lod"});
  }
  if (!in.ok()) return *in.error();
  auto checked = domain::validate_plan(plan, limit.max_pool_size);
  if (const auto* error = domain::error_of(checked)) return *error;

  std::string explanation = describe(plan) + describe_errors(errors);
  json::value aql_marker = nullptr;
  json::value lql_marker = nullptr;
  if (lql) {
    double beta = domain::acceptance_probability(plan, *lql);
    lql_marker = json::object{{"p", *lql},
                              {"acceptance_probability", beta},
                              {"consumer_risk", beta},
                              {"expected_assays", domain::expected_assays(plan, *lql)}};
    explanation += fmt::format(" A lot at the LQL of {} is accepted with probability {} (consumer risk β).",
                               percent(*lql), percent(beta));
  }
  if (aql) {
    double alpha = domain::rejection_probability(plan, *aql);
    aql_marker = json::object{{"p", *aql},
                              {"acceptance_probability", domain::acceptance_probability(plan, *aql)},
                              {"producer_risk", alpha},
                              {"expected_assays", domain::expected_assays(plan, *aql)}};
    explanation += fmt::format(" A lot at the AQL of {} is rejected with probability {} (producer risk α).",
                               percent(*aql), percent(alpha));
  }
  if (std::holds_alternative<domain::DoubleStagePlan>(plan)) {
    explanation += fmt::format(" A clean lot needs {:.3g} assays on average.", domain::expected_assays(plan, 0.0));
  }
  json::array curve;
  for (const auto& point : domain::operating_characteristic(plan, aql, lql, points)) {
    curve.push_back(json::object{{"p", point.p}, {"acceptance_probability", point.acceptance_probability}});
  }
  return json::value(json::object{{"plan", plan_json(plan)},
                                  {"seeds_total", domain::seeds_total(plan)},
                                  {"assays_max", domain::assays_max(plan)},
                                  {"aql", std::move(aql_marker)},
                                  {"lql", std::move(lql_marker)},
                                  {"operating_characteristic", std::move(curve)},
                                  {"explanation", explanation}});
}

ServiceResult search_sampling_plans(const json::value& request) {
  JsonRequest in(request);
  domain::PlanSearchCriteria criteria;
  criteria.lql = in.number("lql", std::nullopt, 0.0, 1.0, true);
  criteria.max_consumer_risk = in.number("max_consumer_risk", 0.05, 0.0, 1.0, true);
  criteria.aql = in.optional_number("aql", 0.0, 1.0, true);
  criteria.max_producer_risk = in.number("max_producer_risk", 0.05, 0.0, 1.0, true);
  criteria.cost_per_assay = in.number("cost_per_assay", 1.0, 0.0, 1e12);
  criteria.cost_per_seed = in.number("cost_per_seed", 0.0, 0.0, 1e12);
  criteria.errors = read_assay_errors(in);
  criteria.max_pools = in.integer("max_pools", criteria.max_pools, 1, 100'000);
  criteria.max_seeds = in.optional_integer("max_seeds", 1, most_seeds);
  criteria.max_acceptance_number = in.integer("max_acceptance_number", criteria.max_acceptance_number, 0, 50);
  criteria.include_double_stage = in.boolean("include_double_stage", false);
  criteria.limit = static_cast<std::size_t>(in.integer("limit", 10LL, 1, 100));
  auto limit = read_detection_limit(in, true);
  in.reject_unknown({"lql", "max_consumer_risk", "aql", "max_producer_risk", "cost_per_assay", "cost_per_seed",
                     "false_positive_rate", "false_negative_rate", "max_pools", "max_seeds", "max_acceptance_number",
                     "include_double_stage", "limit", "max_pool_size", "lod"});
  if (!in.ok()) return *in.error();
  criteria.max_pool_size = *limit.max_pool_size;
  auto searched = domain::search_plans(criteria);
  if (const auto* error = domain::error_of(searched)) return *error;
  const auto& found = std::get<std::vector<domain::PlanCandidate>>(searched);

  json::array plans;
  for (std::size_t i = 0; i < found.size(); ++i) {
    const auto& candidate = found[i];
    plans.push_back(json::object{{"rank", i + 1},
                                 {"plan", plan_json(candidate.plan)},
                                 {"cost", candidate.cost},
                                 {"seeds_total", candidate.seeds},
                                 {"expected_assays", candidate.expected_assays},
                                 {"assays_max", domain::assays_max(candidate.plan)},
                                 {"producer_risk", optional_number(candidate.producer_risk)},
                                 {"consumer_risk", candidate.consumer_risk}});
  }
  std::string targets =
      fmt::format("β ≤ {} at the LQL of {}", percent(criteria.max_consumer_risk), percent(criteria.lql));
  if (criteria.aql) {
    targets += fmt::format(" and α ≤ {} at the AQL of {}", percent(criteria.max_producer_risk), percent(*criteria.aql));
  }
  std::string explanation = fmt::format(
      "Searched single-stage plans with pools of 1 to {} seeds and acceptance numbers 0 to {}{}, at most {} pools{}, "
      "for {}. Cost: {} per assay and {} per seed.",
      criteria.max_pool_size, criteria.max_acceptance_number,
      criteria.include_double_stage && criteria.aql ? ", and double-stage plans" : "", criteria.max_pools,
      criteria.max_seeds ? fmt::format(" and {} seeds", *criteria.max_seeds) : "", targets, criteria.cost_per_assay,
      criteria.cost_per_seed);
  if (criteria.include_double_stage && !criteria.aql) {
    explanation += " Double-stage plans need an AQL: without a producer-risk target a single-stage plan is cheaper.";
  }
  if (found.empty()) {
    explanation +=
        " No plan within these limits meets the risks: allow more pools or seeds, larger pools, a higher "
        "acceptance number, or wider risks.";
  } else {
    explanation += fmt::format(" Cheapest: {} Cost {:.6g}.", describe(found.front().plan), found.front().cost);
  }
  json::object echoed{{"lql", criteria.lql},
                      {"max_consumer_risk", criteria.max_consumer_risk},
                      {"aql", optional_number(criteria.aql)},
                      {"max_producer_risk", criteria.max_producer_risk},
                      {"cost_per_assay", criteria.cost_per_assay},
                      {"cost_per_seed", criteria.cost_per_seed},
                      {"max_pool_size", criteria.max_pool_size},
                      {"lod", optional_number(limit.lod)},
                      {"false_positive_rate", criteria.errors.false_positive},
                      {"false_negative_rate", criteria.errors.false_negative},
                      {"max_pools", criteria.max_pools},
                      {"max_seeds", criteria.max_seeds ? json::value(*criteria.max_seeds) : nullptr},
                      {"max_acceptance_number", criteria.max_acceptance_number},
                      {"include_double_stage", criteria.include_double_stage},
                      {"limit", criteria.limit}};
  return json::value(json::object{{"status", found.empty() ? "none_found" : "found"},
                                  {"criteria", std::move(echoed)},
                                  {"plans", std::move(plans)},
                                  {"explanation", explanation}});
}

ServiceResult seeds_for_detection(const json::value& request, const CropTable& crops) {
  JsonRequest in(request);
  domain::DetectionRequirement requirement;
  requirement.proportion = in.number("proportion", std::nullopt, 0.0, 1.0, true);
  requirement.confidence = in.number("confidence", 0.95, 0.0, 1.0, true);
  requirement.pool_size = in.integer("pool_size", 1LL, 1, most_pool_size);
  requirement.acceptance_number = in.integer("acceptance_number", 0LL, 0, most_acceptance);
  requirement.errors = read_assay_errors(in);
  std::string crop_id = in.string("crop", std::string(), {}, 100);
  auto given_weight = in.optional_number("thousand_kernel_weight_g", 0.0, 10'000.0, true);
  auto sample_mass = in.optional_number("sample_mass_g", 0.0, 1e9);
  in.reject_unknown({"proportion", "confidence", "pool_size", "acceptance_number", "false_positive_rate",
                     "false_negative_rate", "crop", "thousand_kernel_weight_g", "sample_mass_g"});
  if (!in.ok()) return *in.error();
  const Crop* crop = crop_id.empty() ? nullptr : crops.find(crop_id);
  if (!crop_id.empty() && !crop) return domain::FieldError{"crop", "is not a known crop (see /api/v1/lab/crops)"};
  if (sample_mass && !crop && !given_weight) {
    return domain::FieldError{"sample_mass_g", "needs crop or thousand_kernel_weight_g to count its seeds"};
  }
  auto detected = domain::sample_to_detect(requirement);
  if (const auto* error = domain::error_of(detected)) return *error;
  const auto& sample = std::get<domain::DetectionSample>(detected);

  SamplingPlan plan =
      sample.pool_size == 1
          ? SamplingPlan{domain::IndividualSeedPlan{sample.pools, requirement.acceptance_number, requirement.errors}}
          : SamplingPlan{
                domain::PooledPlan{sample.pools, sample.pool_size, requirement.acceptance_number, requirement.errors}};
  std::string explanation = fmt::format(
      "To detect a GM fraction of {} with {} confidence: {} A lot at {} is then accepted with probability {}.",
      percent(requirement.proportion), percent(requirement.confidence), describe(plan), percent(requirement.proportion),
      percent(sample.acceptance_probability));
  explanation += describe_errors(requirement.errors);

  json::value mass = nullptr;
  json::value in_sample = nullptr;
  std::optional<double> weight = given_weight;
  if (!weight && crop) weight = crop->typical_g;
  if (weight) {
    auto converted = domain::sample_mass_grams(sample.seeds, *weight);
    if (const auto* error = domain::error_of(converted)) return *error;
    double grams = std::get<double>(converted);
    json::value low = nullptr;
    json::value high = nullptr;
    std::string basis = given_weight ? "given" : "crop_typical";
    explanation += fmt::format(" At {:.4g} g per 1000 seeds ({}) the sample weighs {:.4g} g", *weight,
                               given_weight ? "as given" : "typical for " + crop->scientific_name, grams);
    if (!given_weight) {
      double grams_low = std::get<double>(domain::sample_mass_grams(sample.seeds, crop->min_g));
      double grams_high = std::get<double>(domain::sample_mass_grams(sample.seeds, crop->max_g));
      low = grams_low;
      high = grams_high;
      explanation += fmt::format(" ({:.4g} to {:.4g} g over the crop's range of seed weights)", grams_low, grams_high);
    }
    explanation += ".";
    json::value crop_json = nullptr;
    if (crop) {
      crop_json = json::object{{"id", crop->id},
                               {"scientific_name", crop->scientific_name},
                               {"common_names", crop->record.at("common_names")},
                               {"verified", crop->verified}};
    }
    mass = json::object{{"thousand_kernel_weight_g", *weight},
                        {"basis", basis},
                        {"grams", grams},
                        {"grams_min", low},
                        {"grams_max", high},
                        {"crop", crop_json}};
    if (sample_mass) {
      auto counted = domain::seeds_in_mass(*sample_mass, *weight);
      if (const auto* error = domain::error_of(counted)) return *error;
      long long held = std::get<long long>(counted);
      bool sufficient = held >= sample.seeds;
      in_sample = json::object{{"grams", *sample_mass}, {"seeds", held}, {"sufficient", sufficient}};
      explanation += fmt::format(" A sample of {:.4g} g holds about {} seeds: {}.", *sample_mass, held,
                                 sufficient ? "enough" : "not enough");
    }
  }
  return json::value(json::object{{"proportion", requirement.proportion},
                                  {"confidence", requirement.confidence},
                                  {"seeds", sample.seeds},
                                  {"pools", sample.pools},
                                  {"pool_size", sample.pool_size},
                                  {"acceptance_number", requirement.acceptance_number},
                                  {"acceptance_probability", sample.acceptance_probability},
                                  {"plan", plan_json(plan)},
                                  {"mass", std::move(mass)},
                                  {"sample", std::move(in_sample)},
                                  {"explanation", explanation}});
}

ServiceResult list_crops(const json::value& request, const CropTable& crops) {
  JsonRequest in(request);
  std::string id = in.string("id", std::string(), {}, 100);
  in.reject_unknown({"id"});
  if (!in.ok()) return *in.error();
  json::array listed;
  for (const auto& crop : crops.crops()) {
    if (id.empty() || crop.id == id) listed.push_back(crop.record);
  }
  if (!id.empty() && listed.empty()) return domain::FieldError{"id", "is not a known crop"};
  return json::value(
      json::object{{"version", crops.version()}, {"unit", "g per 1000 seeds"}, {"crops", std::move(listed)}});
}

}  // namespace lmo::services
