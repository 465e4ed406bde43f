#include "store/postgres/pg_session_store.hpp"

namespace lmo::store::postgres {

void PgSessionStore::create_session(const std::string& token_hash, std::int64_t user_id, const std::string& csrf_token,
                                    std::int64_t seconds, const std::string& address) {
  auto db = database_.connection();
  Transaction transaction(*db);
  Statement(*db, "DELETE FROM sessions WHERE expires_at <= lmo_now()").execute();
  Statement insert(*db, "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, address) "
                        "VALUES ($1, $2, $3, lmo_now(), lmo_now($4::double precision), $5)");
  insert.bind(1, token_hash).bind(2, user_id).bind(3, csrf_token).bind(4, seconds).bind(5, address).execute();
  transaction.commit();
}

std::optional<SessionRecord> PgSessionStore::find_session(const std::string& token_hash) const {
  auto db = database_.connection();
  Statement select(*db, "SELECT s.token_hash, s.user_id, u.username, s.csrf_token, s.expires_at "
                        "FROM sessions s JOIN users u ON u.id = s.user_id "
                        "WHERE s.token_hash = $1 AND NOT u.disabled AND s.expires_at > lmo_now()");
  select.bind(1, token_hash);
  if (!select.step()) return std::nullopt;
  return SessionRecord{select.text(0), select.integer(1), select.text(2), select.text(3), select.text(4)};
}

void PgSessionStore::delete_session(const std::string& token_hash) {
  auto db = database_.connection();
  Statement(*db, "DELETE FROM sessions WHERE token_hash = $1").bind(1, token_hash).execute();
}

std::int64_t PgSessionStore::record_failure(const std::string& key) {
  auto db = database_.connection();
  Statement insert(*db, "INSERT INTO login_failures (key, at) VALUES ($1, lmo_now()) RETURNING id");
  insert.bind(1, key);
  insert.step();
  return insert.integer(0);
}

void PgSessionStore::forget_failure(std::int64_t id) {
  auto db = database_.connection();
  Statement(*db, "DELETE FROM login_failures WHERE id = $1::bigint").bind(1, id).execute();
}

std::int64_t PgSessionStore::recent_failures(const std::string& key, std::int64_t seconds) const {
  auto db = database_.connection();
  Statement count(*db, "SELECT count(*) FROM login_failures WHERE key = $1 AND at > lmo_now(-$2::double precision)");
  count.bind(1, key).bind(2, seconds);
  count.step();
  return count.integer(0);
}

void PgSessionStore::clear_failures(const std::string& key) {
  auto db = database_.connection();
  Statement(*db, "DELETE FROM login_failures WHERE key = $1").bind(1, key).execute();
}

}  // namespace lmo::store::postgres
