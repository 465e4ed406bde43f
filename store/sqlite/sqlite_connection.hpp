// One SQLite connection and its prepared statements (RAII over sqlite3* / sqlite3_stmt*).
// A connection is used by one thread at a time; SqliteDatabase hands them out from a pool.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace lmo::store::sqlite {

// The database's clock as an SQL expression: UTC, ISO 8601 with milliseconds.
inline constexpr const char* kSqlNow = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

class SqliteConnection;

// A prepared statement. Bind parameters are 1-based, columns 0-based (as in SQLite).
// Prepared statements are cached per connection by their SQL text: constructing a Statement
// for SQL run before on this connection reuses the compiled statement.
class Statement {
 public:
  Statement(SqliteConnection& connection, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind_optional(int index, const std::optional<std::string>& text);
  Statement& bind_null(int index);
  // Index of a named parameter (":name"), 0 when the statement has none of that name.
  int parameter_index(const char* name) const;

  // Advances to the next row; false when the statement is done. Throws StoreError on failure.
  bool step();
  // Runs a statement that returns no rows.
  void execute();
  void reset();

  std::string text(int column) const;
  std::optional<std::string> optional_text(int column) const;
  std::int64_t integer(int column) const;
  bool is_null(int column) const;

 private:
  SqliteConnection& connection_;
  std::string sql_;
  sqlite3_stmt* statement_ = nullptr;
};

class SqliteConnection {
 public:
  // Opens (creating if asked) the database file with WAL, foreign keys and a busy timeout.
  SqliteConnection(const std::string& path, bool create);
  ~SqliteConnection();
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  // Runs one or more statements with no parameters and no result rows.
  void execute_script(std::string_view sql);
  std::string last_error() const;
  sqlite3* handle() { return db_; }

 private:
  friend class Statement;
  // Idle prepared statements by SQL text (a statement in use is not in the cache).
  sqlite3_stmt* take_cached(const std::string& sql);
  void give_back(std::string sql, sqlite3_stmt* statement);

  sqlite3* db_ = nullptr;
  std::unordered_multimap<std::string, sqlite3_stmt*> cache_;
};

// Begins an immediate transaction; rolls back on destruction unless commit() was called.
class Transaction {
 public:
  explicit Transaction(SqliteConnection& connection);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  SqliteConnection& connection_;
  bool done_ = false;
};

}  // namespace lmo::store::sqlite
