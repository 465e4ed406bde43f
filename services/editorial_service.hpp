// EditorialService: national records — decisions, laboratories, authorities (contacts) and
// the country's rule set (its overrides and additions to the Article 18 checks) — edited by
// their country's national editors and published by its reviewers. A draft goes
// draft → submitted → published, or back to the editor (returned, with a comment). Drafts are
// checked fully when submitted and again when published (the registry's import checks, or the
// rule-set checks); publishing writes the record to the registry as a new revision (a rule set:
// a new rule-set revision, in force at once), so the registry — and every approval answer and
// border check — only ever uses published revisions. Editors act for
// their own country only; only reviewers publish or return (an editor who is not also a
// reviewer cannot publish their own work). Every change names the draft's version (409 when it
// changed first). Every step and every refusal is audited.
#pragma once

#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/account_rules.hpp"
#include "services/account_service.hpp"
#include "services/action_problem.hpp"
#include "services/case_service.hpp"
#include "store/draft_store.hpp"
#include "store/registry_store.hpp"
#include "store/rule_set_store.hpp"
#include "services/check_rules.hpp"

namespace lmo::services {

// The record types national editors edit.
inline const std::vector<std::string> kEditableTypes{"decision", "laboratory", "authority", "rule_set"};

using DraftResult = std::variant<store::DraftRecord, ActionProblem>;

class EditorialService {
 public:
  // REQUIRES: all outlive the service.
  EditorialService(store::DraftStore& drafts, store::RegistryStore& registry, store::RuleSetStore& rule_sets,
                   CheckRules& rules, AccountService& accounts)
      : drafts_(drafts), registry_(registry), rule_sets_(rule_sets), rules_(rules), accounts_(accounts) {}

  // A new draft of `type` (the record as JSON text: the registry's format for that type).
  DraftResult create(const std::string& type, const std::string& doc, const CaseActor& actor);
  DraftResult view(std::int64_t id, const CaseActor& actor) const;
  std::vector<store::DraftRecord> list(const CaseActor& actor) const;
  DraftResult save(std::int64_t id, std::int64_t version, const std::string& doc, const CaseActor& actor);
  DraftResult submit(std::int64_t id, std::int64_t version, const CaseActor& actor);
  DraftResult return_to_editor(std::int64_t id, std::int64_t version, const std::string& comment, const CaseActor& actor);
  DraftResult publish(std::int64_t id, std::int64_t version, const CaseActor& actor);

  // The record as the registry holds it now (pretty JSON), or "" when it is new.
  std::string published_doc(const store::DraftRecord& draft) const;
  // Every published revision of a jurisdiction's rule set, oldest first.
  std::vector<store::RecordRevision> rule_set_history(const std::string& jurisdiction) const {
    return rule_sets_.history(jurisdiction);
  }
  static bool is_editor(const CaseActor& actor, const std::string& country);
  static bool is_reviewer(const CaseActor& actor, const std::string& country);

 private:
  // Reads key and country from the record text; the problem names the field.
  std::optional<ActionProblem> identify(const std::string& type, const std::string& doc, std::string& key,
                                        std::string& country) const;
  // The registry's full check of the record (an import dry run); the problem when rejected.
  std::optional<ActionProblem> validate(const store::DraftRecord& draft) const;
  void audit(const CaseActor& actor, const std::string& action, const std::string& target, const std::string& outcome,
             const std::string& detail = {}) const;
  store::DraftStore& drafts_;
  store::RegistryStore& registry_;
  store::RuleSetStore& rule_sets_;
  CheckRules& rules_;
  AccountService& accounts_;
};

}  // namespace lmo::services
