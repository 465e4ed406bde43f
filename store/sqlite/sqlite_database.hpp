// SqliteDatabase: the embedded database of one border post. Owns the file path, applies the
// versioned migrations at open, and lends connections to threads from a pool (one connection
// is never used by two threads at once; SQLite's WAL mode lets readers run beside a writer).
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/sqlite/sqlite_connection.hpp"

namespace lmo::store::sqlite {

class SqliteDatabase {
 public:
  // Opens or creates `path`, then applies every migration newer than the stored version in
  // one transaction each. Throws StoreError if the file cannot be opened or a migration fails,
  // or if the database was written by a newer build (unknown version).
  explicit SqliteDatabase(std::string path);
  ~SqliteDatabase();
  SqliteDatabase(const SqliteDatabase&) = delete;
  SqliteDatabase& operator=(const SqliteDatabase&) = delete;

  // A connection on loan; returned to the pool when the lease is destroyed.
  class Lease {
   public:
    Lease(SqliteDatabase& owner, std::unique_ptr<SqliteConnection> connection);
    ~Lease();
    Lease(Lease&&) = default;
    SqliteConnection& operator*() { return *connection_; }
    SqliteConnection* operator->() { return connection_.get(); }

   private:
    SqliteDatabase* owner_;
    std::unique_ptr<SqliteConnection> connection_;
  };

  Lease connection();
  int schema_version();
  // True when the database answers a trivial query (readiness probe).
  bool ping();
  const std::string& path() const { return path_; }

 private:
  void migrate();
  void give_back(std::unique_ptr<SqliteConnection> connection);

  std::string path_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<SqliteConnection>> idle_;
};

}  // namespace lmo::store::sqlite
