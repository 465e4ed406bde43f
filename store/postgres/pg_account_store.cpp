#include "store/postgres/pg_account_store.hpp"

namespace lmo::store::postgres {

namespace {

void insert_audit(PgConnection& db, const AuditEntry& e) {
  Statement insert(db, "INSERT INTO audit_log (at, actor, action, target, outcome, address, request_id, detail) "
                       "VALUES (coalesce(nullif($1::text, ''), lmo_now()), $2, $3, $4, $5, $6, $7, $8)");
  insert.bind(1, e.at).bind(2, e.actor).bind(3, e.action).bind(4, e.target).bind(5, e.outcome).bind(6, e.address)
      .bind(7, e.request_id).bind(8, e.detail).execute();
}

void insert_grant(PgConnection& db, std::int64_t user, const domain::RoleGrant& grant) {
  Statement insert(db, "INSERT INTO user_roles (user_id, role, country) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING");
  insert.bind(1, user).bind(2, domain::role_name(grant.role)).bind(3, grant.country).execute();
}

std::vector<domain::RoleGrant> grants_of(PgConnection& db, std::int64_t user) {
  std::vector<domain::RoleGrant> out;
  Statement select(db, "SELECT role, country FROM user_roles WHERE user_id = $1 ORDER BY role, country");
  select.bind(1, user);
  while (select.step()) {
    if (auto role = domain::parse_role(select.text(0))) out.push_back({*role, select.text(1)});
  }
  return out;
}

constexpr const char* kUserColumns =
    "SELECT id, username, display_name, password_hash, disabled, created_at, password_changed FROM users";

UserRecord read_user(Statement& row) {
  return {row.integer(0), row.text(1), row.text(2), row.text(3), row.integer(4) != 0, row.text(5), row.text(6), {}};
}

// The user's id, locking the row for the rest of the transaction when asked.
std::optional<std::int64_t> user_id(PgConnection& db, const std::string& username, bool lock = false) {
  Statement select(db, lock ? "SELECT id FROM users WHERE lower(username) = lower($1) FOR UPDATE"
                            : "SELECT id FROM users WHERE lower(username) = lower($1)");
  select.bind(1, username);
  if (!select.step()) return std::nullopt;
  return select.integer(0);
}

}  // namespace

std::optional<std::int64_t> PgAccountStore::add_user(const UserRecord& user, const AuditEntry& audit) {
  auto db = database_.connection();
  Transaction transaction(*db);
  // The unique index on lower(username) settles a race between two instances: the loser
  // inserts nothing and reports the name as taken.
  Statement insert(*db, "INSERT INTO users (username, display_name, password_hash, disabled, created_at, password_changed) "
                        "VALUES ($1, $2, $3, $4, lmo_now(), lmo_now()) ON CONFLICT DO NOTHING RETURNING id");
  insert.bind(1, user.username).bind(2, user.display_name).bind(3, user.password_hash).bind(4, user.disabled);
  if (!insert.step()) return std::nullopt;
  auto id = insert.integer(0);
  for (const auto& grant : user.grants) insert_grant(*db, id, grant);
  insert_audit(*db, audit);
  transaction.commit();
  return id;
}

std::optional<UserRecord> PgAccountStore::find_user(const std::string& username) const {
  auto db = database_.connection();
  Statement select(*db, std::string(kUserColumns) + " WHERE lower(username) = lower($1)");
  select.bind(1, username);
  if (!select.step()) return std::nullopt;
  auto user = read_user(select);
  user.grants = grants_of(*db, user.id);
  return user;
}

std::vector<UserRecord> PgAccountStore::users() const {
  auto db = database_.connection();
  std::vector<UserRecord> out;
  Statement select(*db, std::string(kUserColumns) + " ORDER BY lower(username)");
  while (select.step()) out.push_back(read_user(select));
  for (auto& user : out) user.grants = grants_of(*db, user.id);
  return out;
}

bool PgAccountStore::set_disabled(const std::string& username, bool disabled, const AuditEntry& audit) {
  auto db = database_.connection();
  Transaction transaction(*db);
  auto id = user_id(*db, username, /*lock=*/true);
  if (!id) return false;
  Statement update(*db, "UPDATE users SET disabled = $1 WHERE id = $2");
  update.bind(1, disabled).bind(2, *id).execute();
  insert_audit(*db, audit);
  transaction.commit();
  return true;
}

bool PgAccountStore::add_grant(const std::string& username, const domain::RoleGrant& grant, const AuditEntry& audit) {
  auto db = database_.connection();
  Transaction transaction(*db);
  auto id = user_id(*db, username, /*lock=*/true);
  if (!id) return false;
  insert_grant(*db, *id, grant);
  insert_audit(*db, audit);
  transaction.commit();
  return true;
}

void PgAccountStore::append_audit(const AuditEntry& entry) {
  auto db = database_.connection();
  insert_audit(*db, entry);
}

std::vector<AuditEntry> PgAccountStore::audit(const AuditFilter& filter) const {
  auto db = database_.connection();
  Statement select(*db,
                   "SELECT id, at, actor, action, target, outcome, address, request_id, detail FROM audit_log "
                   "WHERE ($1::text = '' OR actor = $1) AND ($2::text = '' OR action = $2) AND ($3::text = '' OR outcome = $3) "
                   "AND ($4::text = '' OR at >= $4) AND ($5::text = '' OR at <= $5) AND ($6::bigint = 0 OR id < $6) "
                   "ORDER BY id DESC LIMIT $7::bigint");
  select.bind(1, filter.actor).bind(2, filter.action).bind(3, filter.outcome).bind(4, filter.from).bind(5, filter.to)
      .bind(6, filter.before_id).bind(7, static_cast<std::int64_t>(filter.limit));
  std::vector<AuditEntry> out;
  while (select.step()) {
    out.push_back({select.integer(0), select.text(1), select.text(2), select.text(3), select.text(4), select.text(5),
                   select.text(6), select.text(7), select.text(8)});
  }
  return out;
}

}  // namespace lmo::store::postgres
