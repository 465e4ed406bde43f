#include "app/check_command.hpp"

#include <boost/json.hpp>
#include <fstream>
#include <iostream>
#include <sstream>

#include "domain/declaration.hpp"
#include "services/check_report_json.hpp"
#include "services/check_rules.hpp"
#include "services/published_rule_sets.hpp"
#include "services/editorial_service.hpp"
#include "services/lab_tools.hpp"
#include "services/registry_loader.hpp"
#include "services/registry_service.hpp"
#include "services/shipment_check.hpp"

namespace lmo::app {

namespace fs = std::filesystem;

int run_check(const CheckCommand& command, const fs::path& share_dir) {
  std::string text;
  if (command.file == "-") {
    std::ostringstream in;
    in << std::cin.rdbuf();
    text = in.str();
  } else {
    std::ifstream in(command.file, std::ios::binary);
    if (!in) {
      std::cerr << "lmo-portal check: cannot read " << command.file << "\n";
      return 2;
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    text = bytes.str();
  }
  if (text.size() > 4 * 1024 * 1024) {
    std::cerr << "lmo-portal check: the declaration is larger than 4 MiB\n";
    return 2;
  }
  boost::system::error_code error;
  boost::json::parse_options options;
  options.max_depth = 32;
  auto value = boost::json::parse(text, error, {}, options);
  if (error) {
    std::cerr << "lmo-portal check: " << command.file << " is not valid JSON: " << error.message() << "\n";
    return 2;
  }
  auto parsed = domain::parse_declaration(value);
  if (auto* problems = std::get_if<std::vector<domain::DeclarationProblem>>(&parsed)) {
    for (const auto& p : *problems) std::cerr << "lmo-portal check: field '" << p.field << "' " << p.reason << "\n";
    return 2;
  }
  try {
    auto database = command.database.open();
    auto& store = database->registry();
    services::load_bundled_registry(share_dir / "data" / "registry", store);
    services::RegistryService registry(store, services::read_regional_blocs(share_dir / "data"));
    services::CheckRules rules(share_dir / "data" / "rules");
    for (const auto& problem : services::PublishedRuleSets(rules, database->rule_sets()).refresh()) {
      std::cerr << "lmo-portal check: published rule set not applied: " << problem << "\n";
    }
    auto lab = services::LabTools::load(share_dir, registry);
    auto report = services::ShipmentCheck(rules, registry, &lab).run(std::get<domain::Declaration>(parsed));
    if (command.format == "json") {
      std::cout << boost::json::serialize(services::to_json(report, rules, command.lang)) << "\n";
    } else {
      std::cout << services::to_text(report, rules, command.lang);
    }
    return services::outcome_exit_code(report.outcome);
  } catch (const std::exception& failure) {
    std::cerr << "lmo-portal check: " << failure.what() << "\n";
    return 2;
  }
}

}  // namespace lmo::app
