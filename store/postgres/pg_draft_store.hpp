// DraftStore on PostgreSQL, shared by every instance of a scale-out service; a change on an
// older version is refused (the version is checked in the UPDATE itself).
#pragma once

#include "store/draft_store.hpp"
#include "store/postgres/pg_database.hpp"

namespace lmo::store::postgres {

class PgDraftStore final : public DraftStore {
 public:
  // REQUIRES: `database` outlives the store.
  explicit PgDraftStore(PgDatabase& database) : database_(database) {}

  std::int64_t create_draft(const DraftRecord& draft) override;
  std::optional<DraftRecord> find_draft(std::int64_t id) const override;
  std::vector<DraftRecord> drafts(const std::vector<std::string>& countries, std::size_t limit) const override;
  bool update_doc(std::int64_t id, std::int64_t version, const std::string& key, const std::string& country,
                  const std::string& doc) override;
  bool set_status(std::int64_t id, std::int64_t version, const std::string& status,
                  const std::optional<std::string>& reviewer, const std::optional<std::string>& comment) override;

 private:
  PgDatabase& database_;
};

}  // namespace lmo::store::postgres
