// SqliteAccountStore: AccountStore on the portal's SQLite database (migration 0003).
#pragma once

#include "store/account_store.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace lmo::store::sqlite {

class SqliteAccountStore final : public AccountStore {
 public:
  explicit SqliteAccountStore(SqliteDatabase& database) : database_(database) {}

  std::optional<std::int64_t> add_user(const UserRecord& user, const AuditEntry& audit) override;
  std::optional<UserRecord> find_user(const std::string& username) const override;
  std::vector<UserRecord> users() const override;
  bool set_disabled(const std::string& username, bool disabled, const AuditEntry& audit) override;
  bool add_grant(const std::string& username, const domain::RoleGrant& grant, const AuditEntry& audit) override;
  void append_audit(const AuditEntry& entry) override;
  std::vector<AuditEntry> audit(const AuditFilter& filter) const override;

 private:
  SqliteDatabase& database_;
};

}  // namespace lmo::store::sqlite
