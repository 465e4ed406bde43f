// A versioned schema migration: the SQL that moves a database from version-1 to version.
// Each backend owns an ordered list of them, embedded in the binary at build time.
#pragma once

#include <string_view>
#include <vector>

namespace lmo::store {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

}  // namespace lmo::store

namespace lmo::store::sqlite {
// Every SQLite migration in version order (generated from store/sqlite/migrations/).
const std::vector<Migration>& migrations();
}  // namespace lmo::store::sqlite

namespace lmo::store::postgres {
// Every PostgreSQL migration in version order (generated from store/postgres/migrations/).
const std::vector<Migration>& migrations();
}  // namespace lmo::store::postgres
