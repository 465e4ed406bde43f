// PgBackend: a PostgreSQL database shared by several portal instances, with all of its stores.
#pragma once

#include "store/database.hpp"
#include "store/postgres/pg_account_store.hpp"
#include "store/postgres/pg_api_token_store.hpp"
#include "store/postgres/pg_case_store.hpp"
#include "store/postgres/pg_content_store.hpp"
#include "store/postgres/pg_database.hpp"
#include "store/postgres/pg_draft_store.hpp"
#include "store/postgres/pg_registry_store.hpp"
#include "store/postgres/pg_rule_set_store.hpp"
#include "store/postgres/pg_session_store.hpp"

namespace lmo::store::postgres {

class PgBackend final : public Database {
 public:
  // `schema`: a schema of its own inside the database (tests); empty: the default search path.
  explicit PgBackend(std::string conninfo, std::string schema = {})
      : database_(std::move(conninfo), std::move(schema)), content_(database_), registry_(database_),
        accounts_(database_), sessions_(database_), api_tokens_(database_), cases_(database_), drafts_(database_),
        rule_sets_(database_) {}

  ContentStore& content() override { return content_; }
  RegistryStore& registry() override { return registry_; }
  AccountStore& accounts() override { return accounts_; }
  SessionStore& sessions() override { return sessions_; }
  ApiTokenStore& api_tokens() override { return api_tokens_; }
  CaseStore& cases() override { return cases_; }
  DraftStore& drafts() override { return drafts_; }
  RuleSetStore& rule_sets() override { return rule_sets_; }
  std::string_view backend() const override { return "postgresql"; }
  std::string description() const override { return database_.description(); }
  int schema_version() override { return database_.schema_version(); }
  bool ping() override { return database_.ping(); }
  PgDatabase& database() { return database_; }

 private:
  PgDatabase database_;
  PgContentStore content_;
  PgRegistryStore registry_;
  PgAccountStore accounts_;
  PgSessionStore sessions_;
  PgApiTokenStore api_tokens_;
  PgCaseStore cases_;
  PgDraftStore drafts_;
  PgRuleSetStore rule_sets_;
};

}  // namespace lmo::store::postgres
