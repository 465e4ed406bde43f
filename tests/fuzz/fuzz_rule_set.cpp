// Fuzz target: a national rule set as an editor submits it (the format of
// data/rules/countries/<CODE>.json), read against the bundled Article 18 rules. Invariants:
// nothing crashes or throws; a set that checks as valid can be put in force, and its text
// is then the one in force for its jurisdiction.
#include <boost/json.hpp>
#include <cstdint>
#include <string_view>

#include "services/check_rules.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  static lmo::services::CheckRules rules(LMO_SOURCE_DIR "/data/rules");
  boost::system::error_code error;
  boost::json::parse_options options;
  options.max_depth = 32;
  auto value = boost::json::parse(std::string_view(reinterpret_cast<const char*>(bytes), size), error, {}, options);
  if (error) return 0;
  auto problem = rules.check_jurisdiction(value);
  if (problem) {
    lmo::fuzz::require(!problem->empty());
    return 0;
  }
  lmo::fuzz::require(!rules.set_jurisdiction(value));
  const auto& code = value.as_object().at("jurisdiction").as_string();
  lmo::fuzz::require(rules.jurisdiction_doc(std::string_view(code)) == boost::json::serialize(value));
  return 0;
}
