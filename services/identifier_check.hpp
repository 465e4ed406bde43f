// IdentifierCheck: the answer to "is this a well-formed OECD unique identifier, and do we
// know it?" shared by `lmo-portal uid validate` and GET /api/v1/uids/validate. Malformed
// identifiers are an answer (status invalid, with reasons), never an error.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/unique_identifier.hpp"

namespace lmo::services {

class RegistryService;

struct IdentifierCheck {
  std::string input;
  domain::StackedIdentifierParse parse;
  std::optional<std::string> registry_key;  // set when the registry knows the identifier
};

// Developer prefixes (e.g. "DP", "MON") decide the 2+6 / 3+5 split of unseparated input.
IdentifierCheck check_identifier(std::string_view input, const std::vector<std::string>& developer_prefixes,
                                 const RegistryService* registry);

boost::json::object to_json(const IdentifierCheck& check);
// One line per component: "MON-ØØ81Ø-6  valid" with indented issues below.
std::string to_text(const IdentifierCheck& check);

}  // namespace lmo::services
