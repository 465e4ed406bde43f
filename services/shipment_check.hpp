// ShipmentCheck: from a shipment's declaration to an outcome — release, request documents,
// sample and test, or hold — with every finding (rule, what, why, legal basis, what to do)
// and the next steps (the importing country's authorities, laboratories able to identify the
// LMOs). Rules, severities and legal bases are data (CheckRules); approvals come from the
// registry. The outcome logic is docs/border-check-spec.md. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/declaration.hpp"
#include "services/check_rules.hpp"
#include "services/lab_suggestion.hpp"
#include "services/registry_service.hpp"

namespace lmo::services {

enum class CheckOutcome { release, request_documents, sample_and_test, hold };
std::string_view outcome_name(CheckOutcome outcome);
int outcome_exit_code(CheckOutcome outcome);  // 0, 10, 20, 30

struct Finding {
  std::string rule;      // rule id
  std::string severity;  // mandatory, recommended, information
  std::string subject;   // what it concerns, e.g. an identifier ("" for the whole shipment)
  std::string detail;    // specific English detail (e.g. the approval explanation)
  CheckOutcome effect = CheckOutcome::release;  // the outcome this finding calls for
};

struct CheckedLmo {
  std::string listed;     // as written on the documents
  bool may_contain = false;
  std::string canonical;  // canonical identifier when it parses
  std::optional<std::string> registry_key;
  std::optional<domain::ApprovalAnswer> approval;
};

struct CheckReport {
  CheckOutcome outcome = CheckOutcome::release;
  std::string regime;      // declared use
  std::vector<std::string> jurisdictions;  // the importing country and its blocs
  std::string check_date;
  std::string rules_version;
  std::vector<Finding> findings;
  std::vector<CheckedLmo> lmos;
  std::vector<std::string> statements_found;  // "rule/kind" recognised in the document text
  std::vector<domain::Authority> authorities;          // of the importing country
  std::vector<const domain::Laboratory*> laboratories;  // offering identification
  std::shared_ptr<const RegistryReference> reference;   // keeps `laboratories` alive
  // When the consignment is to be sampled (and the lab tools are available): the plan and panel.
  std::optional<LabSuggestion> lab;
};

class ShipmentCheck {
 public:
  // REQUIRES: all outlive the check. Without `lab`, no sampling plan or panel is suggested.
  ShipmentCheck(const CheckRules& rules, const RegistryService& registry, const LabTools* lab = nullptr)
      : rules_(rules), registry_(registry), lab_(lab) {}
  CheckReport run(const domain::Declaration& declaration) const;

 private:
  const CheckRules& rules_;
  const RegistryService& registry_;
  const LabTools* lab_;
};

}  // namespace lmo::services
