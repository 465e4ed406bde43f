// Compliance decision for a GM content result against a jurisdiction's threshold, with the
// measurement uncertainty taken into account: combined standard uncertainty
// u_c = √(u_precision² + u_bias²) (components absolute, or relative standard deviations in % of
// the value), expanded U = k·u_c (k = 2 by default). Against a percentage threshold T the
// result is non-compliant beyond reasonable doubt when x − U > T, compliant when x + U ≤ T, and
// inconclusive otherwise. Against a presence threshold (zero tolerance for unauthorised events,
// qualitative labelling) any confirmed identification exceeds it. A result below the limit of
// detection is "not detected". Field names in errors are those of the API request.
#pragma once

#include <optional>

#include "domain/field_error.hpp"

namespace lmo::domain {

struct UncertaintyComponent {
  double amount = 0;
  bool relative = false;  // true: a relative standard deviation in % of the value
};

struct UncertaintyBudget {
  UncertaintyComponent precision;  // fields "rsd_precision" (relative) or "u_precision" (absolute)
  UncertaintyComponent bias;       // fields "rsd_bias" or "u_bias"
  double coverage_factor = 2;
};

struct MeasurementUncertainty {
  double precision = 0;  // absolute standard uncertainties, in the unit of the value
  double bias = 0;
  double combined = 0;
  double coverage_factor = 2;
  double expanded = 0;
};

// value finite, ≥ 0; amounts finite, ≥ 0 (relative ones at most 1000 %); coverage factor in (0, 10].
Checked<MeasurementUncertainty> combine_uncertainty(double value, const UncertaintyBudget& budget);

enum class ThresholdKind { percent, presence };

struct ComplianceThreshold {
  ThresholdKind kind = ThresholdKind::percent;
  double percent = 0;  // only for ThresholdKind::percent; in [0, 100]
};

enum class MeasurementOutcome { quantified, identified, not_detected };

struct MeasurementResult {
  MeasurementOutcome outcome = MeasurementOutcome::quantified;
  std::optional<double> value;              // GM %; required when quantified
  std::optional<double> lod;                // a quantified value below it counts as not detected
  std::optional<UncertaintyBudget> budget;  // required for a quantified value against a percentage threshold
};

enum class Verdict { compliant, non_compliant, inconclusive, not_detected };

// Which comparison decided: the inequality shown to the user.
enum class DecidingRule {
  lower_limit_above_threshold,   // x − U > T
  upper_limit_within_threshold,  // x + U ≤ T
  interval_includes_threshold,   // x − U ≤ T < x + U
  presence_confirmed,            // presence threshold, event identified
  below_detection_limit,         // not detected, or value < LOD
};

struct ComplianceDecision {
  Verdict verdict = Verdict::inconclusive;
  DecidingRule rule = DecidingRule::interval_includes_threshold;
  std::optional<MeasurementUncertainty> uncertainty;
  std::optional<double> lower;  // x − U
  std::optional<double> upper;  // x + U
};

Checked<ComplianceDecision> decide_compliance(const MeasurementResult& result, const ComplianceThreshold& threshold);

const char* verdict_code(Verdict verdict);
const char* deciding_rule_code(DecidingRule rule);

}  // namespace lmo::domain
