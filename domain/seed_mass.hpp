// Seed counts ↔ sample mass, through the thousand-kernel weight (grams per 1000 seeds) of the
// crop or of the lot itself: how many grams a sampling plan's seeds weigh, and how many seeds
// a sample of a given mass holds.
#pragma once

#include "domain/field_error.hpp"

namespace lmo::domain {

// Refused on "thousand_kernel_weight_g" unless it is a finite weight above 0 and at most 10 kg.
Checked<double> sample_mass_grams(long long seeds, double thousand_kernel_weight_g);
// Whole seeds only (rounded down); refused on "sample_mass_g" for a negative or infinite mass.
Checked<long long> seeds_in_mass(double grams, double thousand_kernel_weight_g);

}  // namespace lmo::domain
