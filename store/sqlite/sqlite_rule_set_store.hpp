// SqliteRuleSetStore: RuleSetStore on the portal's SQLite database (migration 0008).
#pragma once

#include "store/rule_set_store.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace lmo::store::sqlite {

class SqliteRuleSetStore final : public RuleSetStore {
 public:
  explicit SqliteRuleSetStore(SqliteDatabase& database) : database_(database) {}

  void add_revision(const std::string& jurisdiction, const std::string& doc, const std::string& published_by) override;
  std::vector<std::pair<std::string, std::string>> in_force() const override;
  std::vector<RecordRevision> history(const std::string& jurisdiction) const override;

 private:
  SqliteDatabase& database_;
};

}  // namespace lmo::store::sqlite
