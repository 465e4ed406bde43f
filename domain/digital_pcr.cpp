#include "domain/digital_pcr.hpp"

#include <cmath>
#include <string>

#include "domain/binomial_interval.hpp"
#include "domain/gm_percent.hpp"

namespace lmo::domain {

namespace {

constexpr double nl_per_ul = 1000.0;

// Copies per partition from the probability that a partition is positive, λ = −ln(1 − p), taken
// from whichever of p and 1 − p is the more precise. ("0 − …": p = 0 gives +0, not −0.)
double load(const PoolProbability& p) {
  return p.positive < 0.5 ? 0.0 - std::log1p(-p.positive) : 0.0 - std::log(p.negative);
}

// Copies per partition: point estimate and exact limits (Clopper–Pearson on k/n); nullopt where
// saturation leaves them undefined (estimate and upper limit when every partition is positive).
BoundedEstimate copies_per_partition(long long positive, long long partitions, double confidence) {
  const double half_alpha = (1.0 - confidence) / 2.0;
  const double k = static_cast<double>(positive);
  const double n = static_cast<double>(partitions);
  BoundedEstimate lambda;
  lambda.lower = load(clopper_pearson_lower(positive, partitions, half_alpha));
  if (positive < partitions) {
    lambda.estimate = load({k / n, (n - k) / n});
    lambda.upper = load(clopper_pearson_upper(positive, partitions, half_alpha));
  }
  return lambda;
}

BoundedEstimate scaled(const BoundedEstimate& value, double factor) {
  BoundedEstimate out;
  if (value.estimate) out.estimate = *value.estimate * factor;
  if (value.lower) out.lower = *value.lower * factor;
  if (value.upper) out.upper = *value.upper * factor;
  return out;
}

std::optional<FieldError> check_run(const PartitionRun& run) {
  if (run.partitions < 1 || run.partitions > 1'000'000'000) {
    return FieldError{"partitions", "must be between 1 and 1000000000"};
  }
  if (run.positive < 0 || run.positive > run.partitions) {
    return FieldError{"positive", "must be between 0 and the number of partitions"};
  }
  if (!std::isfinite(run.partition_volume_nl) || run.partition_volume_nl < 1e-6 || run.partition_volume_nl > 1000) {
    return FieldError{"partition_volume_nl", "must be between 0.000001 and 1000"};
  }
  if (run.reaction_volume_ul) {
    double reaction = *run.reaction_volume_ul;
    if (!std::isfinite(reaction) || reaction <= 0 || reaction > 1e6) {
      return FieldError{"reaction_volume_ul", "must be greater than 0 and at most 1000000"};
    }
    double analysed = static_cast<double>(run.partitions) * run.partition_volume_nl / nl_per_ul;
    if (reaction < analysed * (1 - 1e-9)) {
      return FieldError{"reaction_volume_ul",
                        "must be at least the partitioned volume (partitions × partition volume)"};
    }
  }
  if (!std::isfinite(run.dilution_factor) || run.dilution_factor < 1e-6 || run.dilution_factor > 1e12) {
    return FieldError{"dilution_factor", "must be between 0.000001 and 1e12"};
  }
  return std::nullopt;
}

std::optional<FieldError> check_confidence(double confidence) {
  if (!std::isfinite(confidence) || confidence <= 0 || confidence >= 1) {
    return FieldError{"confidence", "must be between 0 and 1, exclusive"};
  }
  return std::nullopt;
}

FieldError prefixed(const FieldError& error, const char* prefix) {
  return FieldError{std::string(prefix) + error.field, error.message};
}

}  // namespace

Checked<DigitalPcrQuantity> quantify_partitions(const PartitionRun& run, double confidence) {
  if (auto error = check_run(run)) return *error;
  if (auto error = check_confidence(confidence)) return *error;
  DigitalPcrQuantity quantity;
  quantity.status = run.positive == run.partitions ? PartitionStatus::saturated
                    : run.positive == 0            ? PartitionStatus::not_detected
                                                   : PartitionStatus::quantified;
  quantity.fraction_positive = static_cast<double>(run.positive) / static_cast<double>(run.partitions);
  quantity.confidence = confidence;
  quantity.analysed_volume_ul = static_cast<double>(run.partitions) * run.partition_volume_nl / nl_per_ul;
  quantity.reaction_volume_ul = run.reaction_volume_ul.value_or(quantity.analysed_volume_ul);
  quantity.copies_per_partition = copies_per_partition(run.positive, run.partitions, confidence);
  double partitions_per_ul = nl_per_ul / run.partition_volume_nl;
  quantity.copies_per_ul = scaled(quantity.copies_per_partition, partitions_per_ul);
  quantity.copies_in_reaction = scaled(quantity.copies_per_ul, quantity.reaction_volume_ul);
  quantity.sample_copies_per_ul = scaled(quantity.copies_per_ul, run.dilution_factor);
  return quantity;
}

Checked<DigitalGmPercent> dpcr_gm_percent(const PartitionRun& target, const PartitionRun& reference,
                                          double confidence) {
  if (auto error = check_confidence(confidence)) return *error;
  DigitalGmPercent gm;
  gm.confidence = confidence;
  gm.per_target_confidence = 1.0 - (1.0 - confidence) / 2.0;
  auto target_quantity = quantify_partitions(target, gm.per_target_confidence);
  if (const auto* error = error_of(target_quantity)) return prefixed(*error, "target.");
  auto reference_quantity = quantify_partitions(reference, gm.per_target_confidence);
  if (const auto* error = error_of(reference_quantity)) return prefixed(*error, "reference.");
  const auto& t = std::get<DigitalPcrQuantity>(target_quantity).sample_copies_per_ul;
  const auto& r = std::get<DigitalPcrQuantity>(reference_quantity).sample_copies_per_ul;

  if (reference.positive == 0) {
    gm.status = DigitalGmStatus::reference_not_detected;
  } else if (reference.positive == reference.partitions) {
    gm.status = DigitalGmStatus::reference_saturated;
  } else if (target.positive == target.partitions) {
    gm.status = DigitalGmStatus::target_saturated;
  }

  // Limits that are missing are infinite: an unbounded reference leaves a lower GM limit of 0.
  gm.percent.lower = r.upper ? 100.0 * *t.lower / *r.upper : 0.0;
  if (t.upper && *r.lower > 0) gm.percent.upper = 100.0 * *t.upper / *r.lower;
  if (t.estimate && r.estimate && *r.estimate > 0) {
    auto percent = gm_percent(*t.estimate, *r.estimate);
    if (const double* value = std::get_if<double>(&percent)) gm.percent.estimate = *value;
  }
  return gm;
}

const char* partition_status_code(PartitionStatus status) {
  switch (status) {
    case PartitionStatus::quantified:
      return "quantified";
    case PartitionStatus::not_detected:
      return "not_detected";
    case PartitionStatus::saturated:
      return "saturated";
  }
  return "unknown";
}

const char* digital_gm_status_code(DigitalGmStatus status) {
  switch (status) {
    case DigitalGmStatus::quantified:
      return "quantified";
    case DigitalGmStatus::target_saturated:
      return "target_saturated";
    case DigitalGmStatus::reference_saturated:
      return "reference_saturated";
    case DigitalGmStatus::reference_not_detected:
      return "reference_not_detected";
  }
  return "unknown";
}

}  // namespace lmo::domain
