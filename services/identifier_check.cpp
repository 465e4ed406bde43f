#include "services/identifier_check.hpp"

#include <boost/json.hpp>

#include "services/registry_service.hpp"

namespace lmo::services {

namespace json = boost::json;

namespace {

std::string_view status_text(domain::IdentifierStatus status) {
  switch (status) {
    case domain::IdentifierStatus::valid: return "valid";
    case domain::IdentifierStatus::valid_with_warnings: return "valid_with_warnings";
    case domain::IdentifierStatus::invalid: return "invalid";
  }
  return "invalid";
}

json::value optional_digit(const std::optional<int>& digit) {
  return digit ? json::value(*digit) : json::value(nullptr);
}

}  // namespace

IdentifierCheck check_identifier(std::string_view input, const std::vector<std::string>& prefixes,
                                 const RegistryService* registry) {
  IdentifierCheck check;
  check.input = std::string(input);
  check.parse = domain::parse_stacked_identifier(input, prefixes);
  if (registry && check.parse.status != domain::IdentifierStatus::invalid) {
    if (auto lmo = registry->find_lmo(check.parse.canonical)) check.registry_key = lmo->key;
  }
  return check;
}

json::object to_json(const IdentifierCheck& check) {
  json::array components;
  for (const auto& c : check.parse.components) {
    json::array issues;
    for (const auto& issue : c.issues) {
      issues.push_back(json::object{
          {"code", issue.code},
          {"severity", issue.severity == domain::IssueSeverity::error ? "error" : "warning"},
          {"message", issue.message},
          {"position", issue.position ? json::value(*issue.position) : json::value(nullptr)},
          {"character", issue.character.empty() ? json::value(nullptr) : json::value(issue.character)},
          {"expected_check_digit", optional_digit(issue.expected_check_digit)}});
    }
    components.push_back(json::object{
        {"status", status_text(c.status)},
        {"canonical", c.canonical.empty() ? json::value(nullptr) : json::value(c.canonical)},
        {"developer", c.developer},
        {"event", c.event},
        {"given_check_digit", optional_digit(c.given_check_digit)},
        {"expected_check_digit", optional_digit(c.expected_check_digit)},
        {"issues", std::move(issues)}});
  }
  return {{"input", check.input},
          {"status", status_text(check.parse.status)},
          {"canonical", check.parse.canonical.empty() ? json::value(nullptr) : json::value(check.parse.canonical)},
          {"stacked", check.parse.components.size() > 1},
          {"components", std::move(components)},
          {"registry",
           json::object{{"known", check.registry_key.has_value()},
                        {"key", check.registry_key ? json::value(*check.registry_key) : json::value(nullptr)}}}};
}

std::string to_text(const IdentifierCheck& check) {
  std::string out = check.input + "\n  " + std::string(status_text(check.parse.status));
  if (!check.parse.canonical.empty()) out += "  " + check.parse.canonical;
  if (check.registry_key) out += "  (in the registry)";
  out += "\n";
  for (const auto& c : check.parse.components) {
    for (const auto& issue : c.issues) {
      out += "    " + std::string(issue.severity == domain::IssueSeverity::error ? "error" : "warning") + " " +
             issue.code + ": " + issue.message + "\n";
    }
  }
  return out;
}

}  // namespace lmo::services
