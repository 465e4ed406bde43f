#include "store/postgres/pg_api_token_store.hpp"

namespace lmo::store::postgres {

namespace {

constexpr const char* kColumns =
    "SELECT t.id, u.username, t.name, t.scopes, t.created_at, t.expires_at, t.revoked_at, t.last_used_at "
    "FROM api_tokens t JOIN users u ON u.id = t.user_id ";

ApiTokenRecord read_token(Statement& row) {
  return {row.integer(0), row.text(1), row.text(2), row.text(3), row.text(4), row.text(5), row.optional_text(6),
          row.optional_text(7)};
}

}  // namespace

std::optional<std::int64_t> PgApiTokenStore::create_token(const std::string& username, const std::string& name,
                                                          const std::string& token_hash, const std::string& scopes,
                                                          std::int64_t days) {
  auto db = database_.connection();
  Statement insert(*db, "INSERT INTO api_tokens (user_id, name, token_hash, scopes, created_at, expires_at) "
                        "SELECT id, $2, $3, $4, lmo_now(), lmo_now($5::double precision * 86400) "
                        "FROM users WHERE lower(username) = lower($1) RETURNING id");
  insert.bind(1, username).bind(2, name).bind(3, token_hash).bind(4, scopes).bind(5, days);
  if (!insert.step()) return std::nullopt;
  return insert.integer(0);
}

std::optional<ApiTokenRecord> PgApiTokenStore::use_token(const std::string& token_hash) {
  auto db = database_.connection();
  Statement select(*db, std::string(kColumns) + "WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND NOT u.disabled "
                                                "AND t.expires_at > lmo_now()");
  select.bind(1, token_hash);
  if (!select.step()) return std::nullopt;
  auto token = read_token(select);
  Statement(*db, "UPDATE api_tokens SET last_used_at = lmo_now() WHERE id = $1").bind(1, token.id).execute();
  return token;
}

std::vector<ApiTokenRecord> PgApiTokenStore::tokens(const std::string& username) const {
  auto db = database_.connection();
  Statement select(*db, std::string(kColumns) + "WHERE lower(u.username) = lower($1) ORDER BY t.id");
  select.bind(1, username);
  std::vector<ApiTokenRecord> out;
  while (select.step()) out.push_back(read_token(select));
  return out;
}

bool PgApiTokenStore::revoke_token(std::int64_t id) {
  auto db = database_.connection();
  Statement update(*db, "UPDATE api_tokens SET revoked_at = coalesce(revoked_at, lmo_now()) WHERE id = $1");
  update.bind(1, id).execute();
  return update.affected_rows() > 0;
}

}  // namespace lmo::store::postgres
