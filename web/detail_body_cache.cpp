#include "web/detail_body_cache.hpp"

namespace lmo::web {

std::shared_ptr<const std::string> DetailBodyCache::get(const std::shared_ptr<const services::LmoDetail>& detail,
                                                        const std::string& variant,
                                                        const std::function<std::string()>& build) {
  std::string key = detail->lmo.key + '\n' + variant;
  {
    std::lock_guard lock(mutex_);
    auto found = entries_.find(key);
    if (found != entries_.end() && found->second.detail.lock() == detail) return found->second.body;
  }
  // Built outside the lock; two threads may build the same body once each.
  auto body = std::make_shared<const std::string>(build());
  std::lock_guard lock(mutex_);
  if (entries_.size() >= 4096) entries_.clear();
  entries_[std::move(key)] = {detail, body};
  return body;
}

}  // namespace lmo::web
