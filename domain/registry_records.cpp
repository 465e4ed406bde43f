#include "domain/registry_records.hpp"

namespace lmo::domain {

std::string_view use_name(Use use) {
  switch (use) {
    case Use::food: return "food";
    case Use::feed: return "feed";
    case Use::processing: return "processing";
    case Use::release: return "release";
    case Use::field_trial: return "field_trial";
    case Use::contained_use: return "contained_use";
    case Use::transit: return "transit";
    case Use::other: return "other";
  }
  return "other";
}

std::optional<Use> parse_use(std::string_view name) {
  if (name == "contained") return Use::contained_use;
  for (Use use : kAllUses) {
    if (use_name(use) == name) return use;
  }
  return std::nullopt;
}

bool UseScope::covers(Use use) const {
  switch (use) {
    case Use::food: return food;
    case Use::feed: return feed;
    case Use::processing: return processing;
    case Use::release: return release;
    case Use::field_trial: return field_trial;
    case Use::contained_use: return contained_use;
    case Use::transit: return transit;
    case Use::other: return other;
  }
  return false;
}

void UseScope::set(Use use, bool value) {
  switch (use) {
    case Use::food: food = value; break;
    case Use::feed: feed = value; break;
    case Use::processing: processing = value; break;
    case Use::release: release = value; break;
    case Use::field_trial: field_trial = value; break;
    case Use::contained_use: contained_use = value; break;
    case Use::transit: transit = value; break;
    case Use::other: other = value; break;
  }
}

}  // namespace lmo::domain
