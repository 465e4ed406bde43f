#include "domain/seed_mass.hpp"

#include <cmath>

namespace lmo::domain {

namespace {

constexpr double heaviest_thousand_kernels_g = 10'000.0;

bool weight_ok(double thousand_kernel_weight_g) {
  return thousand_kernel_weight_g > 0.0 && thousand_kernel_weight_g <= heaviest_thousand_kernels_g;
}

FieldError bad_weight() { return {"thousand_kernel_weight_g", "must be greater than 0 and at most 10000 grams"}; }

}  // namespace

Checked<double> sample_mass_grams(long long seeds, double thousand_kernel_weight_g) {
  if (!weight_ok(thousand_kernel_weight_g)) return bad_weight();
  if (seeds < 0) return FieldError{"seeds", "must be at least 0"};
  return static_cast<double>(seeds) * thousand_kernel_weight_g / 1000.0;
}

Checked<long long> seeds_in_mass(double grams, double thousand_kernel_weight_g) {
  if (!weight_ok(thousand_kernel_weight_g)) return bad_weight();
  if (!(grams >= 0.0 && grams <= 1e9)) return FieldError{"sample_mass_g", "must be between 0 and 10^9 grams"};
  // The nudge keeps an exact count (e.g. 313 g of 313 g-per-1000 seeds) from rounding to 999.
  return static_cast<long long>(std::floor(grams * 1000.0 / thousand_kernel_weight_g * (1.0 + 1e-12)));
}

}  // namespace lmo::domain
