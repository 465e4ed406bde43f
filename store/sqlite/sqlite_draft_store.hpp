// SqliteDraftStore: DraftStore on the portal's SQLite database (migration 0007).
#pragma once

#include "store/draft_store.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace lmo::store::sqlite {

class SqliteDraftStore final : public DraftStore {
 public:
  explicit SqliteDraftStore(SqliteDatabase& database) : database_(database) {}

  std::int64_t create_draft(const DraftRecord& draft) override;
  std::optional<DraftRecord> find_draft(std::int64_t id) const override;
  std::vector<DraftRecord> drafts(const std::vector<std::string>& countries, std::size_t limit) const override;
  bool update_doc(std::int64_t id, std::int64_t version, const std::string& key, const std::string& country,
                  const std::string& doc) override;
  bool set_status(std::int64_t id, std::int64_t version, const std::string& status,
                  const std::optional<std::string>& reviewer, const std::optional<std::string>& comment) override;

 private:
  SqliteDatabase& database_;
};

}  // namespace lmo::store::sqlite
