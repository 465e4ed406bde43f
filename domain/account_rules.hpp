// Accounts: the roles a user may hold (officer, national editor, reviewer, administrator),
// each for one country or for all, and the rules for user names and passwords. Pure checks;
// hashing and storage live in services/ and store/.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/field_error.hpp"

namespace lmo::domain {

enum class Role { officer, editor, reviewer, admin };
std::string_view role_name(Role role);  // "officer", "editor", "reviewer", "admin"
std::optional<Role> parse_role(std::string_view name);

// A role held for one country (ISO 3166-1 alpha-2, or "EU"), or for every country ("").
struct RoleGrant {
  Role role = Role::officer;
  std::string country;
  bool operator==(const RoleGrant&) const = default;
};

// "admin", "editor:MX", "reviewer:EU" → a grant; editors and reviewers need a country
// (they act for their own country only). Field errors name `field`.
Checked<RoleGrant> parse_role_grant(std::string_view text, const std::string& field = "role");
std::string grant_text(const RoleGrant& grant);  // "editor:MX", "admin"

// User names: 3 to 64 characters of letters, digits, '.', '-', '_' and '@'.
std::optional<FieldError> check_username(std::string_view username);

inline constexpr std::size_t kMinPasswordLength = 12;
inline constexpr std::size_t kMaxPasswordLength = 128;
// Passwords: 12 to 128 bytes (length is what resists guessing; no composition rules), not the
// user name, not one character repeated.
std::optional<FieldError> check_password(std::string_view password, std::string_view username);

}  // namespace lmo::domain
