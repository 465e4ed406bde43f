// PortalContentService: the Customs Portal's pages, resources and activities in the reader's
// language (with the English fallback marked), plus breadcrumbs and navigation.
// Reads go to an in-memory snapshot of the content store that is at most `max_staleness`
// old, so a change written by another process is served within that bound.
// Thread-safe.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "domain/portal_content.hpp"
#include "store/content_store.hpp"

namespace lmo::services {

struct PageLink {
  std::string slug;
  domain::ResolvedText title;
};

struct PageView {
  std::string slug;
  domain::ResolvedText title;
  domain::ResolvedText nav_title;
  domain::ResolvedText summary;
  domain::ResolvedText body_html;
  std::string updated;
  std::vector<std::string> lists;  // record lists to show after the text
  domain::Provenance provenance;
  std::vector<PageLink> breadcrumbs;      // from home down to the parent of this page (nav titles)
  std::vector<std::string> languages;     // languages this page is written in
};

struct ResourceView {
  const domain::Resource* record;
  domain::ResolvedText title;
  domain::ResolvedText description;
  bool title_is_translation = false;  // the title is the project's translation, not official
};

struct ActivityMaterialView {
  domain::ResolvedText title;
  std::string url;
};

struct ActivityView {
  const domain::Activity* record;
  domain::ResolvedText title;
  domain::ResolvedText audience;
  std::vector<ActivityMaterialView> materials;
};

// Filters for listings; empty fields match everything.
struct ResourceFilter {
  std::string kind;
};
struct ActivityFilter {
  std::string region;
  std::string year;  // matches the start year
};

class PortalContentService {
 public:
  // REQUIRES: `store` outlives the service.
  explicit PortalContentService(const store::ContentStore& store,
                                std::chrono::milliseconds max_staleness = std::chrono::seconds(1));

  std::optional<PageView> page(std::string_view slug, std::string_view lang) const;
  // Every page in navigation order.
  std::vector<PageLink> navigation(std::string_view lang) const;
  bool page_exists(std::string_view slug) const;

  // Listings hold pointers into the snapshot they came from; keep the returned lists no
  // longer than the request that asked for them.
  struct Resources {
    std::shared_ptr<const void> keep_alive;
    std::vector<ResourceView> items;
  };
  struct Activities {
    std::shared_ptr<const void> keep_alive;
    std::vector<ActivityView> items;
  };
  Resources resources(std::string_view lang, const ResourceFilter& filter = {}) const;
  Activities activities(std::string_view lang, const ActivityFilter& filter = {}) const;

  // Version of the content currently served; changes whenever a newer snapshot is taken
  // whose content differs (callers may key caches on it).
  std::uint64_t generation() const;

 private:
  struct Snapshot;
  std::shared_ptr<const Snapshot> snapshot() const;

  const store::ContentStore& store_;
  std::chrono::milliseconds max_staleness_;
  mutable std::mutex mutex_;
  mutable std::shared_ptr<const Snapshot> current_;
};

}  // namespace lmo::services
