// PublishedRuleSets: keeps the border check's rules in step with the national rule sets
// published in the store — by this instance or by any other sharing the database. refresh()
// puts in force every rule set whose newest revision changed since the last call; `serve`
// calls it once a second, so a rule set published on one instance is in force on the others
// within about a second (the same bound as the registry's reference data).
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "services/check_rules.hpp"
#include "store/rule_set_store.hpp"

namespace lmo::services {

class PublishedRuleSets {
 public:
  // REQUIRES: `rules` and `store` outlive this object.
  PublishedRuleSets(CheckRules& rules, const store::RuleSetStore& store) : rules_(rules), store_(store) {}

  // Applies what changed; returns a problem per rule set that no longer reads (it is skipped,
  // the rules in force stay). Throws StoreError when the store cannot be read.
  std::vector<std::string> refresh();

 private:
  CheckRules& rules_;
  const store::RuleSetStore& store_;
  std::mutex mutex_;
  std::map<std::string, std::string> applied_;  // jurisdiction → document last seen
};

}  // namespace lmo::services
