// StandardCurve: the real-time PCR calibration line Cq = a + b·log10(N) fitted by ordinary least
// squares over calibrant points (copies, Cq; replicates allowed), with its quality figures
// (R², amplification efficiency 10^(−1/b) − 1, residual standard error) and the acceptance
// check; and the copies a sample's Cq stands for, flagged when it lies outside the calibrated
// range. Field names in errors are relative to the curve ("points[2].copies"); callers prefix
// them with where the curve sits in their request.
#pragma once

#include <cstddef>
#include <vector>

#include "domain/field_error.hpp"

namespace lmo::domain {

struct CalibrantPoint {
  double copies = 0;  // target copies in the reaction, > 0
  double cq = 0;      // quantification cycle, in (0, 60)
};

// Common acceptance criteria for a quantitative GMO real-time PCR method: amplification
// efficiency 90–110 % (slope between about −3.6 and −3.1) and R² ≥ 0.98, as set by the
// European Network of GMO Laboratories, "Definition of minimum performance requirements for
// analytical methods of GMO testing" (ENGL, 2015; https://gmo-crl.jrc.ec.europa.eu/guidance-documents).
// A laboratory may apply its own; a curve outside them is reported, not refused.
struct StandardCurveAcceptance {
  double min_efficiency = 0.90;
  double max_efficiency = 1.10;
  double min_r_squared = 0.98;
};

enum class CurveWarning { efficiency_below_range, efficiency_above_range, r_squared_below_minimum };

struct StandardCurve {
  double intercept = 0;  // a: Cq at one copy
  double slope = 0;      // b: cycles per tenfold more copies (negative)
  double r_squared = 0;
  double efficiency = 0;               // fraction: 1.0 is a perfect doubling per cycle
  double residual_standard_error = 0;  // cycles, n − 2 degrees of freedom
  std::size_t points = 0;
  std::size_t levels = 0;       // distinct copy numbers
  double min_log10_copies = 0;  // calibrated range
  double max_log10_copies = 0;
  std::vector<CurveWarning> warnings;  // empty: the curve meets the acceptance criteria
};

// At least 3 distinct copy levels; copies in (0, 1e15]; Cq in (0, 60). A fit whose slope is not
// negative, or so shallow that it implies more than tenfold amplification per cycle (slope above
// −1), is refused as degenerate ("points").
Checked<StandardCurve> fit_standard_curve(const std::vector<CalibrantPoint>& points,
                                          const StandardCurveAcceptance& acceptance = {});

double fitted_cq(const StandardCurve& curve, double log10_copies);

struct CopiesEstimate {
  double cq = 0;
  double log10_copies = 0;
  double copies = 0;
  bool extrapolated = false;  // outside the calibrants' copy range
};

// N = 10^((Cq − a)/b); the Cq must be in (0, 60) (field "cq").
Checked<CopiesEstimate> copies_from_cq(const StandardCurve& curve, double cq);

const char* curve_warning_code(CurveWarning warning);

}  // namespace lmo::domain
