// CaseService: inspection cases. An officer saves a border check as a case (the declaration
// is checked again here, so the saved report is the portal's, not the browser's), then
// records the sampling, laboratory results and the final decision with their name and time.
// Officers act on their own country's cases only (administrators on all); a decided case is
// closed; every change names the version it was made on (409 when someone changed it first).
// Every change and every refusal is audited.
#pragma once

#include <boost/json/value.hpp>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/account_rules.hpp"
#include "services/account_service.hpp"
#include "services/action_problem.hpp"
#include "services/check_rules.hpp"
#include "services/registry_service.hpp"
#include "store/case_store.hpp"

namespace lmo::services {

struct LabTools;

struct CaseActor {
  std::string username;
  std::vector<domain::RoleGrant> grants;
  std::string address;
  std::string request_id;
};

using CaseResult = std::variant<store::InspectionCase, ActionProblem>;

// A reference number for an inspection report or case: "LMO-20261127-3FA9C2" (the date and
// 24 random bits).
std::string inspection_reference(const std::string& date);

// The final decisions a case can close with.
inline const std::vector<std::string> kCaseDecisions{"release", "release_with_conditions", "refuse_entry", "re_export",
                                                     "destroy", "refer_to_authority"};

class CaseService {
 public:
  // REQUIRES: all outlive the service; `lab` may be null.
  CaseService(store::CaseStore& cases, AccountService& accounts, const CheckRules& rules,
              const RegistryService& registry, const LabTools* lab)
      : cases_(cases), accounts_(accounts), rules_(rules), registry_(registry), lab_(lab) {}

  CaseResult open_case(const boost::json::value& declaration, const CaseActor& actor);
  CaseResult view(const std::string& reference, const CaseActor& actor);
  std::vector<store::InspectionCase> list(const CaseActor& actor, std::size_t limit = 200) const;
  // request: {"version", "plan", "samples", "sample_mass_g", "sealed", "sent_to_laboratory", "laboratory", "note"}
  CaseResult record_sampling(const std::string& reference, const boost::json::value& request, const CaseActor& actor);
  // request: {"version", "method", "result": positive|negative|quantified|not_detected, "gm_percent", "laboratory",
  //           "tool_result" (a lab tool's JSON answer), "note"}
  CaseResult record_laboratory(const std::string& reference, const boost::json::value& request, const CaseActor& actor);
  // request: {"version", "decision": one of kCaseDecisions, "note"}
  CaseResult decide(const std::string& reference, const boost::json::value& request, const CaseActor& actor);

  // Whether the actor may act on cases of `country`: an officer of it (or of every country), or an administrator.
  static bool may_act(const CaseActor& actor, const std::string& country);

 private:
  CaseResult change(const std::string& reference, const CaseActor& actor, std::int64_t version, const std::string& kind,
                    const std::string& content, const std::function<std::optional<std::string>(const std::string&)>& next_status,
                    const std::optional<std::string>& decision);
  void audit(const CaseActor& actor, const std::string& action, const std::string& target, const std::string& outcome,
             const std::string& detail = {});
  store::CaseStore& cases_;
  AccountService& accounts_;
  const CheckRules& rules_;
  const RegistryService& registry_;
  const LabTools* lab_;
};

}  // namespace lmo::services
