#include "services/portal_content_service.hpp"

#include <algorithm>
#include <map>

namespace lmo::services {

struct PortalContentService::Snapshot {
  std::chrono::steady_clock::time_point taken;
  std::uint64_t generation = 0;
  std::string fingerprint;
  std::vector<domain::Page> pages;
  std::map<std::string, size_t, std::less<>> page_index;
  std::vector<domain::Resource> resources;
  std::vector<domain::Activity> activities;
};

PortalContentService::PortalContentService(const store::ContentStore& store,
                                           std::chrono::milliseconds max_staleness)
    : store_(store), max_staleness_(max_staleness) {}

std::shared_ptr<const PortalContentService::Snapshot> PortalContentService::snapshot() const {
  std::lock_guard lock(mutex_);
  auto now = std::chrono::steady_clock::now();
  if (current_ && now - current_->taken < max_staleness_) return current_;

  auto next = std::make_shared<Snapshot>();
  next->taken = now;
  next->fingerprint = store_.bundled_fingerprint().value_or("");
  next->pages = store_.list_pages();
  next->resources = store_.list_resources();
  next->activities = store_.list_activities();
  for (size_t i = 0; i < next->pages.size(); ++i) next->page_index.emplace(next->pages[i].slug, i);
  // The generation moves only when the content changed, so render caches stay warm. Today the
  // bundled-data loader is the only writer and always records a new fingerprint; a future
  // editor of page texts must record a new fingerprint (revision) with each write too.
  bool same = current_ && current_->fingerprint == next->fingerprint &&
              current_->pages.size() == next->pages.size() &&
              current_->resources.size() == next->resources.size() &&
              current_->activities.size() == next->activities.size();
  next->generation = current_ ? current_->generation + (same ? 0 : 1) : 1;
  current_ = std::move(next);
  return current_;
}

std::uint64_t PortalContentService::generation() const { return snapshot()->generation; }

bool PortalContentService::page_exists(std::string_view slug) const {
  auto snap = snapshot();
  return snap->page_index.count(slug) > 0;
}

std::optional<PageView> PortalContentService::page(std::string_view slug,
                                                   std::string_view lang) const {
  auto snap = snapshot();
  auto found = snap->page_index.find(slug);
  if (found == snap->page_index.end()) return std::nullopt;
  const auto& page = snap->pages[found->second];
  PageView view;
  view.slug = page.slug;
  view.title = page.title.resolve_or_empty(lang);
  view.nav_title = page.nav_title.resolve_or_empty(lang);
  view.summary = page.summary.resolve_or_empty(lang);
  view.body_html = page.body_html.resolve_or_empty(lang);
  view.updated = page.updated;
  view.lists = page.lists;
  view.provenance = page.provenance;
  for (const auto& [language, text] : page.body_html.by_language()) {
    if (!text.empty()) view.languages.push_back(language);
  }
  // Walk up the parents; a cycle in the data cannot loop forever.
  std::optional<std::string> parent = page.parent;
  for (size_t depth = 0; parent && depth < snap->pages.size(); ++depth) {
    auto up = snap->page_index.find(*parent);
    if (up == snap->page_index.end()) break;
    const auto& ancestor = snap->pages[up->second];
    view.breadcrumbs.push_back({ancestor.slug, ancestor.nav_title.resolve_or_empty(lang)});
    parent = ancestor.parent;
  }
  std::reverse(view.breadcrumbs.begin(), view.breadcrumbs.end());
  return view;
}

std::vector<PageLink> PortalContentService::navigation(std::string_view lang) const {
  auto snap = snapshot();
  std::vector<PageLink> links;
  for (const auto& page : snap->pages) {
    links.push_back({page.slug, page.nav_title.resolve_or_empty(lang)});
  }
  return links;
}

PortalContentService::Resources PortalContentService::resources(
    std::string_view lang, const ResourceFilter& filter) const {
  auto snap = snapshot();
  Resources out{snap, {}};
  for (const auto& r : snap->resources) {
    if (!filter.kind.empty() && r.kind != filter.kind) continue;
    ResourceView view{&r, r.title.resolve_or_empty(lang), r.description.resolve_or_empty(lang)};
    view.title_is_translation =
        std::find(r.translated_titles.begin(), r.translated_titles.end(), view.title.language) !=
        r.translated_titles.end();
    out.items.push_back(std::move(view));
  }
  return out;
}

PortalContentService::Activities PortalContentService::activities(
    std::string_view lang, const ActivityFilter& filter) const {
  auto snap = snapshot();
  Activities out{snap, {}};
  for (const auto& a : snap->activities) {
    if (!filter.region.empty() && a.region != filter.region) continue;
    if (!filter.year.empty() && a.start.substr(0, 4) != filter.year) continue;
    ActivityView view{&a, a.title.resolve_or_empty(lang), a.audience.resolve_or_empty(lang), {}};
    for (const auto& material : a.materials) {
      view.materials.push_back({material.title.resolve_or_empty(lang), material.url});
    }
    out.items.push_back(std::move(view));
  }
  return out;
}

}  // namespace lmo::services
