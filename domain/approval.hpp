// Approval: the customs officer's question "does country C have a current decision approving
// LMO X for use U on date D?", answered from the country's decisions (domain.md §3). Owns the
// rules: which decisions concern an LMO, which are current on a date, which one decides when
// several apply, and the labelled fallback from a stack to its parent events. Pure: the caller
// gathers the LMO, its parent events and the decisions of every jurisdiction that applies to
// the country (e.g. "DE" and "EU" for Germany); nothing here knows about memberships.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/registry_records.hpp"

namespace lmo::domain {

enum class ApprovalStatus { approved, approved_with_conditions, not_approved, no_decision };
// "approved", "approved_with_conditions", "not_approved", "no_decision".
std::string_view status_name(ApprovalStatus status);

// Why the status is what it is; reason_code() gives the stable machine code.
enum class ApprovalReason {
  approved,                  // the deciding current decision approves
  approved_with_conditions,  // ... approves with conditions (reported in `conditions`)
  prohibited,                // the deciding current decision is "prohibited" or "rejected"
  expired,             // only expired, withdrawn or not-yet-valid decisions cover the use
  other_uses_only,     // decisions concern the LMO, none covers the use
  no_decision,         // no decision concerns the LMO (or a stack without known parents)
  unrecognized_result,  // decisions cover the use but none has a result the rules know
  parents_approved,     // stack fallback: every parent event is approved
  parent_not_approved,  // stack fallback: some parent events lack approval
  invalid_query,        // on_date is not YYYY-MM-DD, or lmo_key differs from the LMO's key
};
// "approved", "approved_with_conditions", "prohibited", "expired", "other_uses_only",
// "no_decision", "unrecognized_result", "parents_approved", "parent_not_approved",
// "invalid_query".
std::string_view reason_code(ApprovalReason reason);

struct ApprovalQuery {
  std::string country;  // ISO 3166-1 alpha-2; used only in the explanation
  std::string lmo_key;  // must equal lmo.key (empty: take lmo.key)
  Use use = Use::food;
  std::string on_date;  // ISO YYYY-MM-DD
};

// One decision that concerns the LMO (or, in the stack fallback, one of its parents).
struct DecisionEvidence {
  std::string decision_id;
  std::string jurisdiction;  // Decision::country, e.g. "EU"
  std::string lmo_key;       // the key it was found through: the LMO itself or a parent event
  std::string result;        // as recorded
  std::string date;
  std::optional<std::string> expiry;
  std::optional<std::string> conditions;
  bool current = false;     // in force on the query date
  bool covers_use = false;  // its scope includes the queried use
  bool decides = false;     // the decision that settled the status (for lmo_key)
};

struct ApprovalAnswer {
  ApprovalStatus status = ApprovalStatus::no_decision;
  ApprovalReason reason = ApprovalReason::no_decision;
  std::string explanation;  // one short English sentence or two
  // True when the LMO is a stack without any decision of its own covering the use and the
  // answer was derived from its parent events (a labelled fallback, successful or not).
  bool via_parent_events = false;
  // Every decision concerning the LMO — or, in the fallback, its parents, grouped by parent in
  // lmo.parents order. Within a group: the deciding one first, then the other covering ones,
  // then the rest; most recent first in each part.
  std::vector<DecisionEvidence> decisions;
  // Conditions of the deciding conditional approvals (the LMO's, or its parents' in the
  // fallback), only when the status is approved_with_conditions; unstated ones are omitted.
  std::vector<std::string> conditions;
  // Fallback only: parent keys that are not approved (in lmo.parents order), and those of them
  // absent from parent_events.
  std::vector<std::string> parents_lacking_approval;
  std::vector<std::string> missing_parents;
};

// Answers `query` for `lmo`.
// Rules: a decision concerns an LMO when its `lmos` contains the LMO's key. It is current on D
// when date <= D, its expiry (if any, non-empty) >= D, and its result is neither "expired" nor
// "withdrawn". Dates compare as ISO strings. Results are matched case-insensitively, with ' '
// and '_' read as '-': "approved" → approved; "approved-with-conditions" → approved with
// conditions; "prohibited", "rejected" → not approved; other results (e.g. "pending") never
// decide. Among current covering decisions with a known result the most recent (date, then the
// greater id) decides. Otherwise: some covering decision not current → not_approved/expired;
// covering ones all unrecognised → no_decision/unrecognized_result; only other uses →
// not_approved/other_uses_only; none → no_decision.
// Stacks (lmo.is_stack): when no decision on the stack covers the use, each parent in
// lmo.parents is answered by the same rules (by its own decisions; a key missing from
// parent_events counts as no_decision): all approved → approved (approved_with_conditions if
// any is conditional), reason parents_approved; else not_approved if any parent is, otherwise
// no_decision, reason parent_not_approved. A stack with no parents listed gets no_decision.
// REQUIRES: nothing; a malformed on_date or a mismatched key gives no_decision/invalid_query.
ApprovalAnswer answer(const ApprovalQuery& query, const Lmo& lmo,
                      const std::vector<Lmo>& parent_events,
                      const std::vector<Decision>& decisions);

}  // namespace lmo::domain
