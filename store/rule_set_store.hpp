// RuleSetStore: the published revisions of national rule sets (the jurisdiction files'
// format), newest in force. Times are ISO 8601 UTC strings from the database's clock.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "store/registry_store.hpp"

namespace lmo::store {

class RuleSetStore {
 public:
  virtual ~RuleSetStore() = default;
  virtual void add_revision(const std::string& jurisdiction, const std::string& doc, const std::string& published_by) = 0;
  // (jurisdiction, doc) of the newest revision of each jurisdiction.
  virtual std::vector<std::pair<std::string, std::string>> in_force() const = 0;
  // Every revision of one jurisdiction, oldest first.
  virtual std::vector<RecordRevision> history(const std::string& jurisdiction) const = 0;
};

}  // namespace lmo::store
