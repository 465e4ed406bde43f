#include "domain/registry_json.hpp"

#include <boost/json.hpp>

#include "domain/unique_identifier.hpp"
#include <regex>

namespace lmo::domain {

namespace json = boost::json;

std::string_view record_type_name(RecordType type) {
  switch (type) {
    case RecordType::organism: return "organism";
    case RecordType::developer: return "developer";
    case RecordType::genetic_element: return "genetic_element";
    case RecordType::trait: return "trait";
    case RecordType::lmo: return "lmo";
    case RecordType::decision: return "decision";
    case RecordType::method: return "method";
    case RecordType::laboratory: return "laboratory";
    case RecordType::authority: return "authority";
    case RecordType::standard: return "standard";
    case RecordType::transport_rule: return "transport_rule";
  }
  return "";
}

std::string_view record_type_file(RecordType type) {
  switch (type) {
    case RecordType::organism: return "organisms";
    case RecordType::developer: return "developers";
    case RecordType::genetic_element: return "genetic_elements";
    case RecordType::trait: return "traits";
    case RecordType::lmo: return "lmos";
    case RecordType::decision: return "decisions";
    case RecordType::method: return "methods";
    case RecordType::laboratory: return "laboratories";
    case RecordType::authority: return "authorities";
    case RecordType::standard: return "standards";
    case RecordType::transport_rule: return "transport_rules";
  }
  return "";
}

std::string lmo_key(const std::optional<std::string>& uid, std::string_view event_name) {
  if (uid && !uid->empty()) return *uid;
  return "event:" + std::string(event_name);
}

namespace {

// Signals a rejected record; caught per record in decode_records.
struct Reject {
  std::string field;
  std::string reason;
};

// Typed access to one record's fields; every failure names the field.
class Fields {
 public:
  explicit Fields(const json::object& object) : object_(object) {}

  const json::value* find(std::string_view name) const {
    auto it = object_.find(name);
    return it == object_.end() || it->value().is_null() ? nullptr : &it->value();
  }
  std::string text(std::string_view name) const {
    const auto* v = find(name);
    if (!v || !v->is_string() || v->as_string().empty()) throw Reject{std::string(name), "must be a non-empty string"};
    return std::string(v->as_string());
  }
  std::string text_or_empty(std::string_view name) const {
    const auto* v = find(name);
    if (!v) return {};
    if (!v->is_string()) throw Reject{std::string(name), "must be a string"};
    return std::string(v->as_string());
  }
  std::optional<std::string> optional_text(std::string_view name) const {
    auto value = text_or_empty(name);
    if (value.empty()) return std::nullopt;
    return value;
  }
  bool flag(std::string_view name) const {
    const auto* v = find(name);
    if (!v || !v->is_bool()) throw Reject{std::string(name), "must be true or false"};
    return v->as_bool();
  }
  std::optional<int> optional_int(std::string_view name) const {
    const auto* v = find(name);
    if (!v) return std::nullopt;
    if (!v->is_int64() || v->as_int64() < 0 || v->as_int64() > 1'000'000) {
      throw Reject{std::string(name), "must be a whole number"};
    }
    return static_cast<int>(v->as_int64());
  }
  std::vector<std::string> list(std::string_view name) const {
    std::vector<std::string> out;
    const auto* v = find(name);
    if (!v) return out;
    if (!v->is_array()) throw Reject{std::string(name), "must be an array of strings"};
    for (const auto& item : v->as_array()) {
      if (!item.is_string() || item.as_string().empty()) throw Reject{std::string(name), "must hold non-empty strings"};
      out.emplace_back(item.as_string());
    }
    return out;
  }
  LocalizedText localized(std::string_view name, bool required) const {
    LocalizedText text;
    const auto* v = find(name);
    if (!v) {
      if (required) throw Reject{std::string(name), "is missing (an object of language code to text)"};
      return text;
    }
    if (!v->is_object()) throw Reject{std::string(name), "must be an object of language code to text"};
    static const std::regex language("[a-z]{2,3}");
    for (const auto& [lang, item] : v->as_object()) {
      if (!std::regex_match(std::string(lang), language)) throw Reject{std::string(name), "has a key that is not a language code"};
      if (!item.is_string()) throw Reject{std::string(name), "must map languages to strings"};
      text.set(std::string(lang), std::string(item.as_string()));
    }
    if (required && text.empty()) throw Reject{std::string(name), "needs a non-empty text"};
    return text;
  }
  Provenance provenance() const {
    Provenance p;
    const auto* source = find("source");
    if (source && source->is_array()) {
      for (const auto& item : source->as_array()) {
        if (!item.is_string() || item.as_string().empty()) throw Reject{"source", "must hold non-empty strings"};
        if (!p.source.empty()) p.source += '\n';
        p.source += std::string(item.as_string());
      }
      if (p.source.empty()) throw Reject{"source", "must not be empty"};
    } else {
      p.source = text("source");
    }
    p.retrieved = text("retrieved");
    static const std::regex date(R"(\d{4}-\d{2}-\d{2})");
    if (!std::regex_match(p.retrieved, date)) throw Reject{"retrieved", "must be a date YYYY-MM-DD"};
    p.verified = flag("verified");
    p.note = text_or_empty("note");
    return p;
  }

 private:
  const json::object& object_;
};

void require_date(const std::string& value, std::string_view field) {
  static const std::regex date(R"(\d{4}-\d{2}-\d{2})");
  if (!std::regex_match(value, date)) throw Reject{std::string(field), "must be a date YYYY-MM-DD"};
}

void require_country(const std::string& value, std::string_view field, bool allow_eu) {
  static const std::regex code("[A-Z]{2}");
  if (!std::regex_match(value, code) || (!allow_eu && value == "EU")) {
    throw Reject{std::string(field), "must be an ISO 3166-1 alpha-2 code in capitals" +
                                         std::string(allow_eu ? " or EU" : "")};
  }
}

json::value nullable(const std::optional<std::string>& value) {
  return value ? json::value(*value) : json::value(nullptr);
}

json::array strings(const std::vector<std::string>& items) {
  json::array out;
  for (const auto& item : items) out.emplace_back(item);
  return out;
}

json::object localized(const LocalizedText& text) {
  json::object out;
  for (const auto& [lang, value] : text.by_language()) out[lang] = value;
  return out;
}

void put_provenance(json::object& out, const Provenance& p) {
  json::array sources;
  size_t start = 0;
  while (start <= p.source.size()) {
    size_t end = p.source.find('\n', start);
    if (end == std::string::npos) end = p.source.size();
    sources.emplace_back(p.source.substr(start, end - start));
    start = end + 1;
  }
  out["source"] = std::move(sources);
  out["retrieved"] = p.retrieved;
  out["verified"] = p.verified;
  if (!p.note.empty()) out["note"] = p.note;
}

Organism decode_organism(const Fields& f) {
  Organism o;
  o.id = f.text("id");
  o.scientific_name = f.text("scientific_name");
  o.common_name = f.localized("common_names", true);
  o.kind = f.text("kind");
  o.taxon_reference_genes = f.list("taxon_reference_genes");
  o.provenance = f.provenance();
  return o;
}

Developer decode_developer(const Fields& f) {
  Developer d;
  d.id = f.text("id");
  d.name = f.text("name");
  d.uid_prefixes = f.list("uid_prefixes");
  d.country = f.text_or_empty("country");
  if (!d.country.empty()) require_country(d.country, "country", false);
  d.provenance = f.provenance();
  return d;
}

GeneticElement decode_element(const Fields& f) {
  GeneticElement e;
  e.id = f.text("id");
  e.name = f.text("name");
  e.element_class = f.text("class");
  e.origin = f.text_or_empty("origin");
  e.function = f.localized("function", false);
  e.provenance = f.provenance();
  return e;
}

Trait decode_trait(const Fields& f) {
  Trait t;
  t.id = f.text("id");
  t.name = f.localized("name", true);
  t.category = f.text("category");
  t.provenance = f.provenance();
  return t;
}

Lmo decode_lmo(const Fields& f) {
  Lmo l;
  l.uid = f.optional_text("uid");
  if (l.uid) {
    // Any spelling is accepted and stored canonically (Ø for zero, " × " between events).
    auto parsed = parse_stacked_identifier(*l.uid);
    if (parsed.status == IdentifierStatus::invalid) {
      std::string reason = "is not a valid unique identifier";
      for (const auto& component : parsed.components) {
        for (const auto& issue : component.issues) {
          if (issue.severity == IssueSeverity::error) {
            reason += ": " + issue.message;
            break;
          }
        }
      }
      throw Reject{"uid", reason};
    }
    l.uid = parsed.canonical;
  }
  l.event_name = f.text("event_name");
  l.key = lmo_key(l.uid, l.event_name);
  l.aliases = f.list("aliases");
  l.trade_names = f.list("trade_names");
  l.organism = f.text("organism");
  l.developer = f.text_or_empty("developer");
  std::string kind = f.text("kind");
  if (kind != "event" && kind != "stack") throw Reject{"kind", "must be event or stack"};
  l.is_stack = kind == "stack";
  l.parents = f.list("parents");
  if (l.is_stack && l.parents.size() < 2) throw Reject{"parents", "a stack needs at least two parent events"};
  if (!l.is_stack && !l.parents.empty()) throw Reject{"parents", "only stacks have parent events"};
  l.traits = f.list("traits");
  l.elements = f.list("elements");
  l.bch_record = f.optional_text("bch_record");
  l.description = f.localized("description", false);
  l.provenance = f.provenance();
  return l;
}

Decision decode_decision(const Fields& f) {
  Decision d;
  d.id = f.text("id");
  d.country = f.text("country");
  require_country(d.country, "country", true);
  d.lmos = f.list("lmos");
  if (d.lmos.empty()) throw Reject{"lmos", "must name at least one LMO"};
  const auto* scope = f.find("scope");
  if (!scope || !scope->is_object()) throw Reject{"scope", "must be an object of use flags"};
  for (const auto& [name, value] : scope->as_object()) {
    auto use = parse_use(name);
    if (!use || std::string_view(name) == "contained") throw Reject{"scope", "has an unknown use '" + std::string(name) + "'"};
    if (!value.is_bool()) throw Reject{"scope", "flags must be true or false"};
    d.scope.set(*use, value.as_bool());
  }
  d.result = f.text("result");
  d.conditions = f.optional_text("conditions");
  d.date = f.text("date");
  require_date(d.date, "date");
  d.expiry = f.optional_text("expiry");
  if (d.expiry) require_date(*d.expiry, "expiry");
  d.authority = f.text_or_empty("authority");
  d.reference = f.text_or_empty("reference");
  d.provenance = f.provenance();
  return d;
}

DetectionMethod decode_method(const Fields& f) {
  DetectionMethod m;
  m.code = f.text("code");
  m.name = f.text("name");
  m.scope = f.text("scope");
  if (m.scope != "element" && m.scope != "construct" && m.scope != "event" && m.scope != "taxon") {
    throw Reject{"scope", "must be element, construct, event or taxon"};
  }
  m.targets = f.list("targets");
  m.detects = f.list("detects");
  m.taxon = f.optional_text("taxon");
  if (const auto* primers = f.find("primers")) {
    if (!primers->is_object()) throw Reject{"primers", "must be an object"};
    Fields p(primers->as_object());
    m.primers = {p.text_or_empty("forward"), p.text_or_empty("reverse"), p.text_or_empty("probe")};
  }
  m.amplicon_bp = f.optional_int("amplicon_bp");
  m.validation = f.text_or_empty("validation");
  m.reference_material = f.optional_text("reference_material");
  m.lod = f.optional_text("lod");
  m.provenance = f.provenance();
  return m;
}

Laboratory decode_laboratory(const Fields& f) {
  Laboratory l;
  l.id = f.text("id");
  l.name = f.text("name");
  l.country = f.text("country");
  require_country(l.country, "country", false);
  l.url = f.text_or_empty("url");
  l.services = f.list("services");
  l.accreditation = f.optional_text("accreditation");
  l.network = f.text_or_empty("network");
  l.detectable = f.list("detectable");
  l.provenance = f.provenance();
  return l;
}

Authority decode_authority(const Fields& f) {
  Authority a;
  a.id = f.text("id");
  a.country = f.text("country");
  require_country(a.country, "country", true);
  a.role = f.text("role");
  if (a.role != "competent-national-authority" && a.role != "national-focal-point" &&
      a.role != "art17-emergency-contact" && a.role != "bch-focal-point") {
    throw Reject{"role", "must be competent-national-authority, national-focal-point, art17-emergency-contact or bch-focal-point"};
  }
  a.institution = f.text("institution");
  a.department = f.optional_text("department");
  a.responsibilities = f.localized("responsibilities", false);
  a.url = f.optional_text("url");
  a.contact_page = f.optional_text("contact_page");
  const auto* party = f.find("party_to_protocol");
  if (party && !party->is_bool()) throw Reject{"party_to_protocol", "must be true or false"};
  a.party_to_protocol = !party || party->as_bool();
  a.bch_record = f.optional_text("bch_record");
  a.provenance = f.provenance();
  return a;
}

StandardBody decode_standard(const Fields& f) {
  StandardBody s;
  s.id = f.text("id");
  s.name = f.text("name");
  s.acronym = f.text_or_empty("acronym");
  s.url = f.text_or_empty("url");
  s.sets = f.localized("sets", false);
  s.provenance = f.provenance();
  return s;
}

TransportRule decode_transport_rule(const Fields& f) {
  TransportRule t;
  t.id = f.text("id");
  t.un_number = f.text("un_number");
  t.proper_shipping_name = f.text("proper_shipping_name");
  t.hazard_class = f.text("class");
  if (const auto* modes = f.find("packing_instruction")) {
    if (!modes->is_object()) throw Reject{"packing_instruction", "must map transport modes to instructions"};
    for (const auto& [mode, value] : modes->as_object()) {
      if (!value.is_string()) throw Reject{"packing_instruction", "must map transport modes to instructions"};
      t.packing_instruction.emplace_back(std::string(mode), std::string(value.as_string()));
    }
  }
  t.packaging = f.text_or_empty("packaging");
  t.exemption = f.text_or_empty("exemption");
  t.provenance = f.provenance();
  return t;
}

std::string record_label(const json::object& object) {
  for (const char* name : {"id", "uid", "code", "event_name"}) {
    auto it = object.find(name);
    if (it != object.end() && it->value().is_string()) return std::string(it->value().as_string());
  }
  return {};
}

}  // namespace

void decode_records(RecordType type, const json::value& value, Registry& registry,
                    std::vector<RecordProblem>& problems) {
  if (!value.is_array()) {
    problems.push_back({0, "", "", "must be a JSON array of records"});
    return;
  }
  const auto& array = value.as_array();
  for (size_t i = 0; i < array.size(); ++i) {
    if (!array[i].is_object()) {
      problems.push_back({i, "", "", "record is not a JSON object"});
      continue;
    }
    Fields f(array[i].as_object());
    try {
      switch (type) {
        case RecordType::organism: registry.organisms.push_back(decode_organism(f)); break;
        case RecordType::developer: registry.developers.push_back(decode_developer(f)); break;
        case RecordType::genetic_element: registry.elements.push_back(decode_element(f)); break;
        case RecordType::trait: registry.traits.push_back(decode_trait(f)); break;
        case RecordType::lmo: registry.lmos.push_back(decode_lmo(f)); break;
        case RecordType::decision: registry.decisions.push_back(decode_decision(f)); break;
        case RecordType::method: registry.methods.push_back(decode_method(f)); break;
        case RecordType::laboratory: registry.laboratories.push_back(decode_laboratory(f)); break;
        case RecordType::authority: registry.authorities.push_back(decode_authority(f)); break;
        case RecordType::standard: registry.standards.push_back(decode_standard(f)); break;
        case RecordType::transport_rule: registry.transport_rules.push_back(decode_transport_rule(f)); break;
      }
    } catch (const Reject& reject) {
      problems.push_back({i, record_label(array[i].as_object()), reject.field, reject.reason});
    }
  }
}

json::object to_json(const Organism& o) {
  json::object out{{"id", o.id}, {"scientific_name", o.scientific_name},
                   {"common_names", localized(o.common_name)}, {"kind", o.kind},
                   {"taxon_reference_genes", strings(o.taxon_reference_genes)}};
  put_provenance(out, o.provenance);
  return out;
}

json::object to_json(const Developer& d) {
  json::object out{{"id", d.id}, {"name", d.name}, {"uid_prefixes", strings(d.uid_prefixes)},
                   {"country", d.country}};
  put_provenance(out, d.provenance);
  return out;
}

json::object to_json(const GeneticElement& e) {
  json::object out{{"id", e.id}, {"name", e.name}, {"class", e.element_class}, {"origin", e.origin},
                   {"function", localized(e.function)}};
  put_provenance(out, e.provenance);
  return out;
}

json::object to_json(const Trait& t) {
  json::object out{{"id", t.id}, {"name", localized(t.name)}, {"category", t.category}};
  put_provenance(out, t.provenance);
  return out;
}

json::object to_json(const Lmo& l) {
  json::object out{{"uid", nullable(l.uid)},
                   {"event_name", l.event_name},
                   {"aliases", strings(l.aliases)},
                   {"trade_names", strings(l.trade_names)},
                   {"organism", l.organism},
                   {"developer", l.developer},
                   {"kind", l.is_stack ? "stack" : "event"},
                   {"parents", strings(l.parents)},
                   {"traits", strings(l.traits)},
                   {"elements", strings(l.elements)},
                   {"bch_record", nullable(l.bch_record)},
                   {"description", localized(l.description)}};
  put_provenance(out, l.provenance);
  return out;
}

json::object to_json(const Decision& d) {
  json::object scope;
  for (Use use : kAllUses) scope[use_name(use)] = d.scope.covers(use);
  json::object out{{"id", d.id},
                   {"country", d.country},
                   {"lmos", strings(d.lmos)},
                   {"scope", std::move(scope)},
                   {"result", d.result},
                   {"conditions", nullable(d.conditions)},
                   {"date", d.date},
                   {"expiry", nullable(d.expiry)},
                   {"authority", d.authority},
                   {"reference", d.reference}};
  put_provenance(out, d.provenance);
  return out;
}

json::object to_json(const DetectionMethod& m) {
  json::object out{{"code", m.code},
                   {"name", m.name},
                   {"scope", m.scope},
                   {"targets", strings(m.targets)},
                   {"detects", strings(m.detects)},
                   {"taxon", nullable(m.taxon)},
                   {"primers", json::object{{"forward", m.primers.forward},
                                            {"reverse", m.primers.reverse},
                                            {"probe", m.primers.probe}}},
                   {"amplicon_bp", m.amplicon_bp ? json::value(*m.amplicon_bp) : json::value(nullptr)},
                   {"validation", m.validation},
                   {"reference_material", nullable(m.reference_material)},
                   {"lod", nullable(m.lod)}};
  put_provenance(out, m.provenance);
  return out;
}

json::object to_json(const Laboratory& l) {
  json::object out{{"id", l.id},
                   {"name", l.name},
                   {"country", l.country},
                   {"url", l.url},
                   {"services", strings(l.services)},
                   {"accreditation", nullable(l.accreditation)},
                   {"network", l.network},
                   {"detectable", strings(l.detectable)}};
  put_provenance(out, l.provenance);
  return out;
}

json::object to_json(const Authority& a) {
  json::object out{{"id", a.id},
                   {"country", a.country},
                   {"role", a.role},
                   {"institution", a.institution},
                   {"department", nullable(a.department)},
                   {"responsibilities", localized(a.responsibilities)},
                   {"url", nullable(a.url)},
                   {"contact_page", nullable(a.contact_page)},
                   {"party_to_protocol", a.party_to_protocol},
                   {"bch_record", nullable(a.bch_record)}};
  put_provenance(out, a.provenance);
  return out;
}

json::object to_json(const StandardBody& s) {
  json::object out{{"id", s.id}, {"name", s.name}, {"acronym", s.acronym}, {"url", s.url},
                   {"sets", localized(s.sets)}};
  put_provenance(out, s.provenance);
  return out;
}

json::object to_json(const TransportRule& t) {
  json::object modes;
  for (const auto& [mode, instruction] : t.packing_instruction) modes[mode] = instruction;
  json::object out{{"id", t.id},
                   {"un_number", t.un_number},
                   {"proper_shipping_name", t.proper_shipping_name},
                   {"class", t.hazard_class},
                   {"packing_instruction", std::move(modes)},
                   {"packaging", t.packaging},
                   {"exemption", t.exemption}};
  put_provenance(out, t.provenance);
  return out;
}

json::array encode_records(RecordType type, const Registry& registry) {
  json::array out;
  auto add_all = [&](const auto& records) {
    for (const auto& record : records) out.push_back(to_json(record));
  };
  switch (type) {
    case RecordType::organism: add_all(registry.organisms); break;
    case RecordType::developer: add_all(registry.developers); break;
    case RecordType::genetic_element: add_all(registry.elements); break;
    case RecordType::trait: add_all(registry.traits); break;
    case RecordType::lmo: add_all(registry.lmos); break;
    case RecordType::decision: add_all(registry.decisions); break;
    case RecordType::method: add_all(registry.methods); break;
    case RecordType::laboratory: add_all(registry.laboratories); break;
    case RecordType::authority: add_all(registry.authorities); break;
    case RecordType::standard: add_all(registry.standards); break;
    case RecordType::transport_rule: add_all(registry.transport_rules); break;
  }
  return out;
}

}  // namespace lmo::domain
