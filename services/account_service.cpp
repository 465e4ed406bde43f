#include "services/account_service.hpp"

namespace lmo::services {

namespace {

store::AuditEntry entry(const Actor& actor, std::string action, std::string target, std::string outcome,
                        std::string detail = {}) {
  return {0, {}, actor.name, std::move(action), std::move(target), std::move(outcome), actor.address,
          actor.request_id, std::move(detail)};
}

}  // namespace

domain::Checked<store::UserRecord> AccountService::add_user(const NewUser& user, const Actor& actor) {
  if (auto problem = domain::check_username(user.username)) return *problem;
  if (user.display_name.size() > 200) return domain::FieldError{"display_name", "must be at most 200 characters"};
  if (auto problem = domain::check_password(user.password, user.username)) return *problem;
  store::UserRecord record;
  record.username = user.username;
  record.display_name = user.display_name.empty() ? user.username : user.display_name;
  for (std::size_t i = 0; i < user.grants.size(); ++i) {
    auto grant = domain::parse_role_grant(user.grants[i], "roles[" + std::to_string(i) + "]");
    if (const auto* problem = domain::error_of(grant)) return *problem;
    record.grants.push_back(std::get<domain::RoleGrant>(grant));
  }
  if (record.grants.empty()) return domain::FieldError{"roles", "at least one role is required"};
  record.password_hash = hasher_.hash(user.password);
  std::string roles;
  for (const auto& g : record.grants) roles += (roles.empty() ? "" : " ") + domain::grant_text(g);
  auto id = store_.add_user(record, entry(actor, "user.add", record.username, "ok", "roles: " + roles));
  if (!id) {
    store_.append_audit(entry(actor, "user.add", record.username, "failed", "user name taken"));
    return domain::FieldError{"username", "is already taken"};
  }
  return *store_.find_user(record.username);
}

std::optional<domain::FieldError> AccountService::set_disabled(const std::string& username, bool disabled,
                                                               const Actor& actor) {
  if (!store_.set_disabled(username, disabled, entry(actor, disabled ? "user.disable" : "user.enable", username, "ok"))) {
    return domain::FieldError{"username", "no such user"};
  }
  return std::nullopt;
}

std::optional<domain::FieldError> AccountService::grant(const std::string& username, const std::string& text,
                                                        const Actor& actor) {
  auto grant = domain::parse_role_grant(text, "role");
  if (const auto* problem = domain::error_of(grant)) return *problem;
  const auto& g = std::get<domain::RoleGrant>(grant);
  if (!store_.add_grant(username, g, entry(actor, "user.grant", username, "ok", "role: " + domain::grant_text(g)))) {
    return domain::FieldError{"username", "no such user"};
  }
  return std::nullopt;
}

std::optional<store::UserRecord> AccountService::verify_credentials(const std::string& username,
                                                                    const std::string& password, const Actor& from) {
  auto user = store_.find_user(username);
  if (!user) {
    hasher_.waste_time(password);
    store_.append_audit(entry(from, "login.failed", username, "failed", "unknown user"));
    return std::nullopt;
  }
  if (!hasher_.verify(user->password_hash, password)) {
    store_.append_audit(entry(from, "login.failed", user->username, "failed", "wrong password"));
    return std::nullopt;
  }
  if (user->disabled) {
    store_.append_audit(entry(from, "login.failed", user->username, "failed", "account disabled"));
    return std::nullopt;
  }
  store_.append_audit(entry(from, "login", user->username, "ok"));
  return user;
}

}  // namespace lmo::services
