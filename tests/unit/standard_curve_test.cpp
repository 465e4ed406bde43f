// qPCR standard curve: a perfect 100 %-efficiency curve recovers exact copies; the fit agrees
// with the textbook closed-form sums computed here independently; acceptance warnings at the
// ENGL limits; extrapolation flags; every bad input names its field.
#include "domain/standard_curve.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace lmo::domain {
namespace {

const double perfect_slope = -1.0 / std::log10(2.0);  // −3.3219…: one doubling per cycle

std::vector<CalibrantPoint> line_points(double intercept, double slope, std::vector<double> copies) {
  std::vector<CalibrantPoint> points;
  for (double n : copies) points.push_back({n, intercept + slope * std::log10(n)});
  return points;
}

StandardCurve fit_ok(const std::vector<CalibrantPoint>& points, const StandardCurveAcceptance& acceptance = {}) {
  auto fitted = fit_standard_curve(points, acceptance);
  if (const auto* error = error_of(fitted)) ADD_FAILURE() << error->field << ": " << error->message;
  return std::get<StandardCurve>(fitted);
}

std::string error_field(const Checked<StandardCurve>& fitted) {
  const auto* error = error_of(fitted);
  return error ? error->field : "<no error>";
}

TEST(StandardCurve, PerfectDoublingCurveRecoversExactCopies) {
  auto curve = fit_ok(line_points(38.0, perfect_slope, {10, 100, 1000, 10000, 100000, 1000000}));
  EXPECT_NEAR(curve.slope, -3.321928094887362, 1e-12);
  EXPECT_NEAR(curve.intercept, 38.0, 1e-11);
  EXPECT_NEAR(curve.efficiency, 1.0, 1e-12);
  EXPECT_NEAR(curve.r_squared, 1.0, 1e-12);
  EXPECT_NEAR(curve.residual_standard_error, 0.0, 1e-7);
  EXPECT_TRUE(curve.warnings.empty());
  EXPECT_EQ(curve.levels, 6u);
  for (double copies : {10.0, 31.6, 250.0, 4096.0, 77777.0, 1000000.0}) {
    auto estimate = copies_from_cq(curve, 38.0 + perfect_slope * std::log10(copies));
    ASSERT_FALSE(error_of(estimate));
    const auto& value = std::get<CopiesEstimate>(estimate);
    EXPECT_NEAR(value.copies / copies, 1.0, 1e-11) << copies;
    EXPECT_FALSE(value.extrapolated) << copies;
  }
  // One cycle later is exactly half the copies on a 100 % curve.
  auto a = std::get<CopiesEstimate>(copies_from_cq(curve, 25.0));
  auto b = std::get<CopiesEstimate>(copies_from_cq(curve, 26.0));
  EXPECT_NEAR(a.copies / b.copies, 2.0, 1e-11);
}

TEST(StandardCurve, FitMatchesClosedFormSumsWithReplicates) {
  // Triplicates at five levels, with scatter; the reference values come from the raw sums.
  std::vector<CalibrantPoint> points = {{50000, 21.02}, {50000, 21.15}, {50000, 20.94}, {10000, 23.41}, {10000, 23.29},
                                        {10000, 23.55}, {2000, 25.71},  {2000, 25.80},  {2000, 25.62},  {400, 28.03},
                                        {400, 28.21},   {400, 27.95},   {80, 30.48},    {80, 30.22},    {80, 30.67}};
  double n = 0, sx = 0, sy = 0, sxy = 0, sxx = 0, syy = 0;
  for (const auto& p : points) {
    double x = std::log10(p.copies);
    n += 1;
    sx += x;
    sy += p.cq;
    sxy += x * p.cq;
    sxx += x * x;
    syy += p.cq * p.cq;
  }
  double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  double intercept = (sy - slope * sx) / n;
  double r = (n * sxy - sx * sy) / std::sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
  double sse = 0;
  for (const auto& p : points) sse += std::pow(p.cq - intercept - slope * std::log10(p.copies), 2);

  auto curve = fit_ok(points);
  EXPECT_NEAR(curve.slope, slope, 1e-10);
  EXPECT_NEAR(curve.intercept, intercept, 1e-9);
  EXPECT_NEAR(curve.r_squared, r * r, 1e-10);
  EXPECT_NEAR(curve.residual_standard_error, std::sqrt(sse / (n - 2)), 1e-10);
  EXPECT_NEAR(curve.efficiency, std::pow(10.0, -1.0 / slope) - 1.0, 1e-12);
  EXPECT_EQ(curve.points, 15u);
  EXPECT_EQ(curve.levels, 5u);
  EXPECT_NEAR(curve.min_log10_copies, std::log10(80.0), 1e-15);
  EXPECT_NEAR(curve.max_log10_copies, std::log10(50000.0), 1e-15);
  EXPECT_NEAR(fitted_cq(curve, 3.0), intercept + 3.0 * slope, 1e-9);

  // The order of the points does not matter.
  std::reverse(points.begin(), points.end());
  auto reversed = fit_ok(points);
  EXPECT_NEAR(reversed.slope, curve.slope, 1e-12);
  EXPECT_NEAR(reversed.intercept, curve.intercept, 1e-11);
}

TEST(StandardCurve, EfficiencyWarningsFollowTheSlopeLimits) {
  // ENGL: slope −3.1 … −3.6 ⇔ efficiency about 110 % … 90 %.
  struct Case {
    double slope;
    bool below;
    bool above;
  };
  for (auto c : std::vector<Case>{{-3.05, false, true},
                                  {-3.2, false, false},
                                  {-3.3219, false, false},
                                  {-3.5, false, false},
                                  {-3.65, true, false},
                                  {-4.5, true, false},
                                  {-2.0, false, true}}) {
    auto curve = fit_ok(line_points(40, c.slope, {1e2, 1e3, 1e4, 1e5}));
    bool below = std::count(curve.warnings.begin(), curve.warnings.end(), CurveWarning::efficiency_below_range) > 0;
    bool above = std::count(curve.warnings.begin(), curve.warnings.end(), CurveWarning::efficiency_above_range) > 0;
    EXPECT_EQ(below, c.below) << c.slope;
    EXPECT_EQ(above, c.above) << c.slope;
    EXPECT_NEAR(curve.efficiency, std::pow(10.0, -1.0 / c.slope) - 1, 1e-12);
  }
  // A laboratory's own, stricter criteria.
  auto strict = fit_ok(line_points(40, -3.5, {1e2, 1e3, 1e4}), {0.95, 1.05, 0.99});
  ASSERT_EQ(strict.warnings.size(), 1u);
  EXPECT_EQ(strict.warnings[0], CurveWarning::efficiency_below_range);
  EXPECT_STREQ(curve_warning_code(strict.warnings[0]), "efficiency_below_range");
}

TEST(StandardCurve, PoorLinearityIsAWarningNotAnError) {
  auto curve = fit_ok({{1e2, 33.0}, {1e3, 28.0}, {1e4, 27.5}, {1e5, 23.4}, {1e3, 30.5}});
  EXPECT_LT(curve.r_squared, 0.98);
  EXPECT_NE(std::find(curve.warnings.begin(), curve.warnings.end(), CurveWarning::r_squared_below_minimum),
            curve.warnings.end());
  EXPECT_STREQ(curve_warning_code(CurveWarning::r_squared_below_minimum), "r_squared_below_minimum");
}

TEST(StandardCurve, CopiesOutsideTheCalibratedRangeAreFlagged) {
  auto curve = fit_ok(line_points(38.0, perfect_slope, {100, 1000, 10000, 100000}));
  auto at = [&](double cq) { return std::get<CopiesEstimate>(copies_from_cq(curve, cq)); };
  EXPECT_FALSE(at(38.0 + perfect_slope * 2).extrapolated);   // exactly the lowest calibrant
  EXPECT_FALSE(at(38.0 + perfect_slope * 5).extrapolated);   // exactly the highest
  EXPECT_TRUE(at(38.0 + perfect_slope * 1.9).extrapolated);  // fewer copies than the lowest
  EXPECT_TRUE(at(38.0 + perfect_slope * 5.1).extrapolated);  // more than the highest
  // Copies fall as Cq rises, across the whole Cq range.
  double previous = at(0.5).copies;
  for (double cq = 1; cq < 60; cq += 0.5) {
    double copies = at(cq).copies;
    EXPECT_LT(copies, previous) << cq;
    EXPECT_TRUE(std::isfinite(copies));
    previous = copies;
  }
}

TEST(StandardCurve, BadCalibrantsNameTheirField) {
  auto good = line_points(38, -3.3, {1e2, 1e3, 1e4});
  auto with = [&](std::size_t index, double copies, double cq) {
    auto points = good;
    points[index] = {copies, cq};
    return error_field(fit_standard_curve(points));
  };
  EXPECT_EQ(with(1, 0, 30), "points[1].copies");
  EXPECT_EQ(with(1, -5, 30), "points[1].copies");
  EXPECT_EQ(with(2, std::nan(""), 30), "points[2].copies");
  EXPECT_EQ(with(2, std::numeric_limits<double>::infinity(), 30), "points[2].copies");
  EXPECT_EQ(with(0, 2e15, 30), "points[0].copies");
  EXPECT_EQ(with(2, 1e4, 0), "points[2].cq");
  EXPECT_EQ(with(2, 1e4, 60), "points[2].cq");
  EXPECT_EQ(with(0, 1e2, -1), "points[0].cq");
  EXPECT_EQ(with(0, 1e2, std::nan("")), "points[0].cq");

  EXPECT_EQ(error_field(fit_standard_curve({})), "points");
  // Two levels, however many replicates, are not a curve.
  EXPECT_EQ(error_field(fit_standard_curve({{1e2, 31}, {1e2, 31.2}, {1e4, 24.5}, {1e4, 24.4}})), "points");
  // Degenerate fits.
  EXPECT_EQ(error_field(fit_standard_curve({{1e2, 30}, {1e3, 30}, {1e4, 30}})), "points");       // flat
  EXPECT_EQ(error_field(fit_standard_curve(line_points(20, 3.3, {1e2, 1e3, 1e4}))), "points");   // rising
  EXPECT_EQ(error_field(fit_standard_curve(line_points(30, -0.5, {1e2, 1e3, 1e4}))), "points");  // > tenfold per cycle
  auto rising = fit_standard_curve(line_points(20, 3.3, {1e2, 1e3, 1e4}));
  EXPECT_NE(error_of(rising)->message.find("negative"), std::string::npos);
}

TEST(StandardCurve, BadSampleCqNamesItsField) {
  auto curve = fit_ok(line_points(38, -3.3, {1e2, 1e3, 1e4}));
  for (double cq : {0.0, -2.0, 60.0, 75.0, std::nan(""), std::numeric_limits<double>::infinity()}) {
    auto estimate = copies_from_cq(curve, cq);
    ASSERT_TRUE(error_of(estimate)) << cq;
    EXPECT_EQ(error_of(estimate)->field, "cq");
  }
  EXPECT_EQ(error_of(copies_from_cq(StandardCurve{}, 25))->field, "slope");  // not a fitted curve
}

}  // namespace
}  // namespace lmo::domain
