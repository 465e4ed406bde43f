#include "services/case_service.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>
#include <random>

#include "domain/declaration.hpp"
#include "services/check_report_json.hpp"
#include "services/clock.hpp"
#include "services/json_request.hpp"
#include "services/shipment_check.hpp"
#include "store/store_error.hpp"

namespace lmo::services {

namespace json = boost::json;

std::string inspection_reference(const std::string& date) {
  thread_local std::mt19937_64 random{std::random_device{}()};
  std::string compact;
  for (char c : date) {
    if (c != '-') compact += c;
  }
  return fmt::format("LMO-{}-{:06X}", compact, random() & 0xFFFFFF);
}

bool CaseService::may_act(const CaseActor& actor, const std::string& country) {
  for (const auto& grant : actor.grants) {
    if (grant.role == domain::Role::admin) return true;
    if (grant.role == domain::Role::officer && (grant.country.empty() || grant.country == country)) return true;
  }
  return false;
}

void CaseService::audit(const CaseActor& actor, const std::string& action, const std::string& target,
                        const std::string& outcome, const std::string& detail) {
  accounts_.record({0, {}, actor.username, action, target, outcome, actor.address, actor.request_id, detail});
}

CaseResult CaseService::open_case(const json::value& value, const CaseActor& actor) {
  auto parsed = domain::parse_declaration(value);
  if (auto* problems = std::get_if<std::vector<domain::DeclarationProblem>>(&parsed)) {
    return action_problem(ActionProblem::Kind::invalid, problems->front().field, problems->front().reason);
  }
  const auto& declaration = std::get<domain::Declaration>(parsed);
  if (!may_act(actor, declaration.importing_country)) {
    audit(actor, "permission.denied", "case.open " + declaration.importing_country, "denied");
    return action_problem(ActionProblem::Kind::forbidden, "importing_country", "you are not an officer of this country");
  }
  auto report = ShipmentCheck(rules_, registry_, lab_).run(declaration);
  store::InspectionCase record;
  record.country = declaration.importing_country;
  record.outcome = std::string(outcome_name(report.outcome));
  record.declaration = json::serialize(value);
  record.report = json::serialize(to_json(report, rules_, "en"));
  record.created_by = actor.username;
  // 24 random bits per check date: a reference already taken (by any country, on any
  // instance) is drawn again.
  for (int attempt = 0;; ++attempt) {
    record.reference = inspection_reference(report.check_date);
    if (cases_.create_case(record)) break;
    if (attempt == 16) throw store::StoreError("no free case reference for " + report.check_date);
  }
  audit(actor, "case.open", record.reference, "ok", "outcome " + record.outcome);
  return *cases_.find_case(record.reference);
}

CaseResult CaseService::view(const std::string& reference, const CaseActor& actor) {
  auto found = cases_.find_case(reference);
  if (!found) return action_problem(ActionProblem::Kind::not_found, "reference", "no such case");
  if (!may_act(actor, found->country)) {
    audit(actor, "permission.denied", "case.view " + reference, "denied");
    return action_problem(ActionProblem::Kind::forbidden, "reference", "this case belongs to another country");
  }
  return *found;
}

std::vector<store::InspectionCase> CaseService::list(const CaseActor& actor, std::size_t limit) const {
  std::vector<std::string> countries;
  for (const auto& grant : actor.grants) {
    if (grant.role == domain::Role::admin || (grant.role == domain::Role::officer && grant.country.empty())) {
      return cases_.cases({}, limit);
    }
    if (grant.role == domain::Role::officer) countries.push_back(grant.country);
  }
  if (countries.empty()) return {};
  return cases_.cases(countries, limit);
}

CaseResult CaseService::change(const std::string& reference, const CaseActor& actor, std::int64_t version,
                               const std::string& kind, const std::string& content,
                               const std::function<std::optional<std::string>(const std::string&)>& next_status,
                               const std::optional<std::string>& decision) {
  auto current = view(reference, actor);
  if (std::holds_alternative<ActionProblem>(current)) return current;
  const auto& found = std::get<store::InspectionCase>(current);
  if (found.status == "decided") {
    audit(actor, "case." + kind, reference, "failed", "the case is decided");
    return action_problem(ActionProblem::Kind::conflict, "status", "the case is decided; nothing can be added");
  }
  auto status = next_status(found.status);
  if (!status) return action_problem(ActionProblem::Kind::conflict, "status", "not possible while the case is " + found.status);
  if (!cases_.add_entry(reference, version, {0, {}, actor.username, kind, content}, *status, decision)) {
    audit(actor, "case." + kind, reference, "failed", "changed by someone else first");
    return action_problem(ActionProblem::Kind::conflict, "version",
                   "the case was changed since you opened it (now version " + std::to_string(found.version) + "); reload it");
  }
  audit(actor, "case." + kind, reference, "ok", decision ? "decision " + *decision : std::string());
  return *cases_.find_case(reference);
}

CaseResult CaseService::record_sampling(const std::string& reference, const json::value& request, const CaseActor& actor) {
  JsonRequest fields(request);
  fields.reject_unknown({"version", "plan", "samples", "sample_mass_g", "sealed", "sent_to_laboratory", "laboratory", "note"});
  auto version = fields.integer("version", std::nullopt, 1, 1'000'000'000);
  json::object content{{"plan", fields.string("plan", std::nullopt, {}, 500)},
                       {"samples", fields.string("samples", std::string(), {}, 500)},
                       {"sealed", fields.boolean("sealed", false)},
                       {"sent_to_laboratory", fields.boolean("sent_to_laboratory", false)},
                       {"laboratory", fields.string("laboratory", std::string(), {}, 200)},
                       {"note", fields.string("note", std::string(), {}, 2000)}};
  if (auto mass = fields.optional_number("sample_mass_g", 0, 1e9, true)) content["sample_mass_g"] = *mass;
  if (const auto& error = fields.error()) return action_problem(ActionProblem::Kind::invalid, error->field, error->message);
  bool sent = content["sent_to_laboratory"].as_bool();
  return change(reference, actor, version, "sampling", json::serialize(content),
                [sent](const std::string& status) -> std::optional<std::string> {
                  if (status != "open" && status != "sampled") return std::nullopt;
                  return sent ? "awaiting_laboratory" : "sampled";
                },
                std::nullopt);
}

CaseResult CaseService::record_laboratory(const std::string& reference, const json::value& request, const CaseActor& actor) {
  JsonRequest fields(request);
  fields.reject_unknown({"version", "method", "result", "gm_percent", "laboratory", "tool_result", "note"});
  auto version = fields.integer("version", std::nullopt, 1, 1'000'000'000);
  json::object content{{"method", fields.string("method", std::nullopt, {}, 200)},
                       {"result", fields.string("result", std::nullopt, {"positive", "negative", "quantified", "not_detected"})},
                       {"laboratory", fields.string("laboratory", std::string(), {}, 200)},
                       {"note", fields.string("note", std::string(), {}, 2000)}};
  if (auto percent = fields.optional_number("gm_percent", 0, 100)) content["gm_percent"] = *percent;
  if (const auto* tool = fields.object("tool_result", false)) content["tool_result"] = *tool;
  if (const auto& error = fields.error()) return action_problem(ActionProblem::Kind::invalid, error->field, error->message);
  if (content["result"].as_string() == "quantified" && !content.contains("gm_percent")) {
    return action_problem(ActionProblem::Kind::invalid, "gm_percent", "is required for a quantified result");
  }
  return change(reference, actor, version, "laboratory", json::serialize(content),
                [](const std::string& status) -> std::optional<std::string> {
                  if (status == "open") return std::nullopt;  // sample first
                  return "awaiting_laboratory";
                },
                std::nullopt);
}

CaseResult CaseService::decide(const std::string& reference, const json::value& request, const CaseActor& actor) {
  JsonRequest fields(request);
  fields.reject_unknown({"version", "decision", "note"});
  auto version = fields.integer("version", std::nullopt, 1, 1'000'000'000);
  std::string decision = fields.string("decision", std::nullopt);
  std::string note = fields.string("note", std::string(), {}, 2000);
  if (const auto& error = fields.error()) return action_problem(ActionProblem::Kind::invalid, error->field, error->message);
  if (std::find(kCaseDecisions.begin(), kCaseDecisions.end(), decision) == kCaseDecisions.end()) {
    return action_problem(ActionProblem::Kind::invalid, "decision",
                   "must be one of: release, release_with_conditions, refuse_entry, re_export, destroy, refer_to_authority");
  }
  json::object content{{"decision", decision}, {"note", note}};
  return change(reference, actor, version, "decision", json::serialize(content),
                [](const std::string&) -> std::optional<std::string> { return "decided"; }, decision);
}

}  // namespace lmo::services
