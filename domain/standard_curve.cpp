#include "domain/standard_curve.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace lmo::domain {

namespace {

constexpr double max_copies = 1e15;
constexpr double max_cq = 60;
// Calibrant copies are exact numbers; a Cq computed back from a calibrant level may land a
// rounding error outside the range, which is not an extrapolation.
constexpr double range_tolerance = 1e-9;

std::string point_field(std::size_t index, const char* name) { return "points[" + std::to_string(index) + "]." + name; }

bool valid_cq(double cq) { return std::isfinite(cq) && cq > 0 && cq < max_cq; }

}  // namespace

Checked<StandardCurve> fit_standard_curve(const std::vector<CalibrantPoint>& points,
                                          const StandardCurveAcceptance& acceptance) {
  std::vector<double> x;
  x.reserve(points.size());
  for (std::size_t i = 0; i < points.size(); ++i) {
    const auto& point = points[i];
    if (!std::isfinite(point.copies) || point.copies <= 0 || point.copies > max_copies) {
      return FieldError{point_field(i, "copies"), "must be greater than 0 and at most 1e15"};
    }
    if (!valid_cq(point.cq)) return FieldError{point_field(i, "cq"), "must be between 0 and 60, exclusive"};
    x.push_back(std::log10(point.copies));
  }
  std::vector<double> levels = x;
  std::sort(levels.begin(), levels.end());
  levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
  if (levels.size() < 3) return FieldError{"points", "must cover at least 3 distinct copy levels"};

  const double n = static_cast<double>(points.size());
  double mean_x = 0;
  double mean_y = 0;
  for (std::size_t i = 0; i < points.size(); ++i) {
    mean_x += x[i];
    mean_y += points[i].cq;
  }
  mean_x /= n;
  mean_y /= n;
  double sxx = 0;
  double sxy = 0;
  double syy = 0;
  for (std::size_t i = 0; i < points.size(); ++i) {
    double dx = x[i] - mean_x;
    double dy = points[i].cq - mean_y;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (syy == 0) return FieldError{"points", "all have the same Cq, so no standard curve can be fitted"};
  StandardCurve curve;
  curve.slope = sxy / sxx;
  if (!(curve.slope < 0)) {
    return FieldError{"points", "fit a slope that is not negative; Cq must fall as copies rise"};
  }
  if (curve.slope > -1) {
    return FieldError{"points", "fit a slope above -1, which would mean more than tenfold amplification per cycle"};
  }
  curve.intercept = mean_y - curve.slope * mean_x;
  double sse = 0;
  for (std::size_t i = 0; i < points.size(); ++i) {
    double residual = points[i].cq - (curve.intercept + curve.slope * x[i]);
    sse += residual * residual;
  }
  curve.r_squared = std::clamp(1.0 - sse / syy, 0.0, 1.0);
  curve.efficiency = std::pow(10.0, -1.0 / curve.slope) - 1.0;
  curve.residual_standard_error = std::sqrt(sse / (n - 2));
  curve.points = points.size();
  curve.levels = levels.size();
  curve.min_log10_copies = levels.front();
  curve.max_log10_copies = levels.back();
  if (curve.efficiency < acceptance.min_efficiency) curve.warnings.push_back(CurveWarning::efficiency_below_range);
  if (curve.efficiency > acceptance.max_efficiency) curve.warnings.push_back(CurveWarning::efficiency_above_range);
  if (curve.r_squared < acceptance.min_r_squared) curve.warnings.push_back(CurveWarning::r_squared_below_minimum);
  return curve;
}

double fitted_cq(const StandardCurve& curve, double log10_copies) {
  return curve.intercept + curve.slope * log10_copies;
}

Checked<CopiesEstimate> copies_from_cq(const StandardCurve& curve, double cq) {
  if (!valid_cq(cq)) return FieldError{"cq", "must be between 0 and 60, exclusive"};
  if (!(curve.slope < 0)) return FieldError{"slope", "must be negative"};
  CopiesEstimate estimate;
  estimate.cq = cq;
  estimate.log10_copies = (cq - curve.intercept) / curve.slope;
  estimate.copies = std::pow(10.0, estimate.log10_copies);
  if (!std::isfinite(estimate.copies)) return FieldError{"cq", "gives a copy number too large to represent"};
  estimate.extrapolated = estimate.log10_copies < curve.min_log10_copies - range_tolerance ||
                          estimate.log10_copies > curve.max_log10_copies + range_tolerance;
  return estimate;
}

const char* curve_warning_code(CurveWarning warning) {
  switch (warning) {
    case CurveWarning::efficiency_below_range:
      return "efficiency_below_range";
    case CurveWarning::efficiency_above_range:
      return "efficiency_above_range";
    case CurveWarning::r_squared_below_minimum:
      return "r_squared_below_minimum";
  }
  return "unknown";
}

}  // namespace lmo::domain
