#include "domain/declaration.hpp"

#include <boost/json.hpp>
#include <regex>

namespace lmo::domain {

namespace json = boost::json;

std::string_view declared_use_name(DeclaredUse use) {
  switch (use) {
    case DeclaredUse::food_feed_processing: return "food_feed_processing";
    case DeclaredUse::contained_use: return "contained_use";
    case DeclaredUse::environment: return "environment";
    case DeclaredUse::unknown: return "unknown";
  }
  return "unknown";
}

namespace {

constexpr std::size_t kMaxText = 100'000;
constexpr std::size_t kMaxList = 1'000;

class Reader {
 public:
  Reader(const json::object& object, std::string path, std::vector<DeclarationProblem>& problems)
      : object_(object), path_(std::move(path)), problems_(problems) {}

  std::string field(std::string_view name) const { return path_.empty() ? std::string(name) : path_ + "." + std::string(name); }
  void problem(std::string_view name, std::string reason) const { problems_.push_back({field(name), std::move(reason)}); }

  const json::value* find(std::string_view name) const {
    auto it = object_.find(name);
    return it == object_.end() || it->value().is_null() ? nullptr : &it->value();
  }
  std::string text(std::string_view name, std::size_t max = 2000) const {
    const auto* v = find(name);
    if (!v) return {};
    if (!v->is_string()) {
      problem(name, "must be a string");
      return {};
    }
    if (v->as_string().size() > max) {
      problem(name, "is longer than " + std::to_string(max) + " bytes");
      return {};
    }
    return std::string(v->as_string());
  }
  std::optional<bool> flag(std::string_view name) const {
    const auto* v = find(name);
    if (!v) return std::nullopt;
    if (!v->is_bool()) {
      problem(name, "must be true or false");
      return std::nullopt;
    }
    return v->as_bool();
  }
  const json::object* object(std::string_view name) const {
    const auto* v = find(name);
    if (!v) return nullptr;
    if (!v->is_object()) {
      problem(name, "must be an object");
      return nullptr;
    }
    return &v->as_object();
  }
  const json::array* array(std::string_view name) const {
    const auto* v = find(name);
    if (!v) return nullptr;
    if (!v->is_array()) {
      problem(name, "must be an array");
      return nullptr;
    }
    if (v->as_array().size() > kMaxList) {
      problem(name, "has more than " + std::to_string(kMaxList) + " entries");
      return nullptr;
    }
    return &v->as_array();
  }
  void allow_only(std::initializer_list<std::string_view> names) const {
    for (const auto& [key, value] : object_) {
      if (std::find(names.begin(), names.end(), std::string_view(key)) == names.end()) {
        problems_.push_back({field(key), "is not a field of a declaration"});
      }
    }
  }

 private:
  const json::object& object_;
  std::string path_;
  std::vector<DeclarationProblem>& problems_;
};

bool is_country(const std::string& code) {
  static const std::regex pattern("[A-Z]{2}");
  return std::regex_match(code, pattern);
}

Party read_party(const Reader& parent, std::string_view name, std::vector<DeclarationProblem>& problems) {
  Party party;
  const auto* object = parent.object(name);
  if (!object) return party;
  Reader r(*object, parent.field(name), problems);
  r.allow_only({"name", "institution", "address", "phone", "email"});
  party.name = r.text("name");
  party.institution = r.text("institution");
  party.address = r.text("address");
  party.phone = r.text("phone");
  party.email = r.text("email");
  return party;
}

std::vector<ListedLmo> read_lmos(const Reader& r, std::string_view name, std::vector<DeclarationProblem>& problems) {
  std::vector<ListedLmo> out;
  const auto* list = r.array(name);
  if (!list) return out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    std::string path = r.field(name) + "[" + std::to_string(i) + "]";
    const auto& item = (*list)[i];
    if (item.is_string()) {  // shorthand: an identifier or a name
      out.push_back({std::string(item.as_string()), "", "", ""});
      continue;
    }
    if (!item.is_object()) {
      problems.push_back({path, "must be an object with identifier or name"});
      continue;
    }
    Reader entry(item.as_object(), path, problems);
    entry.allow_only({"identifier", "name", "developer", "organism"});
    ListedLmo lmo{entry.text("identifier", 200), entry.text("name", 200), entry.text("developer", 200),
                  entry.text("organism", 200)};
    if (lmo.identifier.empty() && lmo.name.empty()) {
      problems.push_back({path, "needs an identifier or a name"});
      continue;
    }
    out.push_back(std::move(lmo));
  }
  return out;
}

}  // namespace

DeclarationResult parse_declaration(const json::value& value) {
  std::vector<DeclarationProblem> problems;
  if (!value.is_object()) return std::vector<DeclarationProblem>{{"", "a declaration must be a JSON object"}};
  Reader r(value.as_object(), "", problems);
  r.allow_only({"reference", "importing_country", "exporting_country", "transit_countries", "hs_code",
                "goods_description", "declared_use", "organism_kind", "transport_mode", "quantity", "document_text",
                "statements", "lmos", "may_contain", "parties", "check_date"});
  Declaration d;
  d.reference = r.text("reference", 200);
  d.importing_country = r.text("importing_country", 2);
  if (d.importing_country.empty()) {
    if (!r.find("importing_country")) r.problem("importing_country", "is required");
  } else if (!is_country(d.importing_country)) {
    r.problem("importing_country", "must be an ISO 3166-1 alpha-2 code in capitals");
  }
  d.exporting_country = r.text("exporting_country", 2);
  if (!d.exporting_country.empty() && !is_country(d.exporting_country)) {
    r.problem("exporting_country", "must be an ISO 3166-1 alpha-2 code in capitals");
  }
  if (const auto* transit = r.array("transit_countries")) {
    for (std::size_t i = 0; i < transit->size(); ++i) {
      const auto& item = (*transit)[i];
      if (!item.is_string() || !is_country(std::string(item.as_string()))) {
        problems.push_back({"transit_countries[" + std::to_string(i) + "]", "must be an ISO 3166-1 alpha-2 code in capitals"});
      } else {
        d.transit_countries.emplace_back(item.as_string());
      }
    }
  }
  d.hs_code = r.text("hs_code", 20);
  static const std::regex hs("[0-9]{2,4}(\\.?[0-9]{2}){0,3}");
  if (!d.hs_code.empty() && !std::regex_match(d.hs_code, hs)) r.problem("hs_code", "must be digits such as 1005.90 or 10059000");
  d.goods_description = r.text("goods_description", kMaxText);
  std::string use = r.text("declared_use", 40);
  if (use.empty()) {
    if (!r.find("declared_use")) r.problem("declared_use", "is required (food_feed_processing, contained_use, environment or unknown)");
  } else if (use == "food_feed_processing") {
    d.declared_use = DeclaredUse::food_feed_processing;
  } else if (use == "contained_use") {
    d.declared_use = DeclaredUse::contained_use;
  } else if (use == "environment") {
    d.declared_use = DeclaredUse::environment;
  } else if (use == "unknown") {
    d.declared_use = DeclaredUse::unknown;
  } else {
    r.problem("declared_use", "must be food_feed_processing, contained_use, environment or unknown");
  }
  d.organism_kind = r.text("organism_kind", 40);
  if (!d.organism_kind.empty() && d.organism_kind != "plant" && d.organism_kind != "animal" &&
      d.organism_kind != "micro-organism") {
    r.problem("organism_kind", "must be plant, animal or micro-organism");
  }
  d.transport_mode = r.text("transport_mode", 40);
  if (!d.transport_mode.empty() && d.transport_mode != "sea" && d.transport_mode != "air" && d.transport_mode != "road" &&
      d.transport_mode != "rail" && d.transport_mode != "post") {
    r.problem("transport_mode", "must be sea, air, road, rail or post");
  }
  if (const auto* quantity = r.object("quantity")) {
    Reader q(*quantity, "quantity", problems);
    q.allow_only({"value", "unit"});
    const auto* v = q.find("value");
    if (v && (v->is_int64() || v->is_uint64() || v->is_double())) {
      double amount = v->to_number<double>();
      if (amount < 0) q.problem("value", "must not be negative"); else d.quantity = amount;
    } else if (v) {
      q.problem("value", "must be a number");
    }
    d.quantity_unit = q.text("unit", 20);
  }
  d.document_text = r.text("document_text", kMaxText);
  if (const auto* statements = r.object("statements")) {
    Reader s(*statements, "statements", problems);
    s.allow_only({"contains_lmo", "may_contain_lmo", "not_for_intentional_introduction", "identified_as_lmo",
                  "handling_requirements", "traits_described", "conformity_declaration"});
    d.statements.contains_lmo = s.flag("contains_lmo");
    d.statements.may_contain_lmo = s.flag("may_contain_lmo");
    d.statements.not_for_intentional_introduction = s.flag("not_for_intentional_introduction");
    d.statements.identified_as_lmo = s.flag("identified_as_lmo");
    if (auto text = s.text("handling_requirements", kMaxText); !text.empty()) d.statements.handling_requirements = text;
    d.statements.traits_described = s.flag("traits_described");
    d.statements.conformity_declaration = s.flag("conformity_declaration");
  }
  d.lmos = read_lmos(r, "lmos", problems);
  d.may_contain = read_lmos(r, "may_contain", problems);
  if (const auto* parties = r.object("parties")) {
    Reader p(*parties, "parties", problems);
    p.allow_only({"importer", "exporter", "consignee", "contact_point"});
    d.importer = read_party(p, "importer", problems);
    d.exporter = read_party(p, "exporter", problems);
    d.consignee = read_party(p, "consignee", problems);
    d.contact_point = read_party(p, "contact_point", problems);
  }
  d.check_date = r.text("check_date", 10);
  static const std::regex date(R"(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))");
  if (!d.check_date.empty() && !std::regex_match(d.check_date, date)) r.problem("check_date", "must be YYYY-MM-DD");
  if (!problems.empty()) return problems;
  return d;
}

}  // namespace lmo::domain
