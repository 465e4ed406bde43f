#include "store/sqlite/sqlite_api_token_store.hpp"

namespace lmo::store::sqlite {

namespace {

constexpr const char* kNow = kSqlNow;
constexpr const char* kColumns =
    "SELECT t.id, u.username, t.name, t.scopes, t.created_at, t.expires_at, t.revoked_at, t.last_used_at "
    "FROM api_tokens t JOIN users u ON u.id = t.user_id ";

ApiTokenRecord read_token(Statement& row) {
  return {row.integer(0), row.text(1), row.text(2), row.text(3), row.text(4), row.text(5), row.optional_text(6),
          row.optional_text(7)};
}

}  // namespace

std::optional<std::int64_t> SqliteApiTokenStore::create_token(const std::string& username, const std::string& name,
                                                              const std::string& token_hash, const std::string& scopes,
                                                              std::int64_t days) {
  auto db = database_.connection();
  Transaction transaction(*db);
  Statement user(*db, "SELECT id FROM users WHERE username = ?");
  user.bind(1, username);
  if (!user.step()) return std::nullopt;
  auto user_id = user.integer(0);
  user.reset();
  Statement insert(*db, std::string("INSERT INTO api_tokens (user_id, name, token_hash, scopes, created_at, expires_at) "
                                    "VALUES (?, ?, ?, ?, ") + kNow +
                            ", strftime('%Y-%m-%dT%H:%M:%fZ', 'now', printf('%+d days', ?)))");
  insert.bind(1, user_id).bind(2, name).bind(3, token_hash).bind(4, scopes).bind(5, days).execute();
  Statement id(*db, "SELECT last_insert_rowid()");
  id.step();
  auto token_id = id.integer(0);
  id.reset();
  transaction.commit();
  return token_id;
}

std::optional<ApiTokenRecord> SqliteApiTokenStore::use_token(const std::string& token_hash) {
  auto db = database_.connection();
  Statement select(*db, std::string(kColumns) + "WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.disabled = 0 "
                                                "AND t.expires_at > " + kNow);
  select.bind(1, token_hash);
  if (!select.step()) return std::nullopt;
  auto token = read_token(select);
  select.reset();
  Statement(*db, std::string("UPDATE api_tokens SET last_used_at = ") + kNow + " WHERE id = ?").bind(1, token.id).execute();
  return token;
}

std::vector<ApiTokenRecord> SqliteApiTokenStore::tokens(const std::string& username) const {
  auto db = database_.connection();
  Statement select(*db, std::string(kColumns) + "WHERE u.username = ? ORDER BY t.id");
  select.bind(1, username);
  std::vector<ApiTokenRecord> out;
  while (select.step()) out.push_back(read_token(select));
  return out;
}

bool SqliteApiTokenStore::revoke_token(std::int64_t id) {
  auto db = database_.connection();
  Statement update(*db, std::string("UPDATE api_tokens SET revoked_at = coalesce(revoked_at, ") + kNow + ") WHERE id = ?");
  update.bind(1, id).execute();
  Statement changed(*db, "SELECT changes()");
  changed.step();
  return changed.integer(0) > 0;
}

}  // namespace lmo::store::sqlite
