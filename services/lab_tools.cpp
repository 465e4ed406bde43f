#include "services/lab_tools.hpp"

#include "services/clock.hpp"
#include "services/data_file.hpp"
#include "services/json_request.hpp"

namespace lmo::services {

namespace {

BorderSampling read_border_sampling(const std::filesystem::path& file) {
  auto document = read_json_file(file);
  JsonRequest fields(document);
  BorderSampling out;
  out.proportion = fields.number("proportion", std::nullopt, 0, 1, true);
  out.confidence = fields.number("confidence", std::nullopt, 0, 1, true);
  out.max_pool_size = fields.integer("max_pool_size", std::nullopt, 1, 10000);
  out.panel_coverage_percent = fields.number("panel_coverage_percent", 100.0, 0, 100);
  out.panel_max_methods = static_cast<std::size_t>(fields.integer("panel_max_methods", 5, 1, 20));
  if (const auto& error = fields.error()) throw BundledDataError(file.string() + ": " + error->field + " " + error->message);
  return out;
}

}  // namespace

domain::AuthorisationStatus authorisation_status(const RegistryService& registry, const std::string& reference,
                                                 const std::string& country, domain::Use use) {
  auto lmo = registry.find_lmo(reference);
  if (!lmo) return domain::AuthorisationStatus::unknown;
  auto result = registry.approval(*lmo, country, use, today_utc());
  switch (result.answer.status) {
    case domain::ApprovalStatus::approved:
    case domain::ApprovalStatus::approved_with_conditions: return domain::AuthorisationStatus::approved;
    case domain::ApprovalStatus::not_approved:
    case domain::ApprovalStatus::no_decision: return domain::AuthorisationStatus::not_approved;
  }
  return domain::AuthorisationStatus::unknown;
}

LabTools LabTools::load(const std::filesystem::path& share_dir, const RegistryService& registry) {
  const auto lab = share_dir / "data" / "lab";
  LabTools tools{CropTable::load(lab / "crops.json"), ThresholdTable(lab / "thresholds.json"), std::nullopt, {}, {}};
  tools.border_sampling = read_border_sampling(lab / "border_sampling.json");
  auto reference = registry.reference();
  auto lmos = registry.export_type(domain::RecordType::lmo).lmos;
  auto matrix = domain::build_matrix_from_registry(reference->methods, lmos, reference->elements);
  if (auto* built = std::get_if<domain::ScreeningMatrix>(&matrix)) tools.registry_matrix = std::move(*built);
  const RegistryService* source = &registry;
  tools.approval = [source](const std::string& event, const std::string& country, domain::Use use) {
    return authorisation_status(*source, event, country, use);
  };
  return tools;
}

}  // namespace lmo::services
