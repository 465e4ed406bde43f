// Backups of the embedded database: an online, consistent copy taken with SQLite's backup API
// while the portal keeps serving (readers and writers are not stopped), and a restore that
// checks the copy's integrity and schema before it replaces a database (atomically, by rename).
// Errors are StoreError naming the file.
#pragma once

#include <filesystem>

#include "store/sqlite/sqlite_database.hpp"

namespace lmo::store::sqlite {

// Writes a consistent copy of `database` to `target` (which must not exist).
void backup_database(SqliteDatabase& database, const std::filesystem::path& target);

// Checks `source` (PRAGMA integrity_check, a schema this build knows) and makes it the
// database at `target` (portal.db), replacing any there; the server must not be running.
void restore_database(const std::filesystem::path& source, const std::filesystem::path& target);

}  // namespace lmo::store::sqlite
