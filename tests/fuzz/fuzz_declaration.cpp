// Fuzzes the declaration parser (JSON): any JSON gives a declaration or problems that each
// name a reason; nothing crashes, whatever the nesting or types.
#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>

#include "domain/declaration.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  boost::system::error_code error;
  boost::json::parse_options options;
  options.max_depth = 32;
  auto value = boost::json::parse(std::string_view(reinterpret_cast<const char*>(data), size), error, {}, options);
  if (error) return 0;
  auto result = lmo::domain::parse_declaration(value);
  if (auto* problems = std::get_if<std::vector<lmo::domain::DeclarationProblem>>(&result)) {
    if (problems->empty()) __builtin_trap();
    for (const auto& p : *problems) {
      if (p.reason.empty()) __builtin_trap();
    }
  } else {
    const auto& d = std::get<lmo::domain::Declaration>(result);
    if (d.importing_country.size() != 2) __builtin_trap();
  }
  return 0;
}
