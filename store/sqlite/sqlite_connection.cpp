#include "store/sqlite/sqlite_connection.hpp"

#include <sqlite3.h>

#include "store/store_error.hpp"

namespace lmo::store::sqlite {

namespace {

[[noreturn]] void fail(sqlite3* db, std::string_view what) {
  throw StoreError(std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

}  // namespace

SqliteConnection::SqliteConnection(const std::string& path, bool create) {
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (create) flags |= SQLITE_OPEN_CREATE;
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreError("cannot open database " + path + ": " + message);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 5000);
  execute_script(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, statement] : cache_) sqlite3_finalize(statement);
  // sqlite3_close_v2 defers the close if statements are still alive; none should be.
  sqlite3_close_v2(db_);
}

sqlite3_stmt* SqliteConnection::take_cached(const std::string& sql) {
  auto found = cache_.find(sql);
  if (found == cache_.end()) return nullptr;
  sqlite3_stmt* statement = found->second;
  cache_.erase(found);
  return statement;
}

void SqliteConnection::give_back(std::string sql, sqlite3_stmt* statement) {
  if (cache_.size() >= 512) {  // bound the cache; statements built from varying SQL are rare
    sqlite3_finalize(statement);
    return;
  }
  cache_.emplace(std::move(sql), statement);
}

void SqliteConnection::execute_script(std::string_view sql) {
  std::string script(sql);
  char* error = nullptr;
  if (sqlite3_exec(db_, script.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    throw StoreError("sql script failed: " + message);
  }
}

std::string SqliteConnection::last_error() const { return sqlite3_errmsg(db_); }

Statement::Statement(SqliteConnection& connection, std::string_view sql) : connection_(connection), sql_(sql) {
  statement_ = connection.take_cached(sql_);
  if (statement_) return;
  if (sqlite3_prepare_v3(connection.handle(), sql.data(), static_cast<int>(sql.size()),
                         SQLITE_PREPARE_PERSISTENT, &statement_, nullptr) != SQLITE_OK) {
    fail(connection.handle(), "prepare failed");
  }
}

Statement::~Statement() {
  if (!statement_) return;
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
  connection_.give_back(std::move(sql_), statement_);
}

Statement& Statement::bind(int index, std::string_view text) {
  if (sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()),
                        SQLITE_TRANSIENT) != SQLITE_OK) {
    fail(connection_.handle(), "bind failed");
  }
  return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(statement_, index, value) != SQLITE_OK) {
    fail(connection_.handle(), "bind failed");
  }
  return *this;
}

Statement& Statement::bind_optional(int index, const std::optional<std::string>& text) {
  return text ? bind(index, std::string_view(*text)) : bind_null(index);
}

Statement& Statement::bind_null(int index) {
  if (sqlite3_bind_null(statement_, index) != SQLITE_OK) fail(connection_.handle(), "bind failed");
  return *this;
}

int Statement::parameter_index(const char* name) const {
  return sqlite3_bind_parameter_index(statement_, name);
}

bool Statement::step() {
  int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail(connection_.handle(), "step failed");
}

void Statement::execute() {
  while (step()) {
  }
  reset();
}

void Statement::reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

std::string Statement::text(int column) const {
  const auto* data = sqlite3_column_text(statement_, column);
  int size = sqlite3_column_bytes(statement_, column);
  return data ? std::string(reinterpret_cast<const char*>(data), static_cast<size_t>(size))
              : std::string();
}

std::optional<std::string> Statement::optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

std::int64_t Statement::integer(int column) const {
  return sqlite3_column_int64(statement_, column);
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

Transaction::Transaction(SqliteConnection& connection) : connection_(connection) {
  connection_.execute_script("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
  if (!done_) {
    try {
      connection_.execute_script("ROLLBACK");
    } catch (const StoreError&) {
      // The transaction may already be gone (e.g. after a failed COMMIT); nothing else to undo.
    }
  }
}

void Transaction::commit() {
  connection_.execute_script("COMMIT");
  done_ = true;
}

}  // namespace lmo::store::sqlite
