#include "domain/gm_percent.hpp"

#include <cmath>

namespace lmo::domain {

Checked<double> gm_percent(double event_copies, double reference_copies) {
  if (!std::isfinite(event_copies) || event_copies < 0) {
    return FieldError{"event_copies", "must be a finite number of at least 0"};
  }
  if (!std::isfinite(reference_copies) || reference_copies <= 0) {
    return FieldError{"reference_copies", "must be a finite number greater than 0"};
  }
  double percent = 100.0 * event_copies / reference_copies;
  if (!std::isfinite(percent)) return FieldError{"reference_copies", "is too small for the event copies given"};
  return percent;
}

}  // namespace lmo::domain
