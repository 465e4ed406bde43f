#include "services/quantification_service.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "domain/compliance_decision.hpp"
#include "domain/digital_pcr.hpp"
#include "domain/gm_percent.hpp"
#include "domain/standard_curve.hpp"

namespace lmo::services {

namespace json = boost::json;
using domain::FieldError;

namespace {

constexpr std::size_t max_calibrants = 1000;
constexpr std::size_t max_replicates = 1000;
constexpr const char* acceptance_source =
    "ENGL, Definition of minimum performance requirements for analytical methods of GMO testing (2015), "
    "https://gmo-crl.jrc.ec.europa.eu/guidance-documents";

// ---- formatting -------------------------------------------------------------------------

// `digits` significant digits, in plain notation between 1e-4 and 1e12 (25400 rather than
// 2.54e+04), without trailing zeros.
std::string number_text(double value, int digits = 4) {
  const double magnitude = std::fabs(value);
  if (magnitude != 0 && (magnitude < 1e-4 || magnitude >= 1e12)) return fmt::format("{:.{}g}", value, digits);
  int exponent = magnitude == 0 ? 0 : static_cast<int>(std::floor(std::log10(magnitude)));
  std::string text = fmt::format("{:.{}f}", value, std::max(0, digits - 1 - exponent));
  if (text.find('.') != std::string::npos) {
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') text.pop_back();
  }
  return text == "-0" ? "0" : text;
}

// The fewest significant digits (at least 4) that keep two different numbers apart in text, so
// that a shown inequality never reads "0.9 > 0.9".
int digits_to_separate(double a, double b) {
  for (int digits = 4; digits < 17; ++digits) {
    if (a == b || number_text(a, digits) != number_text(b, digits)) return digits;
  }
  return 17;
}

std::string capitalized(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

json::value nullable(const std::optional<double>& value) { return value ? json::value(*value) : json::value(nullptr); }

json::object bounded_json(const domain::BoundedEstimate& value) {
  return {{"estimate", nullable(value.estimate)}, {"lower", nullable(value.lower)}, {"upper", nullable(value.upper)}};
}

// A domain error about a part of the request, moved under the part's place in the request:
// "points[2].cq" of the event curve becomes "event_curve[2].cq".
FieldError relocated(const FieldError& error, std::string_view domain_name, std::string_view request_name) {
  std::string field = error.field;
  if (field.rfind(domain_name, 0) == 0) field = std::string(request_name) + field.substr(domain_name.size());
  return {field, error.message};
}

FieldError nested(const FieldError& error, std::string_view parent) {
  return {error.field.empty() ? std::string(parent) : std::string(parent) + "." + error.field, error.message};
}

// ---- qPCR -------------------------------------------------------------------------------

struct TargetInput {
  std::string curve_field;  // where its curve is in the request
  std::vector<domain::CalibrantPoint> points;
  std::vector<double> cq;
};

std::vector<domain::CalibrantPoint> read_calibrants(JsonRequest& request, std::string_view name) {
  std::vector<domain::CalibrantPoint> points;
  const auto* items = request.array(name, true, max_calibrants);
  if (!items) return points;
  for (std::size_t i = 0; i < items->size() && request.ok(); ++i) {
    JsonRequest point((*items)[i], request.field_path(fmt::format("{}[{}]", name, i)));
    double copies = point.number("copies", std::nullopt, 0, 1e15, true);
    double cq = point.number("cq", std::nullopt, 0, 60, true);
    point.reject_unknown({"copies", "cq"});
    if (point.error()) request.fail(point.error()->field, point.error()->message);
    points.push_back({copies, cq});
  }
  return points;
}

domain::StandardCurveAcceptance read_acceptance(JsonRequest& request) {
  domain::StandardCurveAcceptance acceptance;
  if (!request.has("acceptance")) return acceptance;
  JsonRequest criteria(request.root()->at("acceptance"), request.field_path("acceptance"));
  acceptance.min_efficiency = criteria.number("min_efficiency_percent", 90, 0, 1000) / 100;
  acceptance.max_efficiency = criteria.number("max_efficiency_percent", 110, 0, 1000) / 100;
  acceptance.min_r_squared = criteria.number("min_r_squared", 0.98, 0, 1);
  criteria.reject_unknown({"min_efficiency_percent", "max_efficiency_percent", "min_r_squared"});
  if (criteria.ok() && acceptance.max_efficiency < acceptance.min_efficiency) {
    criteria.fail("max_efficiency_percent", "must be at least min_efficiency_percent");
  }
  if (criteria.error()) request.fail(criteria.error()->field, criteria.error()->message);
  return acceptance;
}

json::object curve_json(const domain::StandardCurve& curve, const std::vector<domain::CalibrantPoint>& points) {
  json::array calibrants;
  for (const auto& point : points) {
    double log10_copies = std::log10(point.copies);
    double fitted = domain::fitted_cq(curve, log10_copies);
    calibrants.push_back({{"copies", point.copies},
                          {"log10_copies", log10_copies},
                          {"cq", point.cq},
                          {"fitted_cq", fitted},
                          {"residual", point.cq - fitted}});
  }
  json::array warnings;
  for (auto warning : curve.warnings) warnings.emplace_back(domain::curve_warning_code(warning));
  return {{"slope", curve.slope},
          {"intercept", curve.intercept},
          {"r_squared", curve.r_squared},
          {"efficiency_percent", 100 * curve.efficiency},
          {"residual_standard_error", curve.residual_standard_error},
          {"point_count", curve.points},
          {"level_count", curve.levels},
          {"status", curve.warnings.empty() ? "accepted" : "outside_acceptance"},
          {"warnings", std::move(warnings)},
          {"calibrants", std::move(calibrants)},
          {"line",
           {{"log10_copies_min", curve.min_log10_copies},
            {"cq_at_min", domain::fitted_cq(curve, curve.min_log10_copies)},
            {"log10_copies_max", curve.max_log10_copies},
            {"cq_at_max", domain::fitted_cq(curve, curve.max_log10_copies)}}}};
}

struct TargetResult {
  json::object json;
  double mean_copies = 0;
  bool extrapolated = false;
};

domain::Checked<TargetResult> quantify_target(const domain::StandardCurve& curve,
                                              const std::vector<domain::CalibrantPoint>& points,
                                              const std::vector<double>& cq, std::string_view cq_field) {
  TargetResult result;
  json::array replicates;
  double sum_copies = 0;
  double sum_cq = 0;
  for (std::size_t i = 0; i < cq.size(); ++i) {
    auto estimate = domain::copies_from_cq(curve, cq[i]);
    if (const auto* error = domain::error_of(estimate)) {
      return FieldError{fmt::format("{}[{}]", cq_field, i), error->message};
    }
    const auto& copies = std::get<domain::CopiesEstimate>(estimate);
    replicates.push_back({{"cq", copies.cq},
                          {"copies", copies.copies},
                          {"log10_copies", copies.log10_copies},
                          {"extrapolated", copies.extrapolated}});
    sum_copies += copies.copies;
    sum_cq += copies.cq;
    result.extrapolated = result.extrapolated || copies.extrapolated;
  }
  const double n = static_cast<double>(cq.size());
  result.mean_copies = sum_copies / n;
  result.json = {{"curve", curve_json(curve, points)},
                 {"replicates", std::move(replicates)},
                 {"mean_cq", sum_cq / n},
                 {"mean_copies", result.mean_copies},
                 {"extrapolated", result.extrapolated}};
  return result;
}

std::string curve_warning_text(domain::CurveWarning warning, const domain::StandardCurve& curve,
                               const domain::StandardCurveAcceptance& acceptance) {
  switch (warning) {
    case domain::CurveWarning::efficiency_below_range:
      return fmt::format("efficiency {} % is below {} %", number_text(100 * curve.efficiency, 3),
                         number_text(100 * acceptance.min_efficiency));
    case domain::CurveWarning::efficiency_above_range:
      return fmt::format("efficiency {} % is above {} %", number_text(100 * curve.efficiency, 3),
                         number_text(100 * acceptance.max_efficiency));
    case domain::CurveWarning::r_squared_below_minimum:
      return fmt::format("R² {} is below {}", number_text(curve.r_squared, 4), number_text(acceptance.min_r_squared));
  }
  return "";
}

}  // namespace

ServiceResult quantify_qpcr(const json::value& body) {
  JsonRequest request(body);
  request.reject_unknown({"curve", "event_curve", "reference_curve", "event_cq", "reference_cq", "acceptance"});
  const bool shared = request.has("curve");
  if (request.ok() && shared && (request.has("event_curve") || request.has("reference_curve"))) {
    request.fail("curve", "must not be combined with event_curve or reference_curve");
  }
  if (request.ok() && !shared && !request.has("event_curve") && !request.has("reference_curve")) {
    request.fail("curve", "is required (or event_curve and reference_curve)");
  }
  TargetInput event{shared ? "curve" : "event_curve", {}, {}};
  TargetInput reference{shared ? "curve" : "reference_curve", {}, {}};
  event.points = read_calibrants(request, event.curve_field);
  if (!shared) reference.points = read_calibrants(request, reference.curve_field);
  event.cq = request.numbers("event_cq", 0, 60, 1, max_replicates, true);
  reference.cq = request.numbers("reference_cq", 0, 60, 1, max_replicates, true);
  auto acceptance = read_acceptance(request);
  if (request.error()) return *request.error();

  auto event_fit = domain::fit_standard_curve(event.points, acceptance);
  if (const auto* error = domain::error_of(event_fit)) return relocated(*error, "points", event.curve_field);
  const auto event_curve = std::get<domain::StandardCurve>(event_fit);
  auto reference_curve = event_curve;
  if (!shared) {
    auto reference_fit = domain::fit_standard_curve(reference.points, acceptance);
    if (const auto* error = domain::error_of(reference_fit)) return relocated(*error, "points", reference.curve_field);
    reference_curve = std::get<domain::StandardCurve>(reference_fit);
  }
  auto event_result = quantify_target(event_curve, event.points, event.cq, "event_cq");
  if (const auto* error = domain::error_of(event_result)) return *error;
  auto reference_result =
      quantify_target(reference_curve, shared ? event.points : reference.points, reference.cq, "reference_cq");
  if (const auto* error = domain::error_of(reference_result)) return *error;
  auto& e = std::get<TargetResult>(event_result);
  auto& r = std::get<TargetResult>(reference_result);
  auto percent = domain::gm_percent(e.mean_copies, r.mean_copies);
  if (domain::error_of(percent))
    return FieldError{"reference_cq", "give no measurable reference copies, so GM % is undefined"};
  const double gm = std::get<double>(percent);

  json::array warnings;
  std::vector<std::string> warning_texts;
  auto add_curve_warnings = [&](const domain::StandardCurve& curve, const char* target) {
    for (auto warning : curve.warnings) {
      warnings.push_back({{"code", domain::curve_warning_code(warning)}, {"target", target}});
      warning_texts.push_back(fmt::format("{} curve: {}", target, curve_warning_text(warning, curve, acceptance)));
    }
  };
  add_curve_warnings(event_curve, shared ? "shared" : "event");
  if (!shared) add_curve_warnings(reference_curve, "reference");
  for (auto [result, target] : {std::pair{&e, "event"}, std::pair{&r, "reference"}}) {
    if (!result->extrapolated) continue;
    warnings.push_back({{"code", "extrapolated"}, {"target", target}});
    warning_texts.push_back(fmt::format("{} copies: at least one Cq lies outside the calibrated range", target));
  }
  if (gm > 100) {
    warnings.push_back({{"code", "gm_percent_above_100"}, {"target", "event"}});
    warning_texts.push_back("more event than reference copies: check the reference target and the curves");
  }
  std::string explanation =
      fmt::format("GM % = 100 × mean event copies / mean reference copies = 100 × {} / {} = {} %.",
                  number_text(e.mean_copies), number_text(r.mean_copies), number_text(gm));
  if (!warning_texts.empty()) {
    explanation += " Warnings: ";
    for (std::size_t i = 0; i < warning_texts.size(); ++i) explanation += (i ? "; " : "") + warning_texts[i];
    explanation += ".";
  }
  return json::value{{"shared_curve", shared},
                     {"acceptance",
                      {{"min_efficiency_percent", 100 * acceptance.min_efficiency},
                       {"max_efficiency_percent", 100 * acceptance.max_efficiency},
                       {"min_r_squared", acceptance.min_r_squared},
                       {"source", acceptance_source}}},
                     {"event", std::move(e.json)},
                     {"reference", std::move(r.json)},
                     {"gm_percent", gm},
                     {"warnings", std::move(warnings)},
                     {"explanation", std::move(explanation)}};
}

// ---- digital PCR ------------------------------------------------------------------------

namespace {

domain::PartitionRun read_run(JsonRequest& request, std::string_view name) {
  domain::PartitionRun run;
  if (!request.ok()) return run;
  if (!request.has(name)) {
    request.fail(name, "is required");
    return run;
  }
  JsonRequest part(request.root()->at(name), request.field_path(name));
  run.positive = part.integer("positive", std::nullopt, 0, 1'000'000'000);
  run.partitions = part.integer("partitions", std::nullopt, 1, 1'000'000'000);
  run.partition_volume_nl = part.number("partition_volume_nl", std::nullopt, 0, 1e6);
  run.reaction_volume_ul = part.optional_number("reaction_volume_ul", 0, 1e9);
  run.dilution_factor = part.number("dilution_factor", 1.0, 0, 1e15);
  part.reject_unknown({"positive", "partitions", "partition_volume_nl", "reaction_volume_ul", "dilution_factor"});
  if (part.error()) request.fail(part.error()->field, part.error()->message);
  return run;
}

json::object run_json(const domain::PartitionRun& run, const domain::DigitalPcrQuantity& quantity) {
  return {{"positive", run.positive},
          {"partitions", run.partitions},
          {"partition_volume_nl", run.partition_volume_nl},
          {"dilution_factor", run.dilution_factor},
          {"status", domain::partition_status_code(quantity.status)},
          {"fraction_positive", quantity.fraction_positive},
          {"analysed_volume_ul", quantity.analysed_volume_ul},
          {"reaction_volume_ul", quantity.reaction_volume_ul},
          {"copies_per_partition", bounded_json(quantity.copies_per_partition)},
          {"copies_per_ul", bounded_json(quantity.copies_per_ul)},
          {"copies_in_reaction", bounded_json(quantity.copies_in_reaction)},
          {"sample_copies_per_ul", bounded_json(quantity.sample_copies_per_ul)}};
}

std::string run_text(const char* target, const domain::PartitionRun& run, const domain::DigitalPcrQuantity& q) {
  const std::string level = number_text(100 * q.confidence, 3);
  switch (q.status) {
    case domain::PartitionStatus::saturated:
      return fmt::format(
          "{}: all {} partitions are positive, so the load is above the measurable range; "
          "at least {} copies/µL ({} % lower limit).",
          target, run.partitions, number_text(*q.copies_per_ul.lower), level);
    case domain::PartitionStatus::not_detected:
      return fmt::format("{}: no positive partition among {}; at most {} copies/µL ({} % upper limit).", target,
                         run.partitions, number_text(*q.copies_per_ul.upper), level);
    case domain::PartitionStatus::quantified:
      break;
  }
  return fmt::format(
      "{}: λ = −ln(1 − {}/{}) = {} copies per partition of {} nL = {} copies/µL "
      "({} % Clopper–Pearson interval {} to {}).",
      target, run.positive, run.partitions, number_text(*q.copies_per_partition.estimate),
      number_text(run.partition_volume_nl), number_text(*q.copies_per_ul.estimate), level,
      number_text(*q.copies_per_ul.lower), number_text(*q.copies_per_ul.upper));
}

std::string gm_text(const domain::DigitalGmPercent& gm) {
  const std::string level = number_text(100 * gm.confidence, 3);
  const std::string each = number_text(100 * gm.per_target_confidence, 4);
  switch (gm.status) {
    case domain::DigitalGmStatus::reference_not_detected:
      return "GM %: the reference target was not detected, so GM % is undefined.";
    case domain::DigitalGmStatus::reference_saturated:
      return fmt::format("GM %: the reference target is saturated, so GM % has no estimate; at most {} % ({} %).",
                         number_text(*gm.percent.upper), level);
    case domain::DigitalGmStatus::target_saturated:
      return fmt::format("GM %: the target is saturated, so GM % has no estimate; at least {} % ({} %).",
                         number_text(*gm.percent.lower), level);
    case domain::DigitalGmStatus::quantified:
      break;
  }
  return fmt::format(
      "GM % = 100 × target / reference concentration = {} %; {} % interval {} to {} % "
      "(ratio of opposite limits of each target's {} % interval).",
      number_text(*gm.percent.estimate), level, number_text(*gm.percent.lower), number_text(*gm.percent.upper), each);
}

}  // namespace

ServiceResult quantify_dpcr(const json::value& body) {
  JsonRequest request(body);
  request.reject_unknown({"target", "reference", "confidence"});
  auto target = read_run(request, "target");
  const bool with_reference = request.has("reference");
  domain::PartitionRun reference;
  if (with_reference) reference = read_run(request, "reference");
  double confidence = request.number("confidence", 0.95, 0, 1, true);
  if (request.error()) return *request.error();

  auto target_quantity = domain::quantify_partitions(target, confidence);
  if (const auto* error = domain::error_of(target_quantity)) return nested(*error, "target");
  const auto& t = std::get<domain::DigitalPcrQuantity>(target_quantity);
  json::object response{
      {"interval_method", "clopper_pearson"}, {"confidence", confidence}, {"target", run_json(target, t)}};
  std::string explanation = run_text("target", target, t);
  if (with_reference) {
    auto reference_quantity = domain::quantify_partitions(reference, confidence);
    if (const auto* error = domain::error_of(reference_quantity)) return nested(*error, "reference");
    const auto& r = std::get<domain::DigitalPcrQuantity>(reference_quantity);
    response["reference"] = run_json(reference, r);
    explanation += " " + run_text("reference", reference, r);
    auto gm_result = domain::dpcr_gm_percent(target, reference, confidence);
    if (const auto* error = domain::error_of(gm_result)) return *error;
    const auto& gm = std::get<domain::DigitalGmPercent>(gm_result);
    json::object gm_json = bounded_json(gm.percent);
    gm_json["status"] = domain::digital_gm_status_code(gm.status);
    gm_json["confidence"] = gm.confidence;
    gm_json["per_target_confidence"] = gm.per_target_confidence;
    gm_json["interval_method"] = "bonferroni_clopper_pearson_ratio";
    response["gm_percent"] = std::move(gm_json);
    explanation += " " + gm_text(gm);
  }
  response["explanation"] = std::move(explanation);
  return json::value(std::move(response));
}

// ---- compliance decision ----------------------------------------------------------------

namespace {

std::optional<domain::UncertaintyComponent> read_component(JsonRequest& request, const char* relative_name,
                                                           const char* absolute_name) {
  auto relative = request.optional_number(relative_name, 0, 1000);
  auto absolute = request.optional_number(absolute_name, 0, 1e6);
  if (relative && absolute) {
    request.fail(absolute_name, fmt::format("must not be given together with {}", relative_name));
    return std::nullopt;
  }
  if (relative) return domain::UncertaintyComponent{*relative, true};
  if (absolute) return domain::UncertaintyComponent{*absolute, false};
  return std::nullopt;
}

json::object threshold_json(const JurisdictionThreshold* known, const domain::ComplianceThreshold& threshold) {
  json::object out{{"id", known ? json::value(known->id) : json::value(nullptr)},
                   {"kind", threshold.kind == domain::ThresholdKind::percent ? "percent" : "presence"},
                   {"percent", threshold.kind == domain::ThresholdKind::percent ? json::value(threshold.percent)
                                                                                : json::value(nullptr)}};
  if (known) {
    for (const char* key :
         {"jurisdiction", "name", "applies_to", "scope", "legal_basis", "source", "retrieved", "verified"}) {
      out[key] = known->record.at(key);
    }
  }
  return out;
}

struct Reasoning {
  json::value inequality;
  std::string explanation;
};

Reasoning reasoning(const domain::ComplianceDecision& decision, const domain::MeasurementResult& result,
                    const domain::ComplianceThreshold& threshold, const std::string& threshold_name) {
  using domain::DecidingRule;
  const double t = threshold.percent;
  auto against_threshold = [&](const std::string& inequality, const std::string& conclusion) {
    return Reasoning{json::value(inequality),
                     fmt::format("The result x = {} % with expanded uncertainty U = {} (k = {}) gives {}: {}.",
                                 *result.value, number_text(decision.uncertainty->expanded),
                                 number_text(decision.uncertainty->coverage_factor), inequality, conclusion)};
  };
  switch (decision.rule) {
    case DecidingRule::lower_limit_above_threshold: {
      const int digits = digits_to_separate(*decision.lower, t);
      return against_threshold(
          fmt::format("x − U = {} > T = {}", number_text(*decision.lower, digits), number_text(t, digits)),
          fmt::format("above {} beyond reasonable doubt", threshold_name));
    }
    case DecidingRule::upper_limit_within_threshold: {
      const int digits = digits_to_separate(*decision.upper, t);
      return against_threshold(
          fmt::format("x + U = {} ≤ T = {}", number_text(*decision.upper, digits), number_text(t, digits)),
          fmt::format("at or below {} even allowing for the measurement uncertainty", threshold_name));
    }
    case DecidingRule::interval_includes_threshold: {
      const int digits = std::max(digits_to_separate(*decision.lower, t), digits_to_separate(*decision.upper, t));
      return against_threshold(
          fmt::format("x − U = {} ≤ T = {} < x + U = {}", number_text(*decision.lower, digits), number_text(t, digits),
                      number_text(*decision.upper, digits)),
          fmt::format("the interval x ± U contains {}, so the result is neither above nor below it beyond "
                      "reasonable doubt",
                      threshold_name));
    }
    case DecidingRule::presence_confirmed:
      return {json::value(nullptr),
              fmt::format("{} tolerates no presence: {} exceeds it.", capitalized(threshold_name),
                          result.value ? fmt::format("the quantified result x = {} %", *result.value)
                                       : std::string("the confirmed identification"))};
    case DecidingRule::below_detection_limit:
      if (result.value && result.lod && *result.value < *result.lod) {
        const int digits = digits_to_separate(*result.value, *result.lod);
        std::string inequality =
            fmt::format("x = {} < LOD = {}", number_text(*result.value, digits), number_text(*result.lod, digits));
        return {json::value(inequality), fmt::format("{}: below the limit of detection, so not detected.", inequality)};
      }
      return {json::value(nullptr), "The event was not detected."};
  }
  return {json::value(nullptr), ""};
}

}  // namespace

ServiceResult decide_compliance(const json::value& body, const ThresholdTable& thresholds) {
  JsonRequest request(body);
  request.reject_unknown({"result", "value", "lod", "rsd_precision", "u_precision", "rsd_bias", "u_bias",
                          "coverage_factor", "threshold", "threshold_percent"});
  auto outcome_name = request.string("result", "quantified", {"quantified", "identified", "not_detected"});
  domain::MeasurementResult result;
  result.outcome = outcome_name == "identified"     ? domain::MeasurementOutcome::identified
                   : outcome_name == "not_detected" ? domain::MeasurementOutcome::not_detected
                                                    : domain::MeasurementOutcome::quantified;
  result.value = request.optional_number("value", 0, 1e6);
  result.lod = request.optional_number("lod", 0, 1e6);
  auto precision = read_component(request, "rsd_precision", "u_precision");
  auto bias = read_component(request, "rsd_bias", "u_bias");
  double coverage_factor = request.number("coverage_factor", 2.0, 0, 10);
  if (request.ok() && precision && !bias)
    request.fail("rsd_bias", "or u_bias is required with a precision (0 when negligible)");
  if (request.ok() && bias && !precision) request.fail("rsd_precision", "or u_precision is required with a bias");
  if (precision && bias) result.budget = domain::UncertaintyBudget{*precision, *bias, coverage_factor};

  auto threshold_id = request.string("threshold", std::string(), {}, 100);
  auto threshold_percent = request.optional_number("threshold_percent", 0, 100);
  const JurisdictionThreshold* known = nullptr;
  domain::ComplianceThreshold threshold;
  if (request.ok()) {
    if (!threshold_id.empty() && threshold_percent) {
      request.fail("threshold_percent", "must not be given together with threshold");
    } else if (!threshold_id.empty()) {
      known = thresholds.find(threshold_id);
      if (!known)
        request.fail("threshold", "is not a known threshold id (see GET /api/v1/lab/thresholds)");
      else
        threshold = known->threshold;
    } else if (threshold_percent) {
      threshold = {domain::ThresholdKind::percent, *threshold_percent};
    } else {
      request.fail("threshold", "is required (a threshold id, or threshold_percent)");
    }
  }
  if (request.error()) return *request.error();

  auto decided = domain::decide_compliance(result, threshold);
  if (const auto* error = domain::error_of(decided)) return *error;
  const auto& decision = std::get<domain::ComplianceDecision>(decided);
  std::string threshold_name = known ? fmt::format("the threshold '{}'", known->id) : std::string("the threshold");
  if (threshold.kind == domain::ThresholdKind::percent) {
    threshold_name += fmt::format(" (T = {} %)", number_text(threshold.percent));
  }
  auto why = reasoning(decision, result, threshold, threshold_name);
  json::value uncertainty = nullptr;
  if (decision.uncertainty) {
    const auto& u = *decision.uncertainty;
    uncertainty = {{"u_precision", u.precision},
                   {"u_bias", u.bias},
                   {"u_combined", u.combined},
                   {"coverage_factor", u.coverage_factor},
                   {"expanded", u.expanded}};
  }
  json::value interval = nullptr;
  if (decision.lower) interval = {{"lower", *decision.lower}, {"upper", *decision.upper}};
  return json::value{{"decision", domain::verdict_code(decision.verdict)},
                     {"rule", domain::deciding_rule_code(decision.rule)},
                     {"result", outcome_name},
                     {"value", nullable(result.value)},
                     {"lod", nullable(result.lod)},
                     {"uncertainty", std::move(uncertainty)},
                     {"interval", std::move(interval)},
                     {"threshold", threshold_json(known, threshold)},
                     {"inequality", std::move(why.inequality)},
                     {"explanation", std::move(why.explanation)}};
}

ServiceResult list_thresholds(const ThresholdTable& thresholds) {
  json::array records;
  for (const auto& threshold : thresholds.all()) records.push_back(threshold.record);
  return json::value{{"version", thresholds.version()}, {"thresholds", std::move(records)}};
}

}  // namespace lmo::services
