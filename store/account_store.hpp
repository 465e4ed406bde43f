// AccountStore: users with their roles and password hashes, and the append-only audit log —
// the persistence behind accounts (services/account_service.hpp). Implementations: SQLite
// (store/sqlite/sqlite_account_store.hpp). Errors are StoreError; a user name that is taken
// is reported by add_user returning nullopt, not by an exception.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/account_rules.hpp"

namespace lmo::store {

struct UserRecord {
  std::int64_t id = 0;
  std::string username;
  std::string display_name;
  std::string password_hash;
  bool disabled = false;
  std::string created_at;
  std::string password_changed;
  std::vector<domain::RoleGrant> grants;
};

struct AuditEntry {
  std::int64_t id = 0;
  std::string at;  // set by the store when empty
  std::string actor;
  std::string action;
  std::string target;
  std::string outcome;  // ok, denied, failed
  std::string address;
  std::string request_id;
  std::string detail;
};

struct AuditFilter {
  std::string actor, action, outcome;  // exact matches; empty: any
  std::string from, to;                // ISO timestamps, inclusive; empty: open
  std::size_t limit = 100;
  std::int64_t before_id = 0;          // paging: entries older than this id; 0: the newest
};

class AccountStore {
 public:
  virtual ~AccountStore() = default;
  // Adds a user with its grants and an audit entry, in one transaction. nullopt when the user
  // name is taken (case-insensitively); nothing is written then.
  virtual std::optional<std::int64_t> add_user(const UserRecord& user, const AuditEntry& audit) = 0;
  virtual std::optional<UserRecord> find_user(const std::string& username) const = 0;
  virtual std::vector<UserRecord> users() const = 0;
  // Changes one user with an audit entry, in one transaction; false when there is no such user.
  virtual bool set_disabled(const std::string& username, bool disabled, const AuditEntry& audit) = 0;
  virtual bool add_grant(const std::string& username, const domain::RoleGrant& grant, const AuditEntry& audit) = 0;
  virtual void append_audit(const AuditEntry& entry) = 0;
  // Newest first.
  virtual std::vector<AuditEntry> audit(const AuditFilter& filter) const = 0;
};

}  // namespace lmo::store
