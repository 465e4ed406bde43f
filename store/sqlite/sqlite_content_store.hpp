// ContentStore on the embedded SQLite database.
#pragma once

#include "store/content_store.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace lmo::store::sqlite {

class SqliteContentStore final : public ContentStore {
 public:
  // REQUIRES: `database` outlives the store.
  explicit SqliteContentStore(SqliteDatabase& database) : database_(database) {}

  std::optional<domain::Page> find_page(std::string_view slug) const override;
  std::vector<domain::Page> list_pages() const override;
  std::vector<domain::Resource> list_resources() const override;
  std::vector<domain::Activity> list_activities() const override;
  std::optional<std::string> bundled_fingerprint() const override;
  void replace_bundled_content(const domain::PortalContent& content,
                               std::string_view fingerprint) override;

 private:
  std::vector<domain::Page> query_pages(std::optional<std::string_view> slug) const;
  SqliteDatabase& database_;
};

}  // namespace lmo::store::sqlite
