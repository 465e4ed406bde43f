#include "services/editorial_service.hpp"

#include <boost/json.hpp>

#include "domain/registry_json.hpp"
#include "services/clock.hpp"
#include "services/registry_import.hpp"

namespace lmo::services {

namespace json = boost::json;

namespace {

std::optional<domain::RecordType> record_type(const std::string& type) {
  for (auto t : domain::kAllRecordTypes) {
    if (domain::record_type_name(t) == type &&
        std::find(kEditableTypes.begin(), kEditableTypes.end(), type) != kEditableTypes.end()) {
      return t;
    }
  }
  return std::nullopt;
}

bool holds(const CaseActor& actor, domain::Role role, const std::string& country) {
  for (const auto& grant : actor.grants) {
    if (grant.role == domain::Role::admin) return true;
    if (grant.role == role && grant.country == country) return true;
  }
  return false;
}

ActionProblem problem(ActionProblem::Kind kind, std::string field, std::string message) {
  return action_problem(kind, std::move(field), std::move(message));
}

}  // namespace

bool EditorialService::is_editor(const CaseActor& actor, const std::string& country) {
  return holds(actor, domain::Role::editor, country);
}

bool EditorialService::is_reviewer(const CaseActor& actor, const std::string& country) {
  return holds(actor, domain::Role::reviewer, country);
}

void EditorialService::audit(const CaseActor& actor, const std::string& action, const std::string& target,
                             const std::string& outcome, const std::string& detail) const {
  accounts_.record({0, {}, actor.username, action, target, outcome, actor.address, actor.request_id, detail});
}

std::optional<ActionProblem> EditorialService::identify(const std::string& type, const std::string& doc, std::string& key,
                                                        std::string& country) const {
  if (std::find(kEditableTypes.begin(), kEditableTypes.end(), type) == kEditableTypes.end()) {
    return problem(ActionProblem::Kind::invalid, "type", "must be decision, laboratory, authority or rule_set");
  }
  boost::system::error_code error;
  json::parse_options options;
  options.max_depth = 32;
  auto value = json::parse(doc, error, {}, options);
  if (error || !value.is_object()) return problem(ActionProblem::Kind::invalid, "doc", "must be one JSON object (the record)");
  if (type == "rule_set") {
    const auto* code = value.as_object().if_contains("jurisdiction");
    if (!code || !code->is_string() || code->get_string().size() != 2) {
      return problem(ActionProblem::Kind::invalid, "doc.jurisdiction", "must be the country's two-letter code (or EU)");
    }
    key = country = std::string(code->get_string());
    return std::nullopt;
  }
  auto t = record_type(type);
  domain::Registry registry;
  std::vector<domain::RecordProblem> problems;
  domain::decode_records(*t, json::array{value}, registry, problems);
  if (!problems.empty()) {
    return problem(ActionProblem::Kind::invalid, "doc." + problems.front().field, problems.front().reason);
  }
  if (!registry.decisions.empty()) key = registry.decisions.front().id, country = registry.decisions.front().country;
  if (!registry.laboratories.empty()) key = registry.laboratories.front().id, country = registry.laboratories.front().country;
  if (!registry.authorities.empty()) key = registry.authorities.front().id, country = registry.authorities.front().country;
  if (key.empty() || country.empty()) return problem(ActionProblem::Kind::invalid, "doc", "the record needs its id and country");
  return std::nullopt;
}

std::optional<ActionProblem> EditorialService::validate(const store::DraftRecord& draft) const {
  if (draft.type == "rule_set") {
    boost::system::error_code error;
    auto value = json::parse(draft.doc, error);
    if (error) return problem(ActionProblem::Kind::invalid, "doc", "is not valid JSON");
    if (auto bad = rules_.check_jurisdiction(value)) return problem(ActionProblem::Kind::invalid, "doc", *bad);
    return std::nullopt;
  }
  auto t = record_type(draft.type);
  ImportOptions options;
  options.dry_run = true;
  options.retrieved_date = today_utc();
  auto report = import_registry({{std::string(domain::record_type_file(*t)) + ".json", "[" + draft.doc + "]"}}, registry_,
                                "editor", options);
  if (report.rejections.empty()) return std::nullopt;
  const auto& first = report.rejections.front();
  return problem(ActionProblem::Kind::invalid, "doc" + (first.field.empty() ? "" : "." + first.field), first.reason);
}

DraftResult EditorialService::create(const std::string& type, const std::string& doc, const CaseActor& actor) {
  std::string key, country;
  if (auto bad = identify(type, doc, key, country)) return *bad;
  if (!is_editor(actor, country)) {
    audit(actor, "permission.denied", "draft.create " + type + " " + key, "denied", "not an editor of " + country);
    return problem(ActionProblem::Kind::forbidden, "doc.country", "you are not a national editor of " + country);
  }
  store::DraftRecord draft;
  draft.type = type;
  draft.key = key;
  draft.country = country;
  draft.doc = doc;
  draft.author = actor.username;
  auto id = drafts_.create_draft(draft);
  audit(actor, "draft.create", type + " " + key, "ok", "draft " + std::to_string(id));
  return *drafts_.find_draft(id);
}

DraftResult EditorialService::view(std::int64_t id, const CaseActor& actor) const {
  auto draft = drafts_.find_draft(id);
  if (!draft) return problem(ActionProblem::Kind::not_found, "id", "no such draft");
  if (!is_editor(actor, draft->country) && !is_reviewer(actor, draft->country)) {
    audit(actor, "permission.denied", "draft.view " + std::to_string(id), "denied");
    return problem(ActionProblem::Kind::forbidden, "id", "this draft belongs to another country");
  }
  return *draft;
}

std::vector<store::DraftRecord> EditorialService::list(const CaseActor& actor) const {
  std::vector<std::string> countries;
  for (const auto& grant : actor.grants) {
    if (grant.role == domain::Role::admin) return drafts_.drafts({}, 500);
    if ((grant.role == domain::Role::editor || grant.role == domain::Role::reviewer) &&
        std::find(countries.begin(), countries.end(), grant.country) == countries.end()) {
      countries.push_back(grant.country);
    }
  }
  if (countries.empty()) return {};
  return drafts_.drafts(countries, 500);
}

DraftResult EditorialService::save(std::int64_t id, std::int64_t version, const std::string& doc, const CaseActor& actor) {
  auto current = view(id, actor);
  if (auto* refused = std::get_if<ActionProblem>(&current)) return *refused;
  const auto& draft = std::get<store::DraftRecord>(current);
  if (!is_editor(actor, draft.country)) return problem(ActionProblem::Kind::forbidden, "id", "only national editors edit drafts");
  if (draft.status != "draft" && draft.status != "returned") {
    return problem(ActionProblem::Kind::conflict, "status", "a " + draft.status + " draft cannot be edited");
  }
  std::string key, country;
  if (auto bad = identify(draft.type, doc, key, country)) return *bad;
  if (!is_editor(actor, country)) {
    audit(actor, "permission.denied", "draft.save " + std::to_string(id), "denied", "not an editor of " + country);
    return problem(ActionProblem::Kind::forbidden, "doc.country", "you are not a national editor of " + country);
  }
  if (!drafts_.update_doc(id, version, key, country, doc)) {
    return problem(ActionProblem::Kind::conflict, "version", "the draft was changed since you opened it; reload it");
  }
  audit(actor, "draft.save", draft.type + " " + key, "ok", "draft " + std::to_string(id));
  return *drafts_.find_draft(id);
}

DraftResult EditorialService::submit(std::int64_t id, std::int64_t version, const CaseActor& actor) {
  auto current = view(id, actor);
  if (auto* refused = std::get_if<ActionProblem>(&current)) return *refused;
  const auto& draft = std::get<store::DraftRecord>(current);
  if (!is_editor(actor, draft.country)) return problem(ActionProblem::Kind::forbidden, "id", "only national editors submit drafts");
  if (draft.status != "draft" && draft.status != "returned") {
    return problem(ActionProblem::Kind::conflict, "status", "a " + draft.status + " draft cannot be submitted");
  }
  if (auto bad = validate(draft)) {
    audit(actor, "draft.submit", draft.type + " " + draft.key, "failed", bad->error.field + ": " + bad->error.message);
    return *bad;
  }
  if (!drafts_.set_status(id, version, "submitted", std::nullopt, std::nullopt)) {
    return problem(ActionProblem::Kind::conflict, "version", "the draft was changed since you opened it; reload it");
  }
  audit(actor, "draft.submit", draft.type + " " + draft.key, "ok", "draft " + std::to_string(id));
  return *drafts_.find_draft(id);
}

DraftResult EditorialService::return_to_editor(std::int64_t id, std::int64_t version, const std::string& comment,
                                               const CaseActor& actor) {
  auto current = view(id, actor);
  if (auto* refused = std::get_if<ActionProblem>(&current)) return *refused;
  const auto& draft = std::get<store::DraftRecord>(current);
  if (!is_reviewer(actor, draft.country)) {
    audit(actor, "permission.denied", "draft.return " + std::to_string(id), "denied");
    return problem(ActionProblem::Kind::forbidden, "id", "only reviewers of " + draft.country + " return drafts");
  }
  if (draft.status != "submitted") return problem(ActionProblem::Kind::conflict, "status", "only submitted drafts can be returned");
  if (comment.empty() || comment.size() > 2000) {
    return problem(ActionProblem::Kind::invalid, "comment", "say what to change (1 to 2000 characters)");
  }
  if (!drafts_.set_status(id, version, "returned", actor.username, comment)) {
    return problem(ActionProblem::Kind::conflict, "version", "the draft was changed since you opened it; reload it");
  }
  audit(actor, "draft.return", draft.type + " " + draft.key, "ok", "draft " + std::to_string(id));
  return *drafts_.find_draft(id);
}

DraftResult EditorialService::publish(std::int64_t id, std::int64_t version, const CaseActor& actor) {
  auto current = view(id, actor);
  if (auto* refused = std::get_if<ActionProblem>(&current)) return *refused;
  const auto& draft = std::get<store::DraftRecord>(current);
  if (!is_reviewer(actor, draft.country)) {
    audit(actor, "permission.denied", "draft.publish " + std::to_string(id), "denied");
    return problem(ActionProblem::Kind::forbidden, "id", "only reviewers of " + draft.country + " publish");
  }
  if (draft.status != "submitted") return problem(ActionProblem::Kind::conflict, "status", "only submitted drafts can be published");
  if (auto bad = validate(draft)) {
    audit(actor, "draft.publish", draft.type + " " + draft.key, "failed", bad->error.field + ": " + bad->error.message);
    return *bad;
  }
  // Claim the draft first (version check), then write the registry revision.
  if (!drafts_.set_status(id, version, "published", actor.username, draft.comment)) {
    return problem(ActionProblem::Kind::conflict, "version", "the draft was changed since you opened it; reload it");
  }
  if (draft.type == "rule_set") {
    rule_sets_.add_revision(draft.key, draft.doc, actor.username);
    if (auto bad = rules_.set_jurisdiction(json::parse(draft.doc))) {  // checked above: not expected
      return problem(ActionProblem::Kind::invalid, "doc", *bad);
    }
    audit(actor, "record.publish", "rule_set " + draft.key, "ok", "draft " + std::to_string(id) + " by " + draft.author);
    return *drafts_.find_draft(id);
  }
  ImportOptions options;
  options.retrieved_date = today_utc();
  auto t = record_type(draft.type);
  auto report = import_registry({{std::string(domain::record_type_file(*t)) + ".json", "[" + draft.doc + "]"}}, registry_,
                                "editor:" + draft.author + ", reviewer:" + actor.username, options);
  if (!report.rejections.empty()) {  // changed between the check and the write: put the draft back
    drafts_.set_status(id, version + 1, "submitted", std::nullopt, draft.comment);
    return problem(ActionProblem::Kind::invalid, "doc", report.rejections.front().reason);
  }
  audit(actor, "record.publish", draft.type + " " + draft.key, "ok",
        "draft " + std::to_string(id) + " by " + draft.author);
  return *drafts_.find_draft(id);
}

std::string EditorialService::published_doc(const store::DraftRecord& draft) const {
  if (draft.type == "rule_set") return rules_.jurisdiction_doc(draft.key);
  auto t = record_type(draft.type);
  if (!t) return {};
  auto history = registry_.history(*t, draft.key);
  return history.empty() ? std::string() : history.back().doc;
}

}  // namespace lmo::services
