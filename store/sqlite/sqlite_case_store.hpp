// SqliteCaseStore: CaseStore on the portal's SQLite database (migration 0006).
#pragma once

#include "store/case_store.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace lmo::store::sqlite {

class SqliteCaseStore final : public CaseStore {
 public:
  explicit SqliteCaseStore(SqliteDatabase& database) : database_(database) {}

  bool create_case(const InspectionCase& record) override;
  std::optional<InspectionCase> find_case(const std::string& reference) const override;
  std::vector<InspectionCase> cases(const std::vector<std::string>& countries, std::size_t limit) const override;
  bool add_entry(const std::string& reference, std::int64_t version, const CaseEntry& entry,
                 const std::string& new_status, const std::optional<std::string>& decision) override;

 private:
  SqliteDatabase& database_;
};

}  // namespace lmo::store::sqlite
