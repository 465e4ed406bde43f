#include "store/sqlite/sqlite_session_store.hpp"

namespace lmo::store::sqlite {

namespace {
constexpr const char* kNow = kSqlNow;
// The time `?` seconds from now (negative: ago); printf keeps the modifier's sign valid.
std::string seconds_from_now(const char* factor) {
  return std::string("strftime('%Y-%m-%dT%H:%M:%fZ', 'now', printf('%+d seconds', ") + factor + " * ?))";
}
}  // namespace

void SqliteSessionStore::create_session(const std::string& token_hash, std::int64_t user_id, const std::string& csrf_token,
                                        std::int64_t seconds, const std::string& address) {
  auto db = database_.connection();
  Transaction transaction(*db);
  Statement(*db, std::string("DELETE FROM sessions WHERE expires_at <= ") + kNow).execute();
  Statement insert(*db, std::string("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, address) "
                                    "VALUES (?, ?, ?, ") + kNow + ", " + seconds_from_now("1") + ", ?)");
  insert.bind(1, token_hash).bind(2, user_id).bind(3, csrf_token).bind(4, seconds).bind(5, address).execute();
  transaction.commit();
}

std::optional<SessionRecord> SqliteSessionStore::find_session(const std::string& token_hash) const {
  auto db = database_.connection();
  Statement select(*db, std::string("SELECT s.token_hash, s.user_id, u.username, s.csrf_token, s.expires_at "
                                    "FROM sessions s JOIN users u ON u.id = s.user_id "
                                    "WHERE s.token_hash = ? AND u.disabled = 0 AND s.expires_at > ") + kNow);
  select.bind(1, token_hash);
  if (!select.step()) return std::nullopt;
  return SessionRecord{select.text(0), select.integer(1), select.text(2), select.text(3), select.text(4)};
}

void SqliteSessionStore::delete_session(const std::string& token_hash) {
  auto db = database_.connection();
  Statement(*db, "DELETE FROM sessions WHERE token_hash = ?").bind(1, token_hash).execute();
}

std::int64_t SqliteSessionStore::record_failure(const std::string& key) {
  auto db = database_.connection();
  Statement insert(*db, std::string("INSERT INTO login_failures (key, at) VALUES (?, ") + kNow + ") RETURNING rowid");
  insert.bind(1, key);
  insert.step();
  return insert.integer(0);
}

void SqliteSessionStore::forget_failure(std::int64_t id) {
  auto db = database_.connection();
  Statement(*db, "DELETE FROM login_failures WHERE rowid = ?").bind(1, id).execute();
}

std::int64_t SqliteSessionStore::recent_failures(const std::string& key, std::int64_t seconds) const {
  auto db = database_.connection();
  Statement count(*db, "SELECT count(*) FROM login_failures WHERE key = ? AND at > " + seconds_from_now("-1"));
  count.bind(1, key).bind(2, seconds);
  count.step();
  return count.integer(0);
}

void SqliteSessionStore::clear_failures(const std::string& key) {
  auto db = database_.connection();
  Statement(*db, "DELETE FROM login_failures WHERE key = ?").bind(1, key).execute();
}

}  // namespace lmo::store::sqlite
