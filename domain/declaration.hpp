// Declaration: what arrived with a shipment, as the border check reads it — countries, HS
// code, goods, declared use, transport mode, the accompanying document's text and the
// statements the officer confirmed, the LMOs listed ("contains") and the "may contain" list,
// and the parties. See docs/border-check-spec.md for the JSON form. Parsing never throws:
// a malformed declaration is a list of problems, each naming the field (a JSON path).
#pragma once

#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace lmo::domain {

enum class DeclaredUse { food_feed_processing, contained_use, environment, unknown };
std::string_view declared_use_name(DeclaredUse use);

struct Party {
  std::string name;
  std::string institution;
  std::string address;
  std::string phone;
  std::string email;
  bool empty() const { return name.empty() && institution.empty() && address.empty() && phone.empty() && email.empty(); }
};

// An LMO as listed on the documents: by identifier or by name (event or trade name); LMOs
// without an identifier (micro-organisms, animals) may be named by developer and organism.
struct ListedLmo {
  std::string identifier;
  std::string name;
  std::string developer;
  std::string organism;
};

// Statements as confirmed by the officer; unset means "not confirmed" (the text may still say it).
struct ConfirmedStatements {
  std::optional<bool> contains_lmo;
  std::optional<bool> may_contain_lmo;
  std::optional<bool> not_for_intentional_introduction;
  std::optional<bool> identified_as_lmo;
  std::optional<std::string> handling_requirements;
  std::optional<bool> traits_described;
  std::optional<bool> conformity_declaration;
};

struct Declaration {
  std::string reference;
  std::string importing_country;
  std::string exporting_country;
  std::vector<std::string> transit_countries;
  std::string hs_code;
  std::string goods_description;
  DeclaredUse declared_use = DeclaredUse::unknown;
  std::string organism_kind;   // plant, animal, micro-organism, or empty
  std::string transport_mode;  // sea, air, road, rail, post, or empty
  std::optional<double> quantity;
  std::string quantity_unit;
  std::string document_text;
  ConfirmedStatements statements;
  std::vector<ListedLmo> lmos;
  std::vector<ListedLmo> may_contain;
  Party importer, exporter, consignee, contact_point;
  std::string check_date;  // YYYY-MM-DD the check is made for; empty: today
};

struct DeclarationProblem {
  std::string field;  // JSON path, e.g. "lmos[2].identifier"
  std::string reason;
};

using DeclarationResult = std::variant<Declaration, std::vector<DeclarationProblem>>;

DeclarationResult parse_declaration(const boost::json::value& value);

}  // namespace lmo::domain
