// SqliteSessionStore: SessionStore on the portal's SQLite database (migration 0004).
#pragma once

#include "store/session_store.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace lmo::store::sqlite {

class SqliteSessionStore final : public SessionStore {
 public:
  explicit SqliteSessionStore(SqliteDatabase& database) : database_(database) {}

  void create_session(const std::string& token_hash, std::int64_t user_id, const std::string& csrf_token,
                      std::int64_t seconds, const std::string& address) override;
  std::optional<SessionRecord> find_session(const std::string& token_hash) const override;
  void delete_session(const std::string& token_hash) override;
  std::int64_t record_failure(const std::string& key) override;
  void forget_failure(std::int64_t id) override;
  std::int64_t recent_failures(const std::string& key, std::int64_t seconds) const override;
  void clear_failures(const std::string& key) override;

 private:
  SqliteDatabase& database_;
};

}  // namespace lmo::store::sqlite
