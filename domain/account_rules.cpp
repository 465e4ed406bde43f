#include "domain/account_rules.hpp"

#include <algorithm>
#include <cctype>

namespace lmo::domain {

std::string_view role_name(Role role) {
  switch (role) {
    case Role::officer: return "officer";
    case Role::editor: return "editor";
    case Role::reviewer: return "reviewer";
    case Role::admin: return "admin";
  }
  return "officer";
}

std::optional<Role> parse_role(std::string_view name) {
  for (Role role : {Role::officer, Role::editor, Role::reviewer, Role::admin}) {
    if (role_name(role) == name) return role;
  }
  return std::nullopt;
}

Checked<RoleGrant> parse_role_grant(std::string_view text, const std::string& field) {
  auto colon = text.find(':');
  std::string_view name = text.substr(0, colon);
  std::string country = colon == std::string_view::npos ? std::string() : std::string(text.substr(colon + 1));
  auto role = parse_role(name);
  if (!role) return FieldError{field, "must be officer, editor, reviewer or admin, optionally with :COUNTRY"};
  bool upper = std::all_of(country.begin(), country.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  if (!country.empty() && (country.size() != 2 || !upper)) {
    return FieldError{field, "country must be two capital letters (ISO 3166-1 alpha-2, or EU)"};
  }
  if ((*role == Role::editor || *role == Role::reviewer) && country.empty()) {
    return FieldError{field, "editors and reviewers act for one country: give it as " + std::string(name) + ":XX"};
  }
  if (*role == Role::admin && !country.empty()) return FieldError{field, "administrators hold the role for every country"};
  return RoleGrant{*role, country};
}

std::string grant_text(const RoleGrant& grant) {
  return std::string(role_name(grant.role)) + (grant.country.empty() ? "" : ":" + grant.country);
}

std::optional<FieldError> check_username(std::string_view username) {
  if (username.size() < 3 || username.size() > 64) return FieldError{"username", "must be 3 to 64 characters"};
  for (char c : username) {
    bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_' || c == '@';
    if (!ok) return FieldError{"username", "may hold only letters, digits and . - _ @"};
  }
  return std::nullopt;
}

std::optional<FieldError> check_password(std::string_view password, std::string_view username) {
  if (password.size() < kMinPasswordLength) return FieldError{"password", "must be at least 12 characters"};
  if (password.size() > kMaxPasswordLength) return FieldError{"password", "must be at most 128 characters"};
  if (std::all_of(password.begin(), password.end(), [&](char c) { return c == password.front(); })) {
    return FieldError{"password", "must not be one character repeated"};
  }
  auto lower = [](std::string_view text) {
    std::string out(text);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  };
  if (!username.empty() && lower(password).find(lower(username)) != std::string::npos) {
    return FieldError{"password", "must not contain the user name"};
  }
  return std::nullopt;
}

}  // namespace lmo::domain
