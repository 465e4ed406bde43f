#include "domain/assay_error_rates.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace lmo::domain {

Checked<AssayErrorRates> check_assay_error_rates(double fpr, double fnr, std::string_view fpr_field,
                                                 std::string_view fnr_field) {
  if (!std::isfinite(fpr) || fpr < 0.0 || fpr >= 1.0) {
    return FieldError{std::string(fpr_field), "must be at least 0 and less than 1"};
  }
  if (!std::isfinite(fnr) || fnr < 0.0 || fnr >= 1.0) {
    return FieldError{std::string(fnr_field), "must be at least 0 and less than 1"};
  }
  if (fpr + fnr >= 1.0) {
    return FieldError{std::string(fnr_field),
                      "must be less than 1 − " + std::string(fpr_field) +
                          ": with fpr + fnr ≥ 1 the assay cannot tell positive pools from negative ones"};
  }
  return AssayErrorRates{fpr, fnr};
}

PoolProbability observed_probability(const PoolProbability& truth, const AssayErrorRates& errors) {
  double scale = errors.discrimination();
  return {errors.false_positive + scale * truth.positive, errors.false_negative + scale * truth.negative};
}

PoolProbability corrected_probability(const PoolProbability& observed, const AssayErrorRates& errors) {
  double scale = errors.discrimination();
  double positive = (observed.positive - errors.false_positive) / scale;
  double negative = (observed.negative - errors.false_negative) / scale;
  if (positive <= 0.0 || negative >= 1.0) return {0.0, 1.0};
  if (negative <= 0.0 || positive >= 1.0) return {1.0, 0.0};
  return {positive, negative};
}

}  // namespace lmo::domain
