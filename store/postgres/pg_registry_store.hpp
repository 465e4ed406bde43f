// RegistryStore on the shared PostgreSQL database: records as JSON documents with revisions;
// a tsvector of unaccented words (prefix search) and a pg_trgm index (partial identifiers)
// that find what the SQLite backend's FTS5 tables find. Writers from every instance take
// turns under an advisory lock, so revisions never collide.
#pragma once

#include "store/postgres/pg_database.hpp"
#include "store/registry_store.hpp"

namespace lmo::store::postgres {

class PgRegistryStore final : public RegistryStore {
 public:
  // REQUIRES: `database` outlives the store.
  explicit PgRegistryStore(PgDatabase& database) : database_(database) {}

  domain::Registry load() const override;
  domain::Registry load_reference() const override;
  domain::Registry load_types(const std::vector<domain::RecordType>& types) const override;
  std::optional<domain::Lmo> find_lmo(std::string_view key) const override;
  std::optional<domain::Decision> find_decision(std::string_view id) const override;
  LmoSearchPage search_lmos(const LmoSearch& search) const override;
  std::vector<domain::Decision> decisions_about(const std::vector<std::string>& lmo_keys) const override;
  std::vector<domain::Decision> decisions_in(std::string_view jurisdiction) const override;
  std::vector<FacetValue> decision_counts() const override;
  std::vector<RecordRevision> history(domain::RecordType type, std::string_view key) const override;
  std::string last_change() const override;
  WriteReport write(const domain::Registry& batch, std::string_view origin,
                    std::optional<std::string_view> fingerprint = std::nullopt,
                    bool keep_other_origins = false) override;
  std::optional<std::string> bundled_fingerprint() const override;

 private:
  PgDatabase& database_;
};

}  // namespace lmo::store::postgres
