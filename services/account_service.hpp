// AccountService: the user accounts' use cases — adding users with their roles, listing them,
// disabling them, granting roles, checking credentials — with every write and every
// credential check recorded in the audit log (never a password). Bad input is a FieldError
// naming the field; a taken user name is a FieldError on "username".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/account_rules.hpp"
#include "services/password_hasher.hpp"
#include "store/account_store.hpp"

namespace lmo::services {

// Who does something, and from where: written into each audit entry.
struct Actor {
  std::string name;  // username, or "cli:<system user>"
  std::string address;
  std::string request_id;
};

struct NewUser {
  std::string username;
  std::string display_name;  // defaults to the user name
  std::string password;
  std::vector<std::string> grants;  // "admin", "editor:MX", ...
};

class AccountService {
 public:
  // REQUIRES: `store` outlives the service.
  explicit AccountService(store::AccountStore& store) : store_(store) {}

  domain::Checked<store::UserRecord> add_user(const NewUser& user, const Actor& actor);
  std::vector<store::UserRecord> users() const { return store_.users(); }
  std::optional<domain::FieldError> set_disabled(const std::string& username, bool disabled, const Actor& actor);
  std::optional<domain::FieldError> grant(const std::string& username, const std::string& grant, const Actor& actor);
  // The user when the name and password match an enabled account; the attempt is audited
  // either way ("login" ok / "login.failed" failed, with the reason in the detail).
  std::optional<store::UserRecord> verify_credentials(const std::string& username, const std::string& password,
                                                      const Actor& from);
  std::vector<store::AuditEntry> audit(const store::AuditFilter& filter) const { return store_.audit(filter); }
  std::optional<store::UserRecord> find(const std::string& username) const { return store_.find_user(username); }
  // Appends an entry to the audit log (for events other services observe: logout, throttling).
  void record(const store::AuditEntry& entry) { store_.append_audit(entry); }

 private:
  store::AccountStore& store_;
  PasswordHasher hasher_;
};

}  // namespace lmo::services
