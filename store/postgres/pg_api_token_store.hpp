// ApiTokenStore on PostgreSQL, shared by every instance of a scale-out service.
#pragma once

#include "store/api_token_store.hpp"
#include "store/postgres/pg_database.hpp"

namespace lmo::store::postgres {

class PgApiTokenStore final : public ApiTokenStore {
 public:
  // REQUIRES: `database` outlives the store.
  explicit PgApiTokenStore(PgDatabase& database) : database_(database) {}

  std::optional<std::int64_t> create_token(const std::string& username, const std::string& name,
                                           const std::string& token_hash, const std::string& scopes,
                                           std::int64_t days) override;
  std::optional<ApiTokenRecord> use_token(const std::string& token_hash) override;
  std::vector<ApiTokenRecord> tokens(const std::string& username) const override;
  bool revoke_token(std::int64_t id) override;

 private:
  PgDatabase& database_;
};

}  // namespace lmo::store::postgres
