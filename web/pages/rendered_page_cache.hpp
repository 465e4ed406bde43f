// RenderedPageCache: finished HTML of content pages, keyed by language, page and view, valid
// for one content generation (PortalContentService::generation()). Templates and catalogs
// never change while the process runs, so a page's HTML changes only with the content; when
// the generation moves, the whole cache is dropped. Pages are the same for every reader —
// a page that ever shows per-user parts must not be cached here. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace lmo::web {

class RenderedPageCache {
 public:
  // Returns the cached HTML for `key` at `generation`, rendering it with `render` if absent.
  // `render` returning nullptr (e.g. page not found) is not cached.
  std::shared_ptr<const std::string> get(
      std::uint64_t generation, const std::string& key,
      const std::function<std::shared_ptr<const std::string>()>& render);

 private:
  std::mutex mutex_;
  std::uint64_t generation_ = 0;
  std::unordered_map<std::string, std::shared_ptr<const std::string>> pages_;
};

}  // namespace lmo::web
