// CaseStore on PostgreSQL, shared by every instance of a scale-out service; a change on an
// older version is refused under a row lock, so concurrent officers never overwrite each other.
#pragma once

#include "store/case_store.hpp"
#include "store/postgres/pg_database.hpp"

namespace lmo::store::postgres {

class PgCaseStore final : public CaseStore {
 public:
  // REQUIRES: `database` outlives the store.
  explicit PgCaseStore(PgDatabase& database) : database_(database) {}

  bool create_case(const InspectionCase& record) override;
  std::optional<InspectionCase> find_case(const std::string& reference) const override;
  std::vector<InspectionCase> cases(const std::vector<std::string>& countries, std::size_t limit) const override;
  bool add_entry(const std::string& reference, std::int64_t version, const CaseEntry& entry,
                 const std::string& new_status, const std::optional<std::string>& decision) override;

 private:
  PgDatabase& database_;
};

}  // namespace lmo::store::postgres
