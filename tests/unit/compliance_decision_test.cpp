// Compliance decision: u_c = √(u_precision² + u_bias²), U = k·u_c; the three-way rule against a
// percentage threshold at its exact boundaries (numbers chosen to be exact in binary); a grid
// property (the verdict only moves compliant → inconclusive → non-compliant as x grows);
// presence thresholds (zero tolerance); detection limits; every bad input with its field.
#include "domain/compliance_decision.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace lmo::domain {
namespace {

UncertaintyBudget relative(double rsd_precision, double rsd_bias, double k = 2) {
  return {{rsd_precision, true}, {rsd_bias, true}, k};
}
UncertaintyBudget absolute(double u_precision, double u_bias, double k = 2) {
  return {{u_precision, false}, {u_bias, false}, k};
}
MeasurementResult quantified(double value, std::optional<UncertaintyBudget> budget,
                             std::optional<double> lod = std::nullopt) {
  return {MeasurementOutcome::quantified, value, lod, budget};
}
ComplianceThreshold percent_threshold(double t) { return {ThresholdKind::percent, t}; }
const ComplianceThreshold presence{ThresholdKind::presence, 0};

ComplianceDecision decide_ok(const MeasurementResult& result, const ComplianceThreshold& threshold) {
  auto decision = decide_compliance(result, threshold);
  if (const auto* error = error_of(decision)) ADD_FAILURE() << error->field << ": " << error->message;
  return std::get<ComplianceDecision>(decision);
}

std::string decide_error(const MeasurementResult& result, const ComplianceThreshold& threshold) {
  auto decision = decide_compliance(result, threshold);
  return error_of(decision) ? error_of(decision)->field : "<no error>";
}

TEST(ComplianceDecision, CombinedAndExpandedUncertainty) {
  auto u = std::get<MeasurementUncertainty>(combine_uncertainty(1.1, relative(10, 5)));
  EXPECT_NEAR(u.precision, 0.11, 1e-15);
  EXPECT_NEAR(u.bias, 0.055, 1e-15);
  EXPECT_NEAR(u.combined, std::sqrt(0.11 * 0.11 + 0.055 * 0.055), 1e-15);
  EXPECT_DOUBLE_EQ(u.coverage_factor, 2.0);
  EXPECT_NEAR(u.expanded, 2 * u.combined, 1e-15);

  auto a = std::get<MeasurementUncertainty>(combine_uncertainty(0.7, absolute(0.3, 0.4, 3)));
  EXPECT_DOUBLE_EQ(a.combined, 0.5);  // 3-4-5
  EXPECT_DOUBLE_EQ(a.expanded, 1.5);

  // Mixed: relative precision, absolute bias.
  auto m = std::get<MeasurementUncertainty>(combine_uncertainty(2.0, {{15, true}, {0.4, false}, 2}));
  EXPECT_DOUBLE_EQ(m.precision, 0.3);
  EXPECT_DOUBLE_EQ(m.combined, 0.5);
}

TEST(ComplianceDecision, ExampleValuesAgainstTheEuLabellingThreshold) {
  // 1.1 % ± 2·√(11² + 5.5²)/100 … = 1.1 ± 0.246: straddles 0.9.
  auto straddles = decide_ok(quantified(1.1, relative(10, 5)), percent_threshold(0.9));
  EXPECT_EQ(straddles.verdict, Verdict::inconclusive);
  EXPECT_EQ(straddles.rule, DecidingRule::interval_includes_threshold);
  EXPECT_NEAR(*straddles.lower, 1.1 - 2 * std::hypot(0.11, 0.055), 1e-12);
  EXPECT_NEAR(*straddles.upper, 1.1 + 2 * std::hypot(0.11, 0.055), 1e-12);

  auto above = decide_ok(quantified(1.5, relative(10, 5)), percent_threshold(0.9));
  EXPECT_EQ(above.verdict, Verdict::non_compliant);
  EXPECT_EQ(above.rule, DecidingRule::lower_limit_above_threshold);
  EXPECT_STREQ(verdict_code(above.verdict), "non_compliant");
  EXPECT_STREQ(deciding_rule_code(above.rule), "lower_limit_above_threshold");

  auto below = decide_ok(quantified(0.5, relative(10, 5)), percent_threshold(0.9));
  EXPECT_EQ(below.verdict, Verdict::compliant);
  EXPECT_EQ(below.rule, DecidingRule::upper_limit_within_threshold);
}

TEST(ComplianceDecision, ExactBoundaries) {
  // U = 2 × 0.25 = 0.5 exactly.
  auto u = absolute(0.25, 0);
  // x − U = T exactly: not beyond reasonable doubt.
  EXPECT_EQ(decide_ok(quantified(1.5, u), percent_threshold(1.0)).verdict, Verdict::inconclusive);
  // x − U just above T.
  EXPECT_EQ(decide_ok(quantified(1.5, u), percent_threshold(std::nextafter(1.0, 0.0))).verdict, Verdict::non_compliant);
  // x + U = T exactly: compliant.
  EXPECT_EQ(decide_ok(quantified(0.5, u), percent_threshold(1.0)).verdict, Verdict::compliant);
  // x + U just above T.
  EXPECT_EQ(decide_ok(quantified(0.5, u), percent_threshold(std::nextafter(1.0, 0.0))).verdict, Verdict::inconclusive);
  // No uncertainty and x = T: x + U ≤ T.
  EXPECT_EQ(decide_ok(quantified(0.9, absolute(0, 0)), percent_threshold(0.9)).verdict, Verdict::compliant);
  EXPECT_EQ(decide_ok(quantified(std::nextafter(0.9, 1.0), absolute(0, 0)), percent_threshold(0.9)).verdict,
            Verdict::non_compliant);
  // Threshold 0 with a zero result is compliant (x + U = 0 ≤ 0).
  EXPECT_EQ(decide_ok(quantified(0, relative(10, 5)), percent_threshold(0)).verdict, Verdict::compliant);
}

TEST(ComplianceDecision, VerdictIsMonotoneInTheValueOverAGrid) {
  auto rank = [](Verdict v) { return v == Verdict::compliant ? 0 : v == Verdict::inconclusive ? 1 : 2; };
  for (double t : {0.1, 0.9, 3.0, 5.0}) {
    for (double rsd : {0.0, 5.0, 12.5, 30.0}) {
      int previous = 0;
      for (int i = 0; i <= 400; ++i) {
        double x = t * i / 100.0;
        auto d = decide_ok(quantified(x, relative(rsd, rsd / 2)), percent_threshold(t));
        double expanded = 2 * x * std::hypot(rsd, rsd / 2) / 100;
        Verdict expected = x - expanded > t    ? Verdict::non_compliant
                           : x + expanded <= t ? Verdict::compliant
                                               : Verdict::inconclusive;
        EXPECT_EQ(d.verdict, expected) << t << " " << rsd << " " << x;
        EXPECT_GE(rank(d.verdict), previous) << t << " " << rsd << " " << x;
        previous = rank(d.verdict);
      }
      EXPECT_EQ(previous, 2);  // at x = 4·T the lower limit is above T for these uncertainties
    }
  }
}

TEST(ComplianceDecision, PresenceThresholdsAndDetectionLimits) {
  auto identified = decide_ok({MeasurementOutcome::identified, std::nullopt, std::nullopt, std::nullopt}, presence);
  EXPECT_EQ(identified.verdict, Verdict::non_compliant);
  EXPECT_EQ(identified.rule, DecidingRule::presence_confirmed);
  EXPECT_FALSE(identified.uncertainty);

  // A quantified trace of an unauthorised event is still an identification, whatever U.
  auto trace = decide_ok(quantified(0.02, relative(25, 10)), presence);
  EXPECT_EQ(trace.verdict, Verdict::non_compliant);
  EXPECT_TRUE(trace.uncertainty);
  EXPECT_EQ(decide_ok(quantified(0.02, std::nullopt), presence).verdict, Verdict::non_compliant);

  auto nothing = decide_ok({MeasurementOutcome::not_detected, std::nullopt, std::nullopt, std::nullopt}, presence);
  EXPECT_EQ(nothing.verdict, Verdict::not_detected);
  EXPECT_EQ(nothing.rule, DecidingRule::below_detection_limit);
  EXPECT_EQ(decide_ok(quantified(0, std::nullopt), presence).verdict, Verdict::not_detected);
  EXPECT_EQ(decide_ok(quantified(0.02, std::nullopt, 0.03), presence).verdict, Verdict::not_detected);
  EXPECT_EQ(decide_ok(quantified(0.03, std::nullopt, 0.03), presence).verdict, Verdict::non_compliant);  // at the LOD

  // Against a percentage threshold too, below the LOD is "not detected".
  auto low = decide_ok(quantified(0.01, relative(10, 5), 0.04), percent_threshold(0.9));
  EXPECT_EQ(low.verdict, Verdict::not_detected);
  EXPECT_EQ(
      decide_ok({MeasurementOutcome::not_detected, std::nullopt, std::nullopt, std::nullopt}, percent_threshold(0.9))
          .verdict,
      Verdict::not_detected);
}

TEST(ComplianceDecision, BadInputsNameTheirField) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  auto t = percent_threshold(0.9);
  EXPECT_EQ(decide_error({MeasurementOutcome::quantified, std::nullopt, std::nullopt, relative(10, 5)}, t), "value");
  EXPECT_EQ(decide_error(quantified(-0.1, relative(10, 5)), t), "value");
  EXPECT_EQ(decide_error(quantified(nan, relative(10, 5)), t), "value");
  EXPECT_EQ(decide_error({MeasurementOutcome::identified, std::nullopt, std::nullopt, std::nullopt}, t), "value");
  EXPECT_EQ(decide_error({MeasurementOutcome::identified, 0.5, std::nullopt, std::nullopt}, presence), "value");
  EXPECT_EQ(decide_error({MeasurementOutcome::not_detected, 0.5, std::nullopt, std::nullopt}, t), "value");
  EXPECT_EQ(decide_error(quantified(1.0, std::nullopt), t), "rsd_precision");
  EXPECT_EQ(decide_error(quantified(1.0, relative(-1, 5)), t), "rsd_precision");
  EXPECT_EQ(decide_error(quantified(1.0, absolute(-1, 0.1)), t), "u_precision");
  EXPECT_EQ(decide_error(quantified(1.0, relative(10, 1001)), t), "rsd_bias");
  EXPECT_EQ(decide_error(quantified(1.0, absolute(0.1, nan)), t), "u_bias");
  EXPECT_EQ(decide_error(quantified(1.0, relative(10, 5, 0)), t), "coverage_factor");
  EXPECT_EQ(decide_error(quantified(1.0, relative(10, 5, 11)), t), "coverage_factor");
  EXPECT_EQ(decide_error(quantified(1.0, relative(10, 5), -0.01), t), "lod");
  EXPECT_EQ(decide_error(quantified(1.0, relative(10, 5)), percent_threshold(101)), "threshold_percent");
  EXPECT_EQ(decide_error(quantified(1.0, relative(10, 5)), percent_threshold(-1)), "threshold_percent");
  EXPECT_EQ(decide_error(quantified(1.0, relative(10, 5)), percent_threshold(nan)), "threshold_percent");
}

}  // namespace
}  // namespace lmo::domain
