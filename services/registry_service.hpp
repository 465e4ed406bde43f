// RegistryService: the registry's use cases — search, everything known about one LMO, and
// the approval question "may this LMO enter country C for use U?" — over the registry store.
// Reference data (organisms, developers, traits, elements, methods, laboratories, standards,
// transport rules) is read from an in-memory snapshot at most `max_staleness` old; LMOs and
// decisions, which may number in the hundreds of thousands, are read from the store.
// Thread-safe.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <string>
#include <vector>

#include "domain/approval.hpp"
#include "services/registry_loader.hpp"
#include "store/registry_store.hpp"

namespace lmo::services {

// Reference data shared by every view; immutable once taken.
struct RegistryReference {
  std::vector<domain::Organism> organisms;
  std::vector<domain::Developer> developers;
  std::vector<domain::GeneticElement> elements;
  std::vector<domain::Trait> traits;
  std::vector<domain::DetectionMethod> methods;
  std::vector<domain::Laboratory> laboratories;
  std::vector<domain::Authority> authorities;
  std::vector<domain::StandardBody> standards;
  std::vector<domain::TransportRule> transport_rules;
  std::string last_change;  // of the whole registry when the snapshot was taken

  const domain::Organism* organism(std::string_view id) const;
  const domain::Developer* developer(std::string_view id) const;
  const domain::Trait* trait(std::string_view id) const;
  const domain::GeneticElement* element(std::string_view id) const;
};

struct LmoDetail {
  domain::Lmo lmo;
  std::shared_ptr<const RegistryReference> reference;  // keeps the pointers below alive
  const domain::Organism* organism = nullptr;
  const domain::Developer* developer = nullptr;
  std::vector<const domain::Trait*> traits;
  std::vector<const domain::GeneticElement*> elements;
  // Methods that name this LMO or, for a stack, one of its parent events (event-specific
  // first), then screening methods targeting one of its elements.
  std::vector<const domain::DetectionMethod*> methods;
  std::vector<const domain::Laboratory*> laboratories;  // that publish they detect it
  // Laboratories offering event identification, for when none publishes a list naming this
  // LMO (most do not): candidates to ask, not a confirmation.
  std::vector<const domain::Laboratory*> identifying_laboratories;
  std::vector<domain::Decision> decisions;              // every country, most recent first
  std::vector<domain::Lmo> parents;                     // of a stack
};

struct ApprovalResult {
  domain::Lmo lmo;
  std::vector<std::string> jurisdictions;  // the country and the blocs it belongs to
  domain::ApprovalAnswer answer;
};

class RegistryService {
 public:
  // REQUIRES: `store` outlives the service.
  RegistryService(const store::RegistryStore& store, std::vector<RegionalBloc> blocs,
                  std::chrono::milliseconds max_staleness = std::chrono::seconds(1));

  store::LmoSearchPage search(const store::LmoSearch& search) const;
  // The LMO a reference names: its key, any spelling of its identifier, its event name or an
  // alias or trade name (exact, case-insensitive). nullopt when none or several match.
  std::optional<domain::Lmo> find_lmo(std::string_view reference) const;
  // Everything known about the LMO `reference` names; null when none. Details are kept for
  // `max_staleness` (or until this process writes to the registry), so a record read again
  // and again costs no database query.
  std::shared_ptr<const LmoDetail> lmo_detail(std::string_view reference) const;
  std::optional<domain::Decision> find_decision(std::string_view id) const { return store_.find_decision(id); }
  // REQUIRES: the LMO exists (find_lmo) and `on_date` is YYYY-MM-DD.
  ApprovalResult approval(const domain::Lmo& lmo, std::string_view country, domain::Use use,
                          std::string_view on_date) const;
  // What the registry knows about one country: its authorities and focal points, and the
  // decisions of every jurisdiction that applies there.
  struct CountryView {
    std::string code;
    std::vector<std::string> jurisdictions;
    std::vector<domain::Authority> authorities;
    std::vector<domain::Decision> decisions;
  };
  CountryView country(std::string_view code) const;
  std::vector<store::FacetValue> decision_counts() const { return store_.decision_counts(); }
  // Jurisdictions whose decisions apply in `country`: itself and every bloc it belongs to.
  std::vector<std::string> jurisdictions_of(std::string_view country) const;

  std::shared_ptr<const RegistryReference> reference() const;
  // Every revision of one record, oldest first (empty when the record does not exist).
  std::vector<store::RecordRevision> history(domain::RecordType type, std::string_view key) const {
    return store_.history(type, key);
  }
  // Every record of one type (export); only the records of `type` are filled in.
  domain::Registry export_type(domain::RecordType type) const;

 private:
  const store::RegistryStore& store_;
  std::vector<RegionalBloc> blocs_;
  std::chrono::milliseconds max_staleness_;
  mutable std::mutex mutex_;
  mutable std::shared_ptr<const RegistryReference> snapshot_;
  mutable std::chrono::steady_clock::time_point taken_;

  struct CachedDetail {
    std::shared_ptr<const LmoDetail> detail;  // null: no such LMO
    std::chrono::steady_clock::time_point taken;
    std::uint64_t writes = 0;  // the store's write count it was built at
  };
  std::shared_ptr<const LmoDetail> build_detail(std::string_view reference) const;
  mutable std::mutex details_mutex_;
  mutable std::unordered_map<std::string, CachedDetail> details_;  // by the reference asked for
};

}  // namespace lmo::services
