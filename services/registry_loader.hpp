// Loads the bundled LMO registry (data/registry/*.json) and writes it to the registry store
// when the files changed since the last load. References between records (a stack's parent
// events, the LMOs of a decision) are resolved to registry keys; any record that does not
// decode or refers to nothing stops the load with a message naming file, record and field,
// and the store stays as it was.
#pragma once

#include <filesystem>
#include <string>

#include "domain/registry_records.hpp"
#include "services/bundled_content_loader.hpp"
#include "store/registry_store.hpp"

namespace lmo::services {

struct RegionalBloc {
  std::string id;  // "EU"
  std::string name;
  std::vector<std::string> members;  // ISO 3166-1 alpha-2
};

// Reads and checks every registry file under `dir`. Throws BundledDataError.
domain::Registry read_bundled_registry(const std::filesystem::path& dir, std::string* fingerprint = nullptr);
std::vector<RegionalBloc> read_regional_blocs(const std::filesystem::path& dir);

// A reference from a record to an LMO that resolves to nothing.
struct UnresolvedReference {
  domain::RecordType type;  // lmo (a stack's parent) or decision
  std::string key;          // the referring record
  std::string field;        // "parents" or "lmos"
  std::string reference;    // as written
};

// Resolves LMO references written as identifiers, event names or aliases to registry keys.
// Returns every reference that resolves to nothing (decisions, stack parents); method
// targets that name events outside the registry are kept as written.
std::vector<UnresolvedReference> resolve_lmo_references(domain::Registry& registry);

LoadOutcome load_bundled_registry(const std::filesystem::path& dir, store::RegistryStore& store);

}  // namespace lmo::services
