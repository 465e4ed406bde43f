#include "web/pages/rendered_page_cache.hpp"

namespace lmo::web {

std::shared_ptr<const std::string> RenderedPageCache::get(
    std::uint64_t generation, const std::string& key,
    const std::function<std::shared_ptr<const std::string>()>& render) {
  {
    std::lock_guard lock(mutex_);
    if (generation != generation_) {
      pages_.clear();
      generation_ = generation;
    }
    auto found = pages_.find(key);
    if (found != pages_.end()) return found->second;
  }
  // Rendered outside the lock; two threads may render the same page once each.
  auto html = render();
  if (html) {
    std::lock_guard lock(mutex_);
    if (generation == generation_) pages_.emplace(key, html);
  }
  return html;
}

}  // namespace lmo::web
