#include "domain/compliance_decision.hpp"

#include <cmath>

namespace lmo::domain {

namespace {

std::optional<FieldError> check_component(const UncertaintyComponent& component, const char* relative_field,
                                          const char* absolute_field) {
  if (!std::isfinite(component.amount) || component.amount < 0) {
    return FieldError{component.relative ? relative_field : absolute_field, "must be a finite number of at least 0"};
  }
  if (component.relative && component.amount > 1000) {
    return FieldError{relative_field, "must be at most 1000 (per cent of the value)"};
  }
  return std::nullopt;
}

double absolute_amount(const UncertaintyComponent& component, double value) {
  return component.relative ? value * component.amount / 100.0 : component.amount;
}

bool valid_non_negative(double number) { return std::isfinite(number) && number >= 0; }

}  // namespace

Checked<MeasurementUncertainty> combine_uncertainty(double value, const UncertaintyBudget& budget) {
  if (!valid_non_negative(value)) return FieldError{"value", "must be a finite number of at least 0"};
  if (auto error = check_component(budget.precision, "rsd_precision", "u_precision")) return *error;
  if (auto error = check_component(budget.bias, "rsd_bias", "u_bias")) return *error;
  if (!std::isfinite(budget.coverage_factor) || budget.coverage_factor <= 0 || budget.coverage_factor > 10) {
    return FieldError{"coverage_factor", "must be greater than 0 and at most 10"};
  }
  MeasurementUncertainty uncertainty;
  uncertainty.precision = absolute_amount(budget.precision, value);
  uncertainty.bias = absolute_amount(budget.bias, value);
  uncertainty.combined = std::hypot(uncertainty.precision, uncertainty.bias);
  uncertainty.coverage_factor = budget.coverage_factor;
  uncertainty.expanded = budget.coverage_factor * uncertainty.combined;
  return uncertainty;
}

Checked<ComplianceDecision> decide_compliance(const MeasurementResult& result, const ComplianceThreshold& threshold) {
  if (threshold.kind == ThresholdKind::percent &&
      (!std::isfinite(threshold.percent) || threshold.percent < 0 || threshold.percent > 100)) {
    return FieldError{"threshold_percent", "must be between 0 and 100"};
  }
  if (result.lod && !valid_non_negative(*result.lod)) return FieldError{"lod", "must be a finite number of at least 0"};
  ComplianceDecision decision;
  const bool presence = threshold.kind == ThresholdKind::presence;

  if (result.outcome == MeasurementOutcome::not_detected || result.outcome == MeasurementOutcome::identified) {
    if (result.value) {
      return FieldError{"value",
                        result.outcome == MeasurementOutcome::not_detected
                            ? "must be absent when the result is not_detected"
                            : "must be absent when the result is identified; send result quantified with a value"};
    }
    if (result.outcome == MeasurementOutcome::not_detected) {
      decision.verdict = Verdict::not_detected;
      decision.rule = DecidingRule::below_detection_limit;
      return decision;
    }
    if (!presence) return FieldError{"value", "is required to decide against a percentage threshold"};
    decision.verdict = Verdict::non_compliant;
    decision.rule = DecidingRule::presence_confirmed;
    return decision;
  }

  if (!result.value) return FieldError{"value", "is required when the result is quantified"};
  const double x = *result.value;
  if (!valid_non_negative(x)) return FieldError{"value", "must be a finite number of at least 0"};
  if (result.budget) {
    auto uncertainty = combine_uncertainty(x, *result.budget);
    if (const auto* error = error_of(uncertainty)) return *error;
    decision.uncertainty = std::get<MeasurementUncertainty>(uncertainty);
    decision.lower = x - decision.uncertainty->expanded;
    decision.upper = x + decision.uncertainty->expanded;
  }
  if ((result.lod && x < *result.lod) || (presence && x == 0)) {
    decision.verdict = Verdict::not_detected;
    decision.rule = DecidingRule::below_detection_limit;
    return decision;
  }
  if (presence) {
    decision.verdict = Verdict::non_compliant;
    decision.rule = DecidingRule::presence_confirmed;
    return decision;
  }
  if (!decision.uncertainty) {
    return FieldError{"rsd_precision", "or u_precision is required to decide against a percentage threshold"};
  }
  const double t = threshold.percent;
  if (*decision.lower > t) {
    decision.verdict = Verdict::non_compliant;
    decision.rule = DecidingRule::lower_limit_above_threshold;
  } else if (*decision.upper <= t) {
    decision.verdict = Verdict::compliant;
    decision.rule = DecidingRule::upper_limit_within_threshold;
  } else {
    decision.verdict = Verdict::inconclusive;
    decision.rule = DecidingRule::interval_includes_threshold;
  }
  return decision;
}

const char* verdict_code(Verdict verdict) {
  switch (verdict) {
    case Verdict::compliant:
      return "compliant";
    case Verdict::non_compliant:
      return "non_compliant";
    case Verdict::inconclusive:
      return "inconclusive";
    case Verdict::not_detected:
      return "not_detected";
  }
  return "unknown";
}

const char* deciding_rule_code(DecidingRule rule) {
  switch (rule) {
    case DecidingRule::lower_limit_above_threshold:
      return "lower_limit_above_threshold";
    case DecidingRule::upper_limit_within_threshold:
      return "upper_limit_within_threshold";
    case DecidingRule::interval_includes_threshold:
      return "interval_includes_threshold";
    case DecidingRule::presence_confirmed:
      return "presence_confirmed";
    case DecidingRule::below_detection_limit:
      return "below_detection_limit";
  }
  return "unknown";
}

}  // namespace lmo::domain
