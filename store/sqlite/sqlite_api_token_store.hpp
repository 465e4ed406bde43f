// SqliteApiTokenStore: ApiTokenStore on the portal's SQLite database (migration 0005).
#pragma once

#include "store/api_token_store.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace lmo::store::sqlite {

class SqliteApiTokenStore final : public ApiTokenStore {
 public:
  explicit SqliteApiTokenStore(SqliteDatabase& database) : database_(database) {}

  std::optional<std::int64_t> create_token(const std::string& username, const std::string& name,
                                           const std::string& token_hash, const std::string& scopes,
                                           std::int64_t days) override;
  std::optional<ApiTokenRecord> use_token(const std::string& token_hash) override;
  std::vector<ApiTokenRecord> tokens(const std::string& username) const override;
  bool revoke_token(std::int64_t id) override;

 private:
  SqliteDatabase& database_;
};

}  // namespace lmo::store::sqlite
