#include "app/uid_command.hpp"

#include <boost/json.hpp>
#include <iostream>

#include "services/identifier_check.hpp"
#include "services/registry_loader.hpp"

namespace lmo::app {

int run_uid_validate(const std::vector<std::string>& identifiers, const std::string& format,
                     const std::filesystem::path& share_dir) {
  std::vector<std::string> prefixes;
  try {
    auto registry = services::read_bundled_registry(share_dir / "data" / "registry");
    for (const auto& developer : registry.developers) {
      prefixes.insert(prefixes.end(), developer.uid_prefixes.begin(), developer.uid_prefixes.end());
    }
  } catch (const services::BundledDataError& error) {
    std::cerr << "lmo-portal uid: developer prefixes unavailable (" << error.what() << ")\n";
  }
  bool all_valid = true;
  boost::json::array results;
  for (const auto& identifier : identifiers) {
    auto check = services::check_identifier(identifier, prefixes, nullptr);
    all_valid = all_valid && check.parse.status != domain::IdentifierStatus::invalid;
    if (format == "json") {
      auto json = services::to_json(check);
      json.erase("registry");  // offline: the registry is not consulted
      results.push_back(std::move(json));
    } else {
      std::cout << services::to_text(check);
    }
  }
  if (format == "json") std::cout << boost::json::serialize(results) << "\n";
  return all_valid ? 0 : 1;
}

}  // namespace lmo::app
