#include "store/postgres/pg_database.hpp"

#include <libpq-fe.h>

#include <fmt/format.h>

#include <regex>

#include "store/migration.hpp"
#include "store/store_error.hpp"

namespace lmo::store::postgres {

namespace {

// Advisory lock key held while migrating ("lmo-migr" in ASCII).
constexpr std::int64_t kMigrationLock = 0x6c6d6f2d6d696772;

// What every migration may rely on: the bookkeeping table, the clock function that writes
// timestamps in the SQLite backend's format, and the text-search extensions.
constexpr const char* kBootstrap = R"sql(
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;
CREATE TABLE IF NOT EXISTS schema_migrations (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  applied_at TEXT NOT NULL
);
CREATE OR REPLACE FUNCTION lmo_now(offset_seconds double precision DEFAULT 0) RETURNS text
  LANGUAGE sql VOLATILE AS
  $$ SELECT to_char((clock_timestamp() + make_interval(secs => offset_seconds)) AT TIME ZONE 'UTC',
                    'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$;
)sql";

}  // namespace

PgDatabase::PgDatabase(std::string conninfo, std::string schema)
    : conninfo_(std::move(conninfo)), schema_(std::move(schema)) {
  if (!schema_.empty()) {
    PgConnection bare(conninfo_, "");
    Transaction transaction(bare);
    lock_for_transaction(bare, kMigrationLock);
    char* quoted = PQescapeIdentifier(bare.handle(), schema_.c_str(), schema_.size());
    if (!quoted) throw StoreError("bad schema name " + schema_);
    std::string create = std::string("CREATE SCHEMA IF NOT EXISTS ") + quoted;
    PQfreemem(quoted);
    bare.execute_script(create);
    transaction.commit();
  }
  migrate();
}

PgDatabase::Lease::Lease(PgDatabase& owner, std::unique_ptr<PgConnection> connection)
    : owner_(&owner), connection_(std::move(connection)) {}

PgDatabase::Lease::~Lease() {
  if (connection_) owner_->give_back(std::move(connection_));
}

PgDatabase::Lease PgDatabase::connection() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(connection));
    }
  }
  return Lease(*this, std::make_unique<PgConnection>(conninfo_, schema_));
}

void PgDatabase::give_back(std::unique_ptr<PgConnection> connection) {
  if (!connection->healthy()) return;  // broken or left inside a transaction: close it
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(connection));
}

int PgDatabase::schema_version() {
  auto db = connection();
  Statement query(*db, "SELECT coalesce(max(version), 0) FROM schema_migrations");
  return query.step() ? static_cast<int>(query.integer(0)) : 0;
}

bool PgDatabase::ping() {
  try {
    auto db = connection();
    Statement query(*db, "SELECT 1");
    return query.step() && query.integer(0) == 1;
  } catch (const StoreError&) {
    return false;
  }
}

std::string PgDatabase::description() const {
  static const std::regex uri_password(R"(^(postgres(?:ql)?://[^:/@]*):[^@]*@)");
  static const std::regex key_password(R"((^|\s)password\s*=\s*('[^']*'|\S+))");
  std::string out = std::regex_replace(conninfo_, uri_password, "$1:***@");
  out = std::regex_replace(out, key_password, "$1password=***");
  return schema_.empty() ? out : out + " (schema " + schema_ + ")";
}

void PgDatabase::migrate() {
  const auto& all = migrations();
  int newest = all.empty() ? 0 : all.back().version;
  auto db = connection();
  {
    // Instances starting together take turns; the second finds the work done.
    Transaction transaction(*db);
    lock_for_transaction(*db, kMigrationLock);
    db->execute_script(kBootstrap);
    transaction.commit();
  }
  for (const auto& migration : all) {
    Transaction transaction(*db);
    lock_for_transaction(*db, kMigrationLock);
    Statement current(*db, "SELECT coalesce(max(version), 0) FROM schema_migrations");
    current.step();
    int version = static_cast<int>(current.integer(0));
    if (version > newest) {
      throw StoreError(fmt::format("database {} has schema version {}, newer than this build knows ({}); "
                                   "use a newer lmo-portal",
                                   description(), version, newest));
    }
    if (migration.version <= version) continue;
    try {
      db->execute_script(migration.sql);
      Statement record(*db, "INSERT INTO schema_migrations(version, name, applied_at) VALUES ($1, $2, lmo_now())");
      record.bind(1, migration.version).bind(2, migration.name).execute();
    } catch (const StoreError& error) {
      throw StoreError(fmt::format("migration {:04d}_{} failed: {}", migration.version, migration.name, error.what()));
    }
    transaction.commit();
  }
}

}  // namespace lmo::store::postgres
