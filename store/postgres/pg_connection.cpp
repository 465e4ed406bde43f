#include "store/postgres/pg_connection.hpp"

#include <libpq-fe.h>

#include <charconv>

#include "store/store_error.hpp"

namespace lmo::store::postgres {

namespace {

std::string message_of(PGconn* connection) {
  std::string message = connection ? PQerrorMessage(connection) : "out of memory";
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return message;
}

[[noreturn]] void fail(PGconn* connection, PGresult* result, std::string_view what) {
  std::string message = result ? PQresultErrorMessage(result) : message_of(connection);
  while (!message.empty() && message.back() == '\n') message.pop_back();
  if (result) PQclear(result);
  throw StoreError(std::string(what) + ": " + message);
}

bool succeeded(PGresult* result) {
  auto status = PQresultStatus(result);
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

std::string quoted_identifier(PGconn* connection, const std::string& name) {
  char* escaped = PQescapeIdentifier(connection, name.c_str(), name.size());
  if (!escaped) fail(connection, nullptr, "bad schema name");
  std::string out = escaped;
  PQfreemem(escaped);
  return out;
}

}  // namespace

PgConnection::PgConnection(const std::string& conninfo, const std::string& schema) {
  connection_ = PQconnectdb(conninfo.c_str());
  if (PQstatus(connection_) != CONNECTION_OK) {
    std::string message = message_of(connection_);
    PQfinish(connection_);
    connection_ = nullptr;
    throw StoreError("cannot connect to PostgreSQL: " + message);
  }
  std::string setup = "SET client_min_messages = warning; SET TIME ZONE 'UTC'";
  if (!schema.empty()) {
    setup += "; SET search_path TO " + quoted_identifier(connection_, schema) + ", public";
  }
  execute_script(setup);
}

PgConnection::~PgConnection() {
  if (connection_) PQfinish(connection_);
}

bool PgConnection::healthy() const {
  return connection_ && PQstatus(connection_) == CONNECTION_OK && PQtransactionStatus(connection_) == PQTRANS_IDLE;
}

void PgConnection::execute_script(std::string_view sql) {
  std::string script(sql);
  PGresult* result = PQexec(connection_, script.c_str());
  if (!succeeded(result)) fail(connection_, result, "sql script failed");
  PQclear(result);
}

const std::string& PgConnection::prepared(const std::string& sql, int parameters) {
  auto found = prepared_.find(sql);
  if (found != prepared_.end()) return found->second;
  if (prepared_.size() >= 512) {  // bound the server-side cache; SQL built from varying parts is rare
    execute_script("DEALLOCATE ALL");
    prepared_.clear();
  }
  std::string name = "lmo_" + std::to_string(prepared_.size() + 1);
  PGresult* result = PQprepare(connection_, name.c_str(), sql.c_str(), parameters, nullptr);
  if (!succeeded(result)) fail(connection_, result, "prepare failed");
  PQclear(result);
  return prepared_.emplace(sql, std::move(name)).first->second;
}

Statement::Statement(PgConnection& connection, std::string_view sql) : connection_(connection), sql_(sql) {}

Statement::~Statement() {
  if (result_) PQclear(result_);
}

Statement& Statement::bind(int index, std::string_view text) {
  if (index < 1) throw StoreError("bind index must be 1 or more");
  // libpq sends text up to its first NUL; refuse rather than store a shortened value.
  if (text.find('\0') != std::string_view::npos) throw StoreError("text parameter contains a NUL character");
  if (parameters_.size() < static_cast<std::size_t>(index)) parameters_.resize(index);
  parameters_[index - 1] = std::string(text);
  return *this;
}

Statement& Statement::bind(int index, std::int64_t value) { return bind(index, std::to_string(value)); }

Statement& Statement::bind_optional(int index, const std::optional<std::string>& text) {
  return text ? bind(index, std::string_view(*text)) : bind_null(index);
}

Statement& Statement::bind_null(int index) {
  if (index < 1) throw StoreError("bind index must be 1 or more");
  if (parameters_.size() < static_cast<std::size_t>(index)) parameters_.resize(index);
  parameters_[index - 1].reset();
  return *this;
}

void Statement::run() {
  if (result_) PQclear(result_);
  result_ = nullptr;
  row_ = -1;
  std::vector<const char*> values;
  values.reserve(parameters_.size());
  for (const auto& parameter : parameters_) values.push_back(parameter ? parameter->c_str() : nullptr);
  const std::string& name = connection_.prepared(sql_, static_cast<int>(values.size()));
  PGresult* result = PQexecPrepared(connection_.handle(), name.c_str(), static_cast<int>(values.size()),
                                    values.data(), nullptr, nullptr, 0);
  if (!succeeded(result)) fail(connection_.handle(), result, "statement failed");
  result_ = result;
}

bool Statement::step() {
  if (!result_) run();
  ++row_;
  return row_ < PQntuples(result_);
}

void Statement::execute() { run(); }

std::int64_t Statement::affected_rows() const {
  if (!result_) return 0;
  const char* count = PQcmdTuples(result_);
  std::int64_t value = 0;
  std::from_chars(count, count + std::char_traits<char>::length(count), value);
  return value;
}

std::string Statement::text(int column) const {
  if (!result_ || row_ < 0 || row_ >= PQntuples(result_)) throw StoreError("no current row");
  return std::string(PQgetvalue(result_, row_, column), PQgetlength(result_, row_, column));
}

std::optional<std::string> Statement::optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

std::int64_t Statement::integer(int column) const {
  if (is_null(column)) return 0;
  std::string value = text(column);
  if (value == "t") return 1;
  if (value == "f") return 0;
  std::int64_t number = 0;
  auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (error != std::errc() || end != value.data() + value.size()) {
    throw StoreError("column " + std::to_string(column) + " is not an integer: " + value);
  }
  return number;
}

bool Statement::is_null(int column) const {
  if (!result_ || row_ < 0 || row_ >= PQntuples(result_)) throw StoreError("no current row");
  return PQgetisnull(result_, row_, column) != 0;
}

Transaction::Transaction(PgConnection& connection) : connection_(connection) { connection_.execute_script("BEGIN"); }

Transaction::~Transaction() {
  if (done_) return;
  try {
    connection_.execute_script("ROLLBACK");
  } catch (const StoreError&) {
    // The connection is broken; the server has rolled back, and the pool drops it.
  }
}

void Transaction::commit() {
  connection_.execute_script("COMMIT");
  done_ = true;
}

std::string placeholders(int first, std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) out += (i ? ", $" : "$") + std::to_string(first + static_cast<int>(i));
  return out;
}

void lock_for_transaction(PgConnection& connection, std::int64_t key) {
  Statement(connection, "SELECT pg_advisory_xact_lock($1::bigint)").bind(1, key).execute();
}

}  // namespace lmo::store::postgres
