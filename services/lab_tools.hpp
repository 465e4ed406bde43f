// LabTools: what the laboratory tools share once built at start — the crops' thousand-kernel
// weights, the jurisdictions' thresholds, the registry's screening matrix (methods × LMOs;
// rebuilt at restart, like the declaration screener) and the approval answer used by the
// screening matrix's authorisation overlay.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "domain/screening_matrix.hpp"
#include "services/crop_table.hpp"
#include "services/lab_suggestion.hpp"
#include "services/registry_service.hpp"
#include "services/screening_matrix_service.hpp"
#include "services/threshold_table.hpp"

namespace lmo::services {

struct LabTools {
  CropTable crops;
  ThresholdTable thresholds;
  std::optional<domain::ScreeningMatrix> registry_matrix;  // empty when the registry has no methods
  ApprovalLookup approval;
  BorderSampling border_sampling;  // what the border check proposes (data/lab/border_sampling.json)

  // Reads data/lab/*.json under `share_dir` (throws BundledDataError when malformed) and builds
  // the registry's matrix. REQUIRES: `registry` outlives the result.
  static LabTools load(const std::filesystem::path& share_dir, const RegistryService& registry);

  const domain::ScreeningMatrix* matrix() const { return registry_matrix ? &*registry_matrix : nullptr; }
};

// The overlay's status of one LMO in a country for a use, on today's date: approved (also with
// conditions), not_approved (refused, or no decision: an LMO needs one), unknown (the registry
// does not know the LMO).
domain::AuthorisationStatus authorisation_status(const RegistryService& registry, const std::string& reference,
                                                 const std::string& country, domain::Use use);

}  // namespace lmo::services
