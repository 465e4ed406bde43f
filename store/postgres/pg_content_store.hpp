// ContentStore on the shared PostgreSQL database.
#pragma once

#include "store/content_store.hpp"
#include "store/postgres/pg_database.hpp"

namespace lmo::store::postgres {

class PgContentStore final : public ContentStore {
 public:
  // REQUIRES: `database` outlives the store.
  explicit PgContentStore(PgDatabase& database) : database_(database) {}

  std::optional<domain::Page> find_page(std::string_view slug) const override;
  std::vector<domain::Page> list_pages() const override;
  std::vector<domain::Resource> list_resources() const override;
  std::vector<domain::Activity> list_activities() const override;
  std::optional<std::string> bundled_fingerprint() const override;
  void replace_bundled_content(const domain::PortalContent& content,
                               std::string_view fingerprint) override;

 private:
  std::vector<domain::Page> query_pages(std::optional<std::string_view> slug) const;
  PgDatabase& database_;
};

}  // namespace lmo::store::postgres
