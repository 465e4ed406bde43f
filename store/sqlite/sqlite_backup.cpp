#include "store/sqlite/sqlite_backup.hpp"

#include <sqlite3.h>

#include "store/migration.hpp"
#include "store/store_error.hpp"

namespace lmo::store::sqlite {

namespace fs = std::filesystem;

namespace {

// Copies every page of `from` into `to` with the backup API, in steps, so that a busy source
// is retried rather than locked for the whole copy.
void copy_pages(sqlite3* from, sqlite3* to, const std::string& what) {
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
  if (!backup) throw StoreError(what + ": " + sqlite3_errmsg(to));
  int rc;
  do {
    rc = sqlite3_backup_step(backup, 256);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) throw StoreError(what + ": " + sqlite3_errstr(rc));
}

struct Handle {
  sqlite3* db = nullptr;
  ~Handle() { sqlite3_close_v2(db); }
};

void open(Handle& handle, const fs::path& path, int flags) {
  if (sqlite3_open_v2(path.c_str(), &handle.db, flags, nullptr) != SQLITE_OK) {
    throw StoreError(path.string() + ": " + (handle.db ? sqlite3_errmsg(handle.db) : "cannot open"));
  }
}

}  // namespace

void backup_database(SqliteDatabase& database, const fs::path& target) {
  if (fs::exists(target)) throw StoreError(target.string() + ": already exists; choose a new file");
  Handle copy;
  open(copy, target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  auto source = database.connection();
  copy_pages(source->handle(), copy.db, "backup to " + target.string());
}

void restore_database(const fs::path& source, const fs::path& target) {
  Handle from;
  open(from, source, SQLITE_OPEN_READONLY);
  // Integrity and a schema this build knows (not newer than its last migration).
  sqlite3_stmt* check = nullptr;
  std::string verdict = "not a database";
  if (sqlite3_prepare_v2(from.db, "PRAGMA integrity_check", -1, &check, nullptr) == SQLITE_OK &&
      sqlite3_step(check) == SQLITE_ROW) {
    verdict = reinterpret_cast<const char*>(sqlite3_column_text(check, 0));
  }
  sqlite3_finalize(check);
  if (verdict != "ok") throw StoreError(source.string() + ": not a sound portal database (" + verdict + ")");
  sqlite3_stmt* version = nullptr;
  int schema = -1;
  if (sqlite3_prepare_v2(from.db, "PRAGMA user_version", -1, &version, nullptr) == SQLITE_OK &&
      sqlite3_step(version) == SQLITE_ROW) {
    schema = sqlite3_column_int(version, 0);
  }
  sqlite3_finalize(version);
  if (schema < 1 || schema > migrations().back().version) {
    throw StoreError(source.string() + ": schema version " + std::to_string(schema) + " is not one this build knows");
  }
  // Copy into a new file beside the target, then rename over it: the target is never half-written.
  fs::create_directories(target.parent_path().empty() ? fs::path(".") : target.parent_path());
  fs::path staging = target;
  staging += ".restoring";
  fs::remove(staging);
  try {
    Handle to;
    open(to, staging, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    copy_pages(from.db, to.db, "restore into " + staging.string());
  } catch (...) {
    std::error_code ignored;
    fs::remove(staging, ignored);
    throw;
  }
  for (const char* suffix : {"-wal", "-shm"}) {
    fs::path stale = target;
    stale += suffix;
    fs::remove(stale);
  }
  fs::rename(staging, target);
}

}  // namespace lmo::store::sqlite
