// Database: every store of one database, whichever backend holds it — the embedded SQLite file
// of a single border post, or the PostgreSQL database several instances share. The commands
// open one with open_database() and hand its stores to the services.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "store/account_store.hpp"
#include "store/api_token_store.hpp"
#include "store/case_store.hpp"
#include "store/content_store.hpp"
#include "store/draft_store.hpp"
#include "store/registry_store.hpp"
#include "store/rule_set_store.hpp"
#include "store/session_store.hpp"

namespace lmo::store {

class Database {
 public:
  virtual ~Database() = default;

  virtual ContentStore& content() = 0;
  virtual RegistryStore& registry() = 0;
  virtual AccountStore& accounts() = 0;
  virtual SessionStore& sessions() = 0;
  virtual ApiTokenStore& api_tokens() = 0;
  virtual CaseStore& cases() = 0;
  virtual DraftStore& drafts() = 0;
  virtual RuleSetStore& rule_sets() = 0;

  // "sqlite" or "postgresql".
  virtual std::string_view backend() const = 0;
  // Where the data is, without secrets (a file path, or the connection URI without password).
  virtual std::string description() const = 0;
  virtual int schema_version() = 0;
  // True when the database answers a trivial query (readiness probe).
  virtual bool ping() = 0;
};

// True when `location` names a PostgreSQL database (postgresql:// or postgres:// URI).
bool is_postgres_location(std::string_view location);

// Opens the database at `location`: a postgresql:// URI, or else the path of an SQLite file
// (created when missing). Migrations are applied. Throws StoreError when it cannot.
std::unique_ptr<Database> open_database(const std::string& location);

}  // namespace lmo::store
