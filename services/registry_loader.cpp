#include "services/registry_loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "domain/content_hash.hpp"
#include "domain/registry_json.hpp"
#include "domain/search_text.hpp"

namespace lmo::services {

namespace fs = std::filesystem;
namespace json = boost::json;


std::vector<UnresolvedReference> resolve_lmo_references(domain::Registry& registry) {
  // Every spelling an LMO is known by → its key. Identifiers compare compactly.
  std::map<std::string, std::string> by_name;
  for (const auto& lmo : registry.lmos) {
    by_name.emplace(domain::compact_identifier(lmo.key), lmo.key);
    if (lmo.uid) by_name.emplace(domain::compact_identifier(*lmo.uid), lmo.key);
    by_name.emplace(domain::compact_identifier(lmo.event_name), lmo.key);
  }
  for (const auto& lmo : registry.lmos) {
    for (const auto& alias : lmo.aliases) by_name.emplace(domain::compact_identifier(alias), lmo.key);
  }
  auto resolve = [&](const std::string& reference) -> std::optional<std::string> {
    auto found = by_name.find(domain::compact_identifier(reference));
    if (found == by_name.end()) return std::nullopt;
    return found->second;
  };
  std::vector<UnresolvedReference> problems;
  for (auto& lmo : registry.lmos) {
    for (auto& parent : lmo.parents) {
      if (auto key = resolve(parent)) {
        parent = *key;
      } else {
        problems.push_back({domain::RecordType::lmo, lmo.key, "parents", parent});
      }
    }
  }
  for (auto& decision : registry.decisions) {
    for (auto& reference : decision.lmos) {
      if (auto key = resolve(reference)) {
        reference = *key;
      } else {
        problems.push_back({domain::RecordType::decision, decision.id, "lmos", reference});
      }
    }
  }
  for (auto& method : registry.methods) {
    for (auto& reference : method.detects) {
      if (auto key = resolve(reference)) reference = *key;
    }
  }
  return problems;
}

domain::Registry read_bundled_registry(const fs::path& dir, std::string* fingerprint) {
  domain::Registry registry;
  domain::ContentHash hash;
  for (domain::RecordType type : domain::kAllRecordTypes) {
    fs::path path = dir / (std::string(domain::record_type_file(type)) + ".json");
    std::string text = read_data_file(path);
    hash.add(text);
    std::vector<domain::RecordProblem> problems;
    domain::decode_records(type, parse_json_text(path, text), registry, problems);
    if (!problems.empty()) {
      const auto& p = problems.front();
      throw BundledDataError(fmt::format("{}: record {} ('{}'): field '{}' {}{}", path.string(), p.index + 1,
                                         p.record, p.field, p.reason,
                                         problems.size() > 1 ? fmt::format(" (and {} more)", problems.size() - 1) : ""));
    }
  }
  auto unresolved = resolve_lmo_references(registry);
  if (!unresolved.empty()) {
    const auto& u = unresolved.front();
    throw BundledDataError(fmt::format("{}/{}.json: '{}': field '{}': no LMO '{}'{}", dir.string(),
                                       domain::record_type_file(u.type), u.key, u.field, u.reference,
                                       unresolved.size() > 1 ? fmt::format(" (and {} more)", unresolved.size() - 1) : ""));
  }
  if (fingerprint) *fingerprint = hash.hex();
  return registry;
}

std::vector<RegionalBloc> read_regional_blocs(const fs::path& dir) {
  fs::path path = dir / "regional_blocs.json";
  auto value = read_json_file(path);
  std::vector<RegionalBloc> blocs;
  if (!value.is_array()) throw BundledDataError(path.string() + ": must be a JSON array");
  for (const auto& item : value.as_array()) {
    const auto* object = item.if_object();
    if (!object || !object->contains("id") || !object->contains("members") ||
        !object->at("id").is_string() || !object->at("members").is_array()) {
      throw BundledDataError(path.string() + ": each bloc needs an id and a members array");
    }
    RegionalBloc bloc{std::string(object->at("id").as_string()), "", {}};
    if (auto name = object->if_contains("name"); name && name->is_string()) bloc.name = std::string(name->as_string());
    for (const auto& member : object->at("members").as_array()) {
      if (!member.is_string()) throw BundledDataError(path.string() + ": members must be country codes");
      bloc.members.emplace_back(member.as_string());
    }
    blocs.push_back(std::move(bloc));
  }
  return blocs;
}

LoadOutcome load_bundled_registry(const fs::path& dir, store::RegistryStore& store) {
  std::string fingerprint;
  auto registry = read_bundled_registry(dir, &fingerprint);
  if (store.bundled_fingerprint() == fingerprint) return LoadOutcome::unchanged;
  // Records that an import or an editor changed since keep their version (the bundle only
  // supplies defaults): only records that are new or still bundled are written.
  store.write(registry, "bundled", std::string_view(fingerprint), /*keep_other_origins=*/true);
  return LoadOutcome::loaded;
}

}  // namespace lmo::services
