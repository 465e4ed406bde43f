#include "store/database.hpp"

#include "store/postgres/pg_backend.hpp"
#include "store/sqlite/sqlite_backend.hpp"

namespace lmo::store {

bool is_postgres_location(std::string_view location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

std::unique_ptr<Database> open_database(const std::string& location) {
  if (is_postgres_location(location)) return std::make_unique<postgres::PgBackend>(location);
  return std::make_unique<sqlite::SqliteBackend>(location);
}

}  // namespace lmo::store
