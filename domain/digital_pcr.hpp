// Digital PCR quantification: from k positive of n partitions, the mean copies per partition
// λ = −ln(1 − k/n) (Poisson loading), the concentration in the reaction and in the sample, the
// copies in the reaction, and an exact confidence interval: the Clopper–Pearson interval on k/n
// mapped through the same (increasing) transformation. All partitions positive ("saturated")
// leaves λ without an estimate or upper limit; none positive gives λ = 0 with an upper limit.
// Also GM % from two targets (event / taxon reference) with a Bonferroni-combined interval.
// Field names in errors are those of a run ("positive", "partition_volume_nl", …).
#pragma once

#include <optional>

#include "domain/field_error.hpp"

namespace lmo::domain {

struct PartitionRun {
  long long positive = 0;
  long long partitions = 0;
  double partition_volume_nl = 0;
  std::optional<double> reaction_volume_ul;  // default: the partitioned volume, partitions × partition volume
  double dilution_factor = 1;                // sample concentration = reaction concentration × dilution_factor
};

enum class PartitionStatus { quantified, not_detected, saturated };

// A quantity with its confidence limits; nullopt where it is not defined (saturation).
struct BoundedEstimate {
  std::optional<double> estimate;
  std::optional<double> lower;
  std::optional<double> upper;
};

struct DigitalPcrQuantity {
  PartitionStatus status = PartitionStatus::quantified;
  double fraction_positive = 0;
  double confidence = 0.95;
  double analysed_volume_ul = 0;
  double reaction_volume_ul = 0;
  BoundedEstimate copies_per_partition;  // λ
  BoundedEstimate copies_per_ul;         // in the reaction
  BoundedEstimate copies_in_reaction;
  BoundedEstimate sample_copies_per_ul;  // × dilution factor
};

// partitions in [1, 1e9]; positive in [0, partitions]; partition volume in [1e-6, 1000] nL;
// reaction volume in (0, 1e6] µL and not below the partitioned volume; dilution factor in
// [1e-6, 1e12]; confidence in (0, 1) (field "confidence").
Checked<DigitalPcrQuantity> quantify_partitions(const PartitionRun& run, double confidence = 0.95);

enum class DigitalGmStatus { quantified, target_saturated, reference_saturated, reference_not_detected };

struct DigitalGmPercent {
  DigitalGmStatus status = DigitalGmStatus::quantified;
  double confidence = 0.95;              // joint level of the interval
  double per_target_confidence = 0.975;  // level of each target's Clopper–Pearson interval
  BoundedEstimate percent;
};

// GM % = 100 × target sample concentration / reference sample concentration. Interval: each
// target's Clopper–Pearson interval at level 1 − (1 − confidence)/2, and the ratio of opposite
// limits (lower = L_target / U_reference, upper = U_target / L_reference); by Bonferroni's
// inequality the pair covers with probability at least `confidence`. Fields are prefixed
// "target." and "reference.".
Checked<DigitalGmPercent> dpcr_gm_percent(const PartitionRun& target, const PartitionRun& reference,
                                          double confidence = 0.95);

const char* partition_status_code(PartitionStatus status);
const char* digital_gm_status_code(DigitalGmStatus status);

}  // namespace lmo::domain
