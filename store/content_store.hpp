// ContentStore: where the portal's pages, resources and activities live. All texts are
// returned in every stored language; choosing one is the caller's business (LocalizedText).
// Implementations are safe to call from several threads at once.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/portal_content.hpp"

namespace lmo::store {

class ContentStore {
 public:
  virtual ~ContentStore() = default;

  virtual std::optional<domain::Page> find_page(std::string_view slug) const = 0;
  // All pages ordered by position (bodies included).
  virtual std::vector<domain::Page> list_pages() const = 0;
  virtual std::vector<domain::Resource> list_resources() const = 0;
  // Activities ordered by start date, most recent first.
  virtual std::vector<domain::Activity> list_activities() const = 0;

  // Fingerprint of the bundled content last loaded, if any.
  virtual std::optional<std::string> bundled_fingerprint() const = 0;
  // Replaces all portal content with `content` and records `fingerprint`, atomically:
  // either everything is replaced or nothing changes.
  virtual void replace_bundled_content(const domain::PortalContent& content,
                                       std::string_view fingerprint) = 0;
};

}  // namespace lmo::store
