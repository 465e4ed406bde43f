// One PostgreSQL connection (libpq) and its statements, shaped like the SQLite layer so the two
// backends' stores read alike. Parameters are $1, $2, … sent as text; results are read as text.
// A connection is used by one thread at a time; PgDatabase hands them out from a pool.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct pg_conn;
struct pg_result;

namespace lmo::store::postgres {

// The database's clock as an SQL expression: UTC, ISO 8601 with milliseconds, the same text
// the SQLite backend stores (lmo_now is created by PgDatabase before the migrations run).
inline constexpr const char* kPgNow = "lmo_now()";

class PgConnection;

// A statement with its parameters and, once run, its result. Bind parameters are 1-based
// ($1 is index 1), columns 0-based. The statement is prepared once per connection and SQL text.
class Statement {
 public:
  Statement(PgConnection& connection, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, bool value) { return bind(index, std::string_view(value ? "1" : "0")); }
  Statement& bind_optional(int index, const std::optional<std::string>& text);
  Statement& bind_null(int index);

  // Runs the statement on the first call, then advances row by row; false after the last row.
  // Throws StoreError on failure.
  bool step();
  // Runs a statement whose rows are not read.
  void execute();
  // Rows inserted, updated or deleted by the last run.
  std::int64_t affected_rows() const;

  std::string text(int column) const;
  std::optional<std::string> optional_text(int column) const;
  // An integer column; a boolean reads as 1 or 0.
  std::int64_t integer(int column) const;
  bool is_null(int column) const;

 private:
  void run();

  PgConnection& connection_;
  std::string sql_;
  std::vector<std::optional<std::string>> parameters_;
  pg_result* result_ = nullptr;
  int row_ = -1;
};

class PgConnection {
 public:
  // Connects with a libpq connection string or postgresql:// URI. With a non-empty `schema`,
  // every statement runs with search_path `schema, public` (tests use one schema each).
  PgConnection(const std::string& conninfo, const std::string& schema);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Runs one or more statements with no parameters and no result rows.
  void execute_script(std::string_view sql);
  // False when the server went away; such a connection is dropped rather than pooled.
  bool healthy() const;
  pg_conn* handle() { return connection_; }

 private:
  friend class Statement;
  // The name of the server-side prepared statement for `sql`, preparing it when new.
  const std::string& prepared(const std::string& sql, int parameters);

  pg_conn* connection_ = nullptr;
  std::unordered_map<std::string, std::string> prepared_;  // SQL text → prepared statement name
};

// Begins a transaction; rolls back on destruction unless commit() was called.
class Transaction {
 public:
  explicit Transaction(PgConnection& connection);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  PgConnection& connection_;
  bool done_ = false;
};

// "$first, $first+1, …": `count` parameter placeholders for an IN (…) list.
std::string placeholders(int first, std::size_t count);

// Holds a transaction-scoped advisory lock: writers of one kind (e.g. registry revisions) take
// turns across every instance sharing the database. Call inside a Transaction.
void lock_for_transaction(PgConnection& connection, std::int64_t key);

}  // namespace lmo::store::postgres
