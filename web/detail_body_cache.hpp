// DetailBodyCache: finished response bodies (the API's JSON, a page's HTML) made from one LMO
// detail, per variant (language, print view). RegistryService::lmo_detail hands out the same
// detail object for as long as it is fresh, so a body is rebuilt exactly when its detail is:
// an entry counts only while it was made from the very object asked with. Bounded; thread-safe.
// Only for bodies that are the same for every reader.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "services/registry_service.hpp"

namespace lmo::web {

class DetailBodyCache {
 public:
  // The body made from `detail` for `variant`, built with `build` when there is none yet.
  std::shared_ptr<const std::string> get(const std::shared_ptr<const services::LmoDetail>& detail,
                                         const std::string& variant, const std::function<std::string()>& build);

 private:
  struct Entry {
    std::weak_ptr<const services::LmoDetail> detail;
    std::shared_ptr<const std::string> body;
  };
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;  // by LMO key and variant
};

}  // namespace lmo::web
