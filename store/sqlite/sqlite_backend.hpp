// SqliteBackend: the embedded database of one border post with all of its stores.
#pragma once

#include "store/database.hpp"
#include "store/sqlite/sqlite_account_store.hpp"
#include "store/sqlite/sqlite_api_token_store.hpp"
#include "store/sqlite/sqlite_case_store.hpp"
#include "store/sqlite/sqlite_content_store.hpp"
#include "store/sqlite/sqlite_database.hpp"
#include "store/sqlite/sqlite_draft_store.hpp"
#include "store/sqlite/sqlite_registry_store.hpp"
#include "store/sqlite/sqlite_rule_set_store.hpp"
#include "store/sqlite/sqlite_session_store.hpp"

namespace lmo::store::sqlite {

class SqliteBackend final : public Database {
 public:
  explicit SqliteBackend(std::string path)
      : database_(std::move(path)), content_(database_), registry_(database_), accounts_(database_),
        sessions_(database_), api_tokens_(database_), cases_(database_), drafts_(database_), rule_sets_(database_) {}

  ContentStore& content() override { return content_; }
  RegistryStore& registry() override { return registry_; }
  AccountStore& accounts() override { return accounts_; }
  SessionStore& sessions() override { return sessions_; }
  ApiTokenStore& api_tokens() override { return api_tokens_; }
  CaseStore& cases() override { return cases_; }
  DraftStore& drafts() override { return drafts_; }
  RuleSetStore& rule_sets() override { return rule_sets_; }
  std::string_view backend() const override { return "sqlite"; }
  std::string description() const override { return database_.path(); }
  int schema_version() override { return database_.schema_version(); }
  bool ping() override { return database_.ping(); }
  SqliteDatabase& database() { return database_; }

 private:
  SqliteDatabase database_;
  SqliteContentStore content_;
  SqliteRegistryStore registry_;
  SqliteAccountStore accounts_;
  SqliteSessionStore sessions_;
  SqliteApiTokenStore api_tokens_;
  SqliteCaseStore cases_;
  SqliteDraftStore drafts_;
  SqliteRuleSetStore rule_sets_;
};

}  // namespace lmo::store::sqlite
