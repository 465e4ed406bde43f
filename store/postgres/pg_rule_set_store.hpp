// RuleSetStore on PostgreSQL, shared by every instance of a scale-out service; publications
// from several instances take turns under an advisory lock, so revision numbers never clash.
#pragma once

#include "store/rule_set_store.hpp"
#include "store/postgres/pg_database.hpp"

namespace lmo::store::postgres {

class PgRuleSetStore final : public RuleSetStore {
 public:
  // REQUIRES: `database` outlives the store.
  explicit PgRuleSetStore(PgDatabase& database) : database_(database) {}

  void add_revision(const std::string& jurisdiction, const std::string& doc, const std::string& published_by) override;
  std::vector<std::pair<std::string, std::string>> in_force() const override;
  std::vector<RecordRevision> history(const std::string& jurisdiction) const override;

 private:
  PgDatabase& database_;
};

}  // namespace lmo::store::postgres
