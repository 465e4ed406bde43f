#include "services/published_rule_sets.hpp"

#include <boost/json.hpp>

namespace lmo::services {

std::vector<std::string> PublishedRuleSets::refresh() {
  auto in_force = store_.in_force();
  std::lock_guard lock(mutex_);
  std::vector<std::string> problems;
  for (auto& [code, doc] : in_force) {
    auto& seen = applied_[code];
    if (seen == doc) continue;
    seen = doc;
    boost::system::error_code error;
    auto value = boost::json::parse(doc, error);
    if (auto problem = error ? std::optional<std::string>(error.message()) : rules_.set_jurisdiction(value)) {
      problems.push_back(code + ": " + *problem);
    }
  }
  return problems;
}

}  // namespace lmo::services
