// AccountStore on PostgreSQL, shared by every instance of a scale-out service; user names are unique
// case-insensitively (a unique index on lower(username)) and the audit log is append-only.
#pragma once

#include "store/account_store.hpp"
#include "store/postgres/pg_database.hpp"

namespace lmo::store::postgres {

class PgAccountStore final : public AccountStore {
 public:
  // REQUIRES: `database` outlives the store.
  explicit PgAccountStore(PgDatabase& database) : database_(database) {}

  std::optional<std::int64_t> add_user(const UserRecord& user, const AuditEntry& audit) override;
  std::optional<UserRecord> find_user(const std::string& username) const override;
  std::vector<UserRecord> users() const override;
  bool set_disabled(const std::string& username, bool disabled, const AuditEntry& audit) override;
  bool add_grant(const std::string& username, const domain::RoleGrant& grant, const AuditEntry& audit) override;
  void append_audit(const AuditEntry& entry) override;
  std::vector<AuditEntry> audit(const AuditFilter& filter) const override;

 private:
  PgDatabase& database_;
};

}  // namespace lmo::store::postgres
