// RegistryStore on the embedded SQLite database: records as JSON documents with revisions,
// FTS5 indexes (unicode61 without diacritics for words, trigram for partial identifiers).
#pragma once

#include "store/registry_store.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace lmo::store::sqlite {

class SqliteRegistryStore final : public RegistryStore {
 public:
  // REQUIRES: `database` outlives the store.
  explicit SqliteRegistryStore(SqliteDatabase& database) : database_(database) {}

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
  SqliteDatabase& database_;
};

}  // namespace lmo::store::sqlite
