#include "store/registry_store.hpp"

namespace lmo::store {

std::string record_key(const domain::Organism& r) { return r.id; }
std::string record_key(const domain::Developer& r) { return r.id; }
std::string record_key(const domain::GeneticElement& r) { return r.id; }
std::string record_key(const domain::Trait& r) { return r.id; }
std::string record_key(const domain::Lmo& r) { return r.key; }
std::string record_key(const domain::Decision& r) { return r.id; }
std::string record_key(const domain::DetectionMethod& r) { return r.code; }
std::string record_key(const domain::Laboratory& r) { return r.id; }
std::string record_key(const domain::Authority& r) { return r.id; }
std::string record_key(const domain::StandardBody& r) { return r.id; }
std::string record_key(const domain::TransportRule& r) { return r.id; }

}  // namespace lmo::store
