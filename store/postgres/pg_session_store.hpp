// SessionStore on PostgreSQL, shared by every instance of a scale-out service: a login on one
// instance is valid on the others, and throttling counts failures across all of them.
#pragma once

#include "store/session_store.hpp"
#include "store/postgres/pg_database.hpp"

namespace lmo::store::postgres {

class PgSessionStore final : public SessionStore {
 public:
  // REQUIRES: `database` outlives the store.
  explicit PgSessionStore(PgDatabase& database) : database_(database) {}

  void create_session(const std::string& token_hash, std::int64_t user_id, const std::string& csrf_token,
                      std::int64_t seconds, const std::string& address) override;
  std::optional<SessionRecord> find_session(const std::string& token_hash) const override;
  void delete_session(const std::string& token_hash) override;
  std::int64_t record_failure(const std::string& key) override;
  void forget_failure(std::int64_t id) override;
  std::int64_t recent_failures(const std::string& key, std::int64_t seconds) const override;
  void clear_failures(const std::string& key) override;

 private:
  PgDatabase& database_;
};

}  // namespace lmo::store::postgres
