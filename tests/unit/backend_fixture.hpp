// The store test suite runs against every backend: a fresh SQLite file, and a fresh schema in
// the PostgreSQL database named by LMO_TEST_POSTGRES_URL (scripts/test.sh starts a throw-away
// cluster and sets it). Without that variable the PostgreSQL cases are skipped, never passed.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <string>

#include <unistd.h>

#include "store/database.hpp"
#include "store/postgres/pg_backend.hpp"
#include "store/postgres/pg_connection.hpp"
#include "store/sqlite/sqlite_backend.hpp"
#include "test_support.hpp"

namespace lmo::test {

inline std::string postgres_test_url() {
  const char* url = std::getenv("LMO_TEST_POSTGRES_URL");
  return url ? url : "";
}

// One database of the backend named by the test parameter ("sqlite" or "postgresql"), empty
// but migrated; dropped again when the fixture ends.
class BackendTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "sqlite") {
      database_ = std::make_unique<store::sqlite::SqliteBackend>((dir_.path() / "portal.db").string());
      return;
    }
    if (postgres_test_url().empty()) GTEST_SKIP() << "LMO_TEST_POSTGRES_URL is not set";
    static std::atomic<int> counter{0};
    schema_ = "unit_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    database_ = std::make_unique<store::postgres::PgBackend>(postgres_test_url(), schema_);
  }
  void TearDown() override {
    database_.reset();
    if (schema_.empty()) return;
    store::postgres::PgConnection admin(postgres_test_url(), "");
    admin.execute_script("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
  }

  store::Database& database() { return *database_; }
  // Opens the same database a second time (a second instance, or a restart).
  std::unique_ptr<store::Database> reopen() {
    if (GetParam() == "sqlite") {
      return std::make_unique<store::sqlite::SqliteBackend>((dir_.path() / "portal.db").string());
    }
    return std::make_unique<store::postgres::PgBackend>(postgres_test_url(), schema_);
  }
  const TempDir& dir() const { return dir_; }
  // Runs SQL on the test's database directly, as an intruder or an administrator would.
  // Throws StoreError when the database refuses it.
  void execute_raw(const std::string& sql) {
    if (GetParam() == "sqlite") {
      auto& backend = dynamic_cast<store::sqlite::SqliteBackend&>(*database_);
      auto db = backend.database().connection();
      db->execute_script(sql);
      return;
    }
    auto& backend = dynamic_cast<store::postgres::PgBackend&>(*database_);
    auto db = backend.database().connection();
    db->execute_script(sql);
  }

 private:
  TempDir dir_;
  std::string schema_;
  std::unique_ptr<store::Database> database_;
};

inline std::string backend_name(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

}  // namespace lmo::test

// Instantiates a BackendTest-derived suite for SQLite and PostgreSQL.
#define LMO_INSTANTIATE_FOR_BACKENDS(Suite) \
  INSTANTIATE_TEST_SUITE_P(Backends, Suite, ::testing::Values("sqlite", "postgresql"), ::lmo::test::backend_name)
