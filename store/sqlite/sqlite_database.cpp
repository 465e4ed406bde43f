#include "store/sqlite/sqlite_database.hpp"

#include <fmt/format.h>

#include "store/migration.hpp"
#include "store/store_error.hpp"

namespace lmo::store::sqlite {

SqliteDatabase::SqliteDatabase(std::string path) : path_(std::move(path)) {
  idle_.push_back(std::make_unique<SqliteConnection>(path_, /*create=*/true));
  migrate();
}

SqliteDatabase::~SqliteDatabase() {
  std::lock_guard lock(mutex_);
  if (!idle_.empty()) {
    try {
      // Fold the write-ahead log into the main file so a clean shutdown leaves one file.
      idle_.front()->execute_script("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (const StoreError&) {
      // Another process may hold the database; the log is folded in on its next checkpoint.
    }
  }
  idle_.clear();
}

SqliteDatabase::Lease::Lease(SqliteDatabase& owner, std::unique_ptr<SqliteConnection> connection)
    : owner_(&owner), connection_(std::move(connection)) {}

SqliteDatabase::Lease::~Lease() {
  if (connection_) owner_->give_back(std::move(connection_));
}

SqliteDatabase::Lease SqliteDatabase::connection() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(connection));
    }
  }
  return Lease(*this, std::make_unique<SqliteConnection>(path_, /*create=*/false));
}

void SqliteDatabase::give_back(std::unique_ptr<SqliteConnection> connection) {
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(connection));
}

int SqliteDatabase::schema_version() {
  auto db = connection();
  Statement query(*db, "PRAGMA user_version");
  return query.step() ? static_cast<int>(query.integer(0)) : 0;
}

bool SqliteDatabase::ping() {
  try {
    auto db = connection();
    Statement query(*db, "SELECT 1");
    return query.step() && query.integer(0) == 1;
  } catch (const StoreError&) {
    return false;
  }
}

void SqliteDatabase::migrate() {
  const auto& all = migrations();
  int current = schema_version();
  int newest = all.empty() ? 0 : all.back().version;
  if (current > newest) {
    throw StoreError(fmt::format(
        "database {} has schema version {}, newer than this build knows ({}); "
        "use a newer lmo-portal",
        path_, current, newest));
  }
  auto db = connection();
  for (const auto& migration : all) {
    if (migration.version <= current) continue;
    Transaction transaction(*db);
    try {
      db->execute_script(migration.sql);
      db->execute_script(fmt::format("PRAGMA user_version = {}", migration.version));
      Statement record(*db,
                       "INSERT INTO schema_migrations(version, name, applied_at) "
                       "VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))");
      record.bind(1, migration.version).bind(2, migration.name).execute();
    } catch (const StoreError& error) {
      throw StoreError(fmt::format("migration {:04d}_{} failed: {}", migration.version,
                                   migration.name, error.what()));
    }
    transaction.commit();
  }
}

}  // namespace lmo::store::sqlite
