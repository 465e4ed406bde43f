// PgDatabase: the shared PostgreSQL database of a service running several portal instances.
// Applies the versioned migrations at open (one instance at a time, under an advisory lock),
// and lends connections to threads from a pool; a connection that broke is not reused.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/postgres/pg_connection.hpp"

namespace lmo::store::postgres {

class PgDatabase {
 public:
  // Connects to `conninfo` (a postgresql:// URI or key=value string), creates `schema` when
  // one is given (tests), then applies every migration newer than the stored version, each in
  // one transaction. Throws StoreError when the server cannot be reached, a migration fails,
  // or the database was written by a newer build.
  explicit PgDatabase(std::string conninfo, std::string schema = {});
  PgDatabase(const PgDatabase&) = delete;
  PgDatabase& operator=(const PgDatabase&) = delete;

  class Lease {
   public:
    Lease(PgDatabase& owner, std::unique_ptr<PgConnection> connection);
    ~Lease();
    Lease(Lease&&) = default;
    PgConnection& operator*() { return *connection_; }
    PgConnection* operator->() { return connection_.get(); }

   private:
    PgDatabase* owner_;
    std::unique_ptr<PgConnection> connection_;
  };

  Lease connection();
  int schema_version();
  bool ping();
  // The connection string with any password removed, for logs and status pages.
  std::string description() const;

 private:
  void migrate();
  void give_back(std::unique_ptr<PgConnection> connection);

  std::string conninfo_;
  std::string schema_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<PgConnection>> idle_;
};

}  // namespace lmo::store::postgres
