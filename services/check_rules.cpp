#include "services/check_rules.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <set>
#include <shared_mutex>

#include "services/data_file.hpp"

namespace lmo::services {

namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

domain::LocalizedText localized(const json::object& object, std::string_view name) {
  domain::LocalizedText text;
  if (const auto* v = object.if_contains(name); v && v->is_object()) {
    for (const auto& [lang, item] : v->as_object()) {
      if (item.is_string()) text.set(std::string(lang), std::string(item.as_string()));
    }
  }
  return text;
}

std::string text(const json::object& object, std::string_view name) {
  const auto* v = object.if_contains(name);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::string digits(std::string_view code) {
  std::string out;
  for (char c : code) {
    if (c >= '0' && c <= '9') out += c;
  }
  return out;
}

CheckRule read_rule(const json::value& item, const fs::path& file) {
  const auto* o = item.if_object();
  if (!o) throw BundledDataError(file.string() + ": every rule must be an object");
  CheckRule rule;
  rule.id = text(*o, "id");
  rule.severity = text(*o, "severity");
  if (rule.id.empty() || (rule.severity != "mandatory" && rule.severity != "recommended" && rule.severity != "information")) {
    throw BundledDataError(file.string() + ": rule '" + rule.id + "' needs an id and a severity");
  }
  if (const auto* regimes = o->if_contains("regimes"); regimes && regimes->is_array()) {
    for (const auto& r : regimes->as_array()) {
      if (r.is_string()) rule.regimes.emplace_back(r.as_string());
    }
  }
  rule.legal_basis = text(*o, "legal_basis");
  rule.requirement = localized(*o, "requirement");
  rule.why = localized(*o, "why");
  rule.action = localized(*o, "action");
  if (const auto* phrases = o->if_contains("recognised_phrases"); phrases && phrases->is_object()) {
    for (const auto& [lang, list] : phrases->as_object()) {
      if (!list.is_array()) continue;
      for (const auto& entry : list.as_array()) {
        if (entry.is_string()) {
          rule.phrases.push_back({rule.id, std::string(lang), std::string(entry.as_string()), ""});
        } else if (const auto* e = entry.if_object()) {
          rule.phrases.push_back({rule.id, std::string(lang), text(*e, "phrase"), text(*e, "kind")});
        }
      }
    }
  }
  return rule;
}

}  // namespace

bool CheckRule::applies_to(std::string_view regime) const {
  for (const auto& r : regimes) {
    if (r == "any" || r == regime) return true;
  }
  return false;
}

CheckRules::CheckRules(const fs::path& dir) {
  auto rules_file = dir / "article18.json";
  auto value = read_json_file(rules_file);
  const auto* root = value.if_object();
  const auto* rules = root ? root->if_contains("rules") : nullptr;
  if (!rules || !rules->is_array()) throw BundledDataError(rules_file.string() + ": needs a 'rules' array");
  version_ = text(*root, "version");
  for (const auto& item : rules->as_array()) rules_.push_back(read_rule(item, rules_file));
  if (fs::is_directory(dir / "countries")) {
    for (const auto& entry : fs::directory_iterator(dir / "countries")) {
      if (entry.path().extension() != ".json") continue;
      auto jurisdiction = read_jurisdiction(read_json_file(entry.path()), entry.path().string());
      std::string code = jurisdiction->code;
      jurisdictions_[code] = std::move(jurisdiction);
    }
  }
  auto hints_file = dir / "hs_hints.json";
  auto hints = read_json_file(hints_file);
  const auto* entries = hints.is_object() ? hints.as_object().if_contains("entries") : nullptr;
  if (!entries || !entries->is_array()) throw BundledDataError(hints_file.string() + ": needs an 'entries' array");
  read_hints(*entries, "", hints_file);
  // National tariff tables (8 to 10 digits), one file per jurisdiction.
  if (auto national = dir / "hs_national"; fs::is_directory(national)) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(national)) {
      if (entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      auto table = read_json_file(file);
      const auto* o = table.if_object();
      const auto* list = o ? o->if_contains("entries") : nullptr;
      std::string code = o ? text(*o, "jurisdiction") : "";
      if (!list || !list->is_array() || code != file.stem().string()) {
        throw BundledDataError(file.string() + ": needs 'jurisdiction' (the file's name) and an 'entries' array");
      }
      read_hints(*list, code, file);
    }
  }
}

void CheckRules::read_hints(const json::value& entries, const std::string& jurisdiction, const fs::path& file) {
  static const std::set<std::string, std::less<>> kIndicates{"seed_for_sowing", "grain_or_oilseed", "live_animal", "live_plant",
                                                             "micro-organism_culture", "processed_product"};
  for (const auto& item : entries.as_array()) {
    const auto* o = item.if_object();
    if (!o) throw BundledDataError(file.string() + ": every entry must be an object");
    HsHint hint{text(*o, jurisdiction.empty() ? "hs" : "code"), jurisdiction, localized(*o, "description"),
                text(*o, "organism"), text(*o, "indicates"), {}};
    std::size_t length = digits(hint.hs).size();
    if (jurisdiction.empty() ? (length < 4 || length > 6) : (length < 8 || length > 10)) {
      throw BundledDataError(file.string() + ": code '" + hint.hs + "' must have " +
                             (jurisdiction.empty() ? "4 to 6" : "8 to 10") + " digits");
    }
    if (!kIndicates.contains(hint.indicates)) {
      throw BundledDataError(file.string() + ": code '" + hint.hs + "' has an unknown 'indicates'");
    }
    if (const auto* uses = o->if_contains("expected_uses"); uses && uses->is_array()) {
      for (const auto& u : uses->as_array()) {
        if (u.is_string()) hint.expected_uses.emplace_back(u.as_string());
      }
    }
    hints_.push_back(std::move(hint));
  }
}

std::shared_ptr<const CheckRules::Jurisdiction> CheckRules::read_jurisdiction(const json::value& value,
                                                                           const std::string& origin) const {
  const auto* o = value.if_object();
  std::string code = o ? text(*o, "jurisdiction") : std::string();
  bool upper = code.size() == 2 && std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  if (!upper) throw BundledDataError(origin + ": needs a 'jurisdiction' (two capital letters, e.g. MX or EU)");
  auto jurisdiction = std::make_shared<Jurisdiction>();
  jurisdiction->code = code;
  jurisdiction->version = text(*o, "version");
  jurisdiction->doc = json::serialize(value);
  if (const auto* list = o->if_contains("overrides"); list && list->is_array()) {
    for (const auto& item : list->as_array()) {
      const auto* x = item.if_object();
      if (!x) throw BundledDataError(origin + ": every override must be an object");
      Override override{text(*x, "rule"), text(*x, "severity"), text(*x, "legal_basis_addition")};
      if (!rule(override.rule)) throw BundledDataError(origin + ": override of unknown rule '" + override.rule + "'");
      if (!override.severity.empty() && override.severity != "mandatory" && override.severity != "recommended" &&
          override.severity != "information") {
        throw BundledDataError(origin + ": rule '" + override.rule + "' has an unknown severity");
      }
      jurisdiction->overrides.push_back(std::move(override));
    }
  }
  if (const auto* list = o->if_contains("additions"); list && list->is_array()) {
    for (const auto& item : list->as_array()) {
      auto addition = read_rule(item, origin);
      if (addition.phrases.empty()) {
        throw BundledDataError(origin + ": addition '" + addition.id +
                               "' needs recognised_phrases (the wording the document must carry)");
      }
      jurisdiction->additions.push_back(std::move(addition));
    }
  }
  return jurisdiction;
}

std::optional<std::string> CheckRules::check_jurisdiction(const json::value& document) const {
  try {
    read_jurisdiction(document, "rule set");
    return std::nullopt;
  } catch (const BundledDataError& error) {
    return std::string(error.what());
  }
}

std::optional<std::string> CheckRules::set_jurisdiction(const json::value& document) {
  try {
    auto jurisdiction = read_jurisdiction(document, "rule set");
    std::unique_lock lock(mutex_);
    jurisdictions_[jurisdiction->code] = std::move(jurisdiction);
    return std::nullopt;
  } catch (const BundledDataError& error) {
    return std::string(error.what());
  }
}

std::string CheckRules::jurisdiction_doc(std::string_view code) const {
  std::shared_lock lock(mutex_);
  auto found = jurisdictions_.find(code);
  return found == jurisdictions_.end() ? std::string() : found->second->doc;
}

std::shared_ptr<const CheckRules::Jurisdiction> CheckRules::jurisdiction(std::string_view code) const {
  std::shared_lock lock(mutex_);
  auto found = jurisdictions_.find(code);
  return found == jurisdictions_.end() ? nullptr : found->second;
}

const CheckRule* CheckRules::rule(std::string_view id) const {
  for (const auto& rule : rules_) {
    if (rule.id == id) return &rule;
  }
  return nullptr;
}

std::optional<CheckRule> CheckRules::rule_in(std::string_view id, const std::vector<std::string>& jurisdictions) const {
  const CheckRule* base = rule(id);
  if (!base) {
    for (const auto& addition : additions(jurisdictions)) {
      if (addition.id == id) return addition;
    }
    return std::nullopt;
  }
  CheckRule applied = *base;
  for (const auto& code : jurisdictions) {
    auto found = jurisdiction(code);
    if (!found) continue;
    for (const auto& override : found->overrides) {
      if (override.rule != id) continue;
      if (!override.severity.empty()) applied.severity = override.severity;
      if (!override.legal_basis_addition.empty()) applied.legal_basis += "; " + override.legal_basis_addition;
    }
  }
  return applied;
}

std::vector<CheckRule> CheckRules::additions(const std::vector<std::string>& jurisdictions) const {
  std::vector<CheckRule> out;
  for (const auto& code : jurisdictions) {
    if (auto found = jurisdiction(code)) out.insert(out.end(), found->additions.begin(), found->additions.end());
  }
  return out;
}

std::vector<std::string> CheckRules::override_versions(const std::vector<std::string>& jurisdictions) const {
  std::vector<std::string> out;
  for (const auto& code : jurisdictions) {
    if (auto found = jurisdiction(code)) out.push_back(code + " " + found->version);
  }
  return out;
}

std::vector<const HsHint*> CheckRules::hs_hints_in(const std::vector<std::string>& jurisdictions) const {
  std::vector<const HsHint*> out;
  for (const auto& hint : hints_) {
    if (hint.jurisdiction.empty() ||
        std::find(jurisdictions.begin(), jurisdictions.end(), hint.jurisdiction) != jurisdictions.end()) {
      out.push_back(&hint);
    }
  }
  return out;
}

std::vector<std::string> CheckRules::national_tables() const {
  std::vector<std::string> out;
  for (const auto& hint : hints_) {
    if (!hint.jurisdiction.empty() && std::find(out.begin(), out.end(), hint.jurisdiction) == out.end()) {
      out.push_back(hint.jurisdiction);
    }
  }
  return out;
}

const HsHint* CheckRules::hs_hint(std::string_view hs_code, const std::vector<std::string>& jurisdictions) const {
  std::string code = digits(hs_code);
  const HsHint* best = nullptr;
  std::size_t best_length = 0;
  for (const HsHint* hint : hs_hints_in(jurisdictions)) {
    std::string prefix = digits(hint->hs);
    if (code.rfind(prefix, 0) == 0 && prefix.size() > best_length) {
      best = hint;
      best_length = prefix.size();
    }
  }
  return best;
}

domain::StatementRecognizer CheckRules::recognizer_for(std::string_view regime) const {
  std::vector<domain::StatementPhrase> phrases;
  for (const auto& rule : rules_) {
    if (rule.applies_to(regime)) phrases.insert(phrases.end(), rule.phrases.begin(), rule.phrases.end());
  }
  return domain::StatementRecognizer(std::move(phrases));
}

}  // namespace lmo::services
