#include "domain/approval.hpp"

#include <algorithm>
#include <tuple>

namespace lmo::domain {

namespace {

enum class Outcome { approves, approves_with_conditions, refuses, lapsed, unrecognized };

// Lower-case ASCII, with ' ' and '_' read as '-', outer blanks dropped.
std::string normalize_result(std::string_view result) {
  auto blank = [](char c) { return c == ' ' || c == '\t'; };
  while (!result.empty() && blank(result.front())) result.remove_prefix(1);
  while (!result.empty() && blank(result.back())) result.remove_suffix(1);
  std::string out;
  out.reserve(result.size());
  for (char c : result) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == ' ' || c == '_') c = '-';
    out.push_back(c);
  }
  return out;
}

Outcome outcome_of(std::string_view result) {
  std::string normalized = normalize_result(result);
  if (normalized == "approved") return Outcome::approves;
  if (normalized == "approved-with-conditions") return Outcome::approves_with_conditions;
  if (normalized == "prohibited" || normalized == "rejected") return Outcome::refuses;
  if (normalized == "expired" || normalized == "withdrawn") return Outcome::lapsed;
  return Outcome::unrecognized;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// YYYY-MM-DD with month 01..12 and day 01..31.
bool is_iso_date(std::string_view date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!is_digit(date[i])) return false;
  }
  int month = (date[5] - '0') * 10 + (date[6] - '0');
  int day = (date[8] - '0') * 10 + (date[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

bool is_current(const Decision& decision, std::string_view on_date) {
  if (outcome_of(decision.result) == Outcome::lapsed) return false;
  if (decision.date > on_date) return false;
  if (decision.expiry && !decision.expiry->empty() && *decision.expiry < on_date) return false;
  return true;
}

// True when a is more recent than b: later date, then greater id.
bool more_recent(const DecisionEvidence& a, const DecisionEvidence& b) {
  return std::tie(a.date, a.decision_id) > std::tie(b.date, b.decision_id);
}

// The answer for one key by its own decisions only.
struct Evaluation {
  ApprovalStatus status = ApprovalStatus::no_decision;
  ApprovalReason reason = ApprovalReason::no_decision;
  std::vector<DecisionEvidence> evidence;  // ordered as ApprovalAnswer::decisions documents
  std::optional<DecisionEvidence> deciding;
  bool any_covering = false;
};

Evaluation evaluate(const std::string& key, Use use, std::string_view on_date,
                    const std::vector<Decision>& decisions) {
  Evaluation evaluation;
  for (const Decision& decision : decisions) {
    if (std::find(decision.lmos.begin(), decision.lmos.end(), key) == decision.lmos.end()) {
      continue;
    }
    DecisionEvidence evidence;
    evidence.decision_id = decision.id;
    evidence.jurisdiction = decision.country;
    evidence.lmo_key = key;
    evidence.result = decision.result;
    evidence.date = decision.date;
    evidence.expiry = decision.expiry;
    evidence.conditions = decision.conditions;
    evidence.current = is_current(decision, on_date);
    evidence.covers_use = decision.scope.covers(use);
    evaluation.evidence.push_back(std::move(evidence));
  }

  DecisionEvidence* deciding = nullptr;
  bool any_covering_not_current = false;
  for (DecisionEvidence& evidence : evaluation.evidence) {
    if (!evidence.covers_use) continue;
    evaluation.any_covering = true;
    if (!evidence.current) {
      any_covering_not_current = true;
      continue;
    }
    if (outcome_of(evidence.result) == Outcome::unrecognized) continue;
    if (deciding == nullptr || more_recent(evidence, *deciding)) deciding = &evidence;
  }

  if (deciding != nullptr) {
    deciding->decides = true;
    switch (outcome_of(deciding->result)) {
      case Outcome::approves:
        evaluation.status = ApprovalStatus::approved;
        evaluation.reason = ApprovalReason::approved;
        break;
      case Outcome::approves_with_conditions:
        evaluation.status = ApprovalStatus::approved_with_conditions;
        evaluation.reason = ApprovalReason::approved_with_conditions;
        break;
      default:
        evaluation.status = ApprovalStatus::not_approved;
        evaluation.reason = ApprovalReason::prohibited;
        break;
    }
    evaluation.deciding = *deciding;
  } else if (any_covering_not_current) {
    evaluation.status = ApprovalStatus::not_approved;
    evaluation.reason = ApprovalReason::expired;
  } else if (evaluation.any_covering) {
    evaluation.status = ApprovalStatus::no_decision;
    evaluation.reason = ApprovalReason::unrecognized_result;
  } else if (!evaluation.evidence.empty()) {
    evaluation.status = ApprovalStatus::not_approved;
    evaluation.reason = ApprovalReason::other_uses_only;
  }

  std::sort(evaluation.evidence.begin(), evaluation.evidence.end(),
            [](const DecisionEvidence& a, const DecisionEvidence& b) {
              if (a.decides != b.decides) return a.decides;
              if (a.covers_use != b.covers_use) return a.covers_use;
              return more_recent(a, b);
            });
  return evaluation;
}

bool is_approval(ApprovalStatus status) {
  return status == ApprovalStatus::approved ||
         status == ApprovalStatus::approved_with_conditions;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

std::string where(const ApprovalQuery& query) {
  return query.country.empty() ? std::string() : " in " + query.country;
}

std::string cite(const DecisionEvidence& evidence) {
  std::string out = "decision " + evidence.decision_id + " (";
  if (!evidence.jurisdiction.empty()) out += evidence.jurisdiction + ", ";
  return out + evidence.date + ")";
}

std::string explain(const Evaluation& evaluation, const std::string& key,
                    const ApprovalQuery& query) {
  std::string use(use_name(query.use));
  switch (evaluation.reason) {
    case ApprovalReason::approved:
      return "Approved: " + cite(*evaluation.deciding) + " approves " + key + " for " + use +
             where(query) + " on " + query.on_date + ".";
    case ApprovalReason::approved_with_conditions:
      return "Approved with conditions: " + cite(*evaluation.deciding) + " approves " + key +
             " for " + use + where(query) + " subject to conditions" +
             (evaluation.deciding->conditions && !evaluation.deciding->conditions->empty()
                  ? "."
                  : " that the record does not state; consult the decision.");
    case ApprovalReason::prohibited:
      return "Not approved: " + cite(*evaluation.deciding) + " records '" +
             evaluation.deciding->result + "' for " + key + " for " + use + where(query) + ".";
    case ApprovalReason::expired:
      return "Not approved: the decisions covering " + use + " of " + key + where(query) +
             " have expired, been withdrawn or are not yet valid on " + query.on_date + ".";
    case ApprovalReason::other_uses_only:
      return "Not approved: decisions on " + key + where(query) + " cover other uses, not " +
             use + ".";
    case ApprovalReason::unrecognized_result:
      return "No usable decision: the decisions covering " + use + " of " + key + where(query) +
             " have results the portal does not recognise; contact the competent national "
             "authority.";
    default:
      return "No decision on " + key + where(query) +
             " was found; contact the competent national authority.";
  }
}

ApprovalAnswer from_evaluation(Evaluation evaluation, const std::string& key,
                               const ApprovalQuery& query) {
  ApprovalAnswer result;
  result.status = evaluation.status;
  result.reason = evaluation.reason;
  result.explanation = explain(evaluation, key, query);
  if (evaluation.reason == ApprovalReason::approved_with_conditions &&
      evaluation.deciding->conditions && !evaluation.deciding->conditions->empty()) {
    result.conditions.push_back(*evaluation.deciding->conditions);
  }
  result.decisions = std::move(evaluation.evidence);
  return result;
}

}  // namespace

std::string_view status_name(ApprovalStatus status) {
  switch (status) {
    case ApprovalStatus::approved: return "approved";
    case ApprovalStatus::approved_with_conditions: return "approved_with_conditions";
    case ApprovalStatus::not_approved: return "not_approved";
    case ApprovalStatus::no_decision: return "no_decision";
  }
  return "no_decision";
}

std::string_view reason_code(ApprovalReason reason) {
  switch (reason) {
    case ApprovalReason::approved: return "approved";
    case ApprovalReason::approved_with_conditions: return "approved_with_conditions";
    case ApprovalReason::prohibited: return "prohibited";
    case ApprovalReason::expired: return "expired";
    case ApprovalReason::other_uses_only: return "other_uses_only";
    case ApprovalReason::no_decision: return "no_decision";
    case ApprovalReason::unrecognized_result: return "unrecognized_result";
    case ApprovalReason::parents_approved: return "parents_approved";
    case ApprovalReason::parent_not_approved: return "parent_not_approved";
    case ApprovalReason::invalid_query: return "invalid_query";
  }
  return "no_decision";
}

ApprovalAnswer answer(const ApprovalQuery& query, const Lmo& lmo,
                      const std::vector<Lmo>& parent_events,
                      const std::vector<Decision>& decisions) {
  if (!is_iso_date(query.on_date)) {
    ApprovalAnswer invalid;
    invalid.reason = ApprovalReason::invalid_query;
    invalid.explanation = "The date '" + query.on_date + "' is not an ISO date (YYYY-MM-DD).";
    return invalid;
  }
  if (!query.lmo_key.empty() && query.lmo_key != lmo.key) {
    ApprovalAnswer invalid;
    invalid.reason = ApprovalReason::invalid_query;
    invalid.explanation =
        "The query names " + query.lmo_key + " but the record given is " + lmo.key + ".";
    return invalid;
  }

  Evaluation own = evaluate(lmo.key, query.use, query.on_date, decisions);
  if (!lmo.is_stack || own.any_covering || lmo.parents.empty()) {
    return from_evaluation(std::move(own), lmo.key, query);
  }

  // Labelled fallback: the stack has no decision of its own covering the use.
  ApprovalAnswer result;
  result.via_parent_events = true;
  std::vector<std::string> parent_keys;
  for (const std::string& key : lmo.parents) {
    if (std::find(parent_keys.begin(), parent_keys.end(), key) == parent_keys.end()) {
      parent_keys.push_back(key);
    }
  }
  bool any_not_approved = false;
  bool any_conditional = false;
  for (const std::string& key : parent_keys) {
    bool known = std::any_of(parent_events.begin(), parent_events.end(),
                             [&](const Lmo& parent) { return parent.key == key; });
    ApprovalStatus status = ApprovalStatus::no_decision;
    if (known) {
      Evaluation parent = evaluate(key, query.use, query.on_date, decisions);
      status = parent.status;
      if (status == ApprovalStatus::approved_with_conditions && parent.deciding->conditions &&
          !parent.deciding->conditions->empty()) {
        result.conditions.push_back(*parent.deciding->conditions);
      }
      for (DecisionEvidence& evidence : parent.evidence) {
        result.decisions.push_back(std::move(evidence));
      }
    } else {
      result.missing_parents.push_back(key);
    }
    if (status == ApprovalStatus::approved_with_conditions) any_conditional = true;
    if (status == ApprovalStatus::not_approved) any_not_approved = true;
    if (!is_approval(status)) result.parents_lacking_approval.push_back(key);
  }

  std::string use(use_name(query.use));
  std::string lead = "No decision" + where(query) + " covers " + use + " of the stack " +
                     lmo.key + " itself; ";
  if (result.parents_lacking_approval.empty()) {
    result.status =
        any_conditional ? ApprovalStatus::approved_with_conditions : ApprovalStatus::approved;
    result.reason = ApprovalReason::parents_approved;
    result.explanation = lead + "its parent events " + join(parent_keys) + " are all approved" +
                         (any_conditional ? " (some with conditions)" : "") + " for " + use +
                         ". Some jurisdictions require a decision on the stack itself.";
  } else {
    result.status =
        any_not_approved ? ApprovalStatus::not_approved : ApprovalStatus::no_decision;
    result.reason = ApprovalReason::parent_not_approved;
    result.conditions.clear();
    result.explanation = lead + "parent events lacking approval for " + use + ": " +
                         join(result.parents_lacking_approval) +
                         (result.missing_parents.empty()
                              ? std::string()
                              : " (not in the registry: " + join(result.missing_parents) + ")") +
                         ".";
  }
  return result;
}

}  // namespace lmo::domain
