// BCH record import. Field names were read from the public BCH documentation and front end
// (stored copies, 2026): "[doc:lmo]" = scbd/clearing-house-documentation
// components/lmo/request-body.md, "[doc:dec]" = components/dec/request-body.md, "[doc:types]" =
// components/records/custom-types.md (Term = {identifier, customValue}, Reference = {identifier}),
// "[doc:info]" = swagger/json/general/document-versions/get-info.json; "[fe:lab]" =
// scbd/absch.cbd.int app/views/forms/edit/bch/directives/edit-laboratory-detection.directive.*,
// "[fe:dec]" = .../edit-biosafety-decision.directive.js (decision-type and result term ids),
// "[fe:nr]" = app/app-data/bch/report-analyzer/cpbNationalReport*.js (use/scope term ids),
// "[fe:filters]" = app/app-data/bch/bch-left-menu-filters.js (index field names per schema),
// "[fe:index]" = index queries in the front end (identifier_s, uniqueIdentifier_s,
// uniqueIdentification_s, transformationEvent_s, identity_s, lmoScientificNames_ss, summary_EN_t,
// title_EN_t, government_s, _revision_i, _documentId_i and the scope*_b flags), "[brief]" =
// domain.md §8 only (not seen in those sources).
//
// modifiedOrganism document → Lmo
//   header.identifier [doc:lmo]        provenance source "BCH record <id>" (URL when documentID known)
//   transformationEvent [doc:lmo]      event_name (else identity, English or first language)
//   identity (lstring) [doc:lmo]       event_name fallback; its other texts → aliases
//   hasUniqueIdentification, uniqueIdentification [doc:lmo]
//                                      uid (canonical, parse_stacked_identifier); a stack of ≥2
//                                      identifiers makes a stack whose parents are the components
//   developers (references) [doc:lmo]  developer: bch_name_id(name) when the reference carries a
//                                      name, else "bch:<GUID>" (first developer only)
//   recipientOrganisms [doc:lmo]       organism: bch_organism_id(scientificName/name/title) when the
//                                      reference carries one, else "bch:<GUID>"
//   linkedModifiedOrganisms [doc:lmo]  stack parents "bch:<GUID>" — used only when the event name
//                                      or identifier says it is a stack (BCH labels the field
//                                      "Related LMO(s)", so links alone do not make a stack)
//   traits (terms) [doc:lmo]           traits "bch:<term id>" (customValue: bch_name_id of its text)
//   genes (references) [doc:lmo]       elements "bch:<GUID>"
//   description (lstring) [doc:lmo]    description, HTML tags removed
// /info wrapper [doc:info]: documentID + revision → bch_record "BCH-LMO-SCBD-<documentID>-<revision>"
//   and source "https://bch.cbd.int/database/record.shtml?documentid=<documentID>"; else
//   bch_record = header.identifier.
// modifiedOrganism index row: identifier_s, uniqueIdentifier_s (record id, e.g.
//   "bch-lmo-scbd-14750-19" → bch_record upper-cased, documentid), uniqueIdentification_s,
//   transformationEvent_s, identity_s, lmoScientificNames_ss → organism, traits_ss,
//   geneIdentifiers_ss [fe:filters], summary_EN_t / summary_t → description [fe:index].
//
// biosafetyDecision document → Decision [doc:dec]
//   header.identifier → id "bch-<identifier>"; government {identifier} → country upper-cased (eu → EU);
//   modifiedOrganisms → lmos; title → reference; date → date; authorities → authority
//   ("bch:<GUID>"s joined by "; ", or names when carried); conditions → conditions;
//   decisionResult → result; uses, decisionTypes, involvesFieldTrial, involvesCommercialRelease →
//   scope. `expires` is a yes/no flag in BCH ("confirm or update after two years"), not a date: a
//   date string there is read as expiry, a flag is ignored.
// biosafetyDecision index row: identifier_s, government_s, title_EN_t / title_t / title_s,
//   decisionDate_dt, decisionResult_s, decisionTypes_ss, uses_ss, modifiedOrganisms_ss
//   [fe:filters], scopeFood_b, scopeFeed_b, scopeProcessing_b, scopeRelease_b, scopeConfined_b,
//   scopeContainedUse_b, scopeTransit_b, scopePharmaceutical_b, scopeOther_b [fe:index],
//   scopeFieldTrials_b [brief, unconfirmed].
//
// laboratoryDetection document → Laboratory [fe:lab]
//   header.identifier → id "bch-<identifier>"; organization (a reference) → name only when it carries
//   a name, else the /info wrapper's title, else `title`; country from `government` [brief: other
//   BCH schemas; the lab form has no country field] or the organization's country; services (terms,
//   customValue for "other") → services; certifications (lstring) → accreditation; detectableLmos and
//   detectableGenes (references) → detectable "bch:<GUID>"; url from the organization's websites
//   when carried, else empty.
// laboratoryDetection index row: identifier_s, title_EN_t / title_t / title_s, government_s,
//   services_ss, detectableLmos_ss, detectableGenes_ss [fe:filters].
#include "domain/bch_record.hpp"

#include <boost/json.hpp>
#include <array>
#include <cstdint>
#include <exception>
#include <initializer_list>
#include <utility>

#include "domain/localized_text.hpp"
#include "domain/unique_identifier.hpp"

namespace lmo::domain {

namespace json = boost::json;

namespace {

constexpr std::string_view kTimes = "\xC3\x97";  // ×

// Signals a document left out; caught per document.
struct Reject {
  std::string field;
  std::string reason;
};

bool is_ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
char to_upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = to_upper(c);
  return out;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  return std::string(s.substr(b, e - b));
}

// At most `limit` bytes of `s`, cut on a UTF-8 character boundary, for use in messages.
std::string quote(std::string_view s, std::size_t limit = 60) {
  if (s.size() <= limit) return "'" + std::string(s) + "'";
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return "'" + std::string(s.substr(0, cut)) + "...'";
}

// A BCH record or reference identifier: letters, digits, '-' and '_' (the API's uid alphabet,
// [doc:info]); 1..128 characters.
bool is_record_identifier(std::string_view s) {
  if (s.empty() || s.size() > 128) return false;
  for (char c : s) {
    if (!is_ascii_alnum(c) && c != '-' && c != '_') return false;
  }
  return true;
}

// A thesaurus term identifier (GUID, country code "de", "eu", ...).
bool is_term_identifier(std::string_view s) {
  if (s.empty() || s.size() > 128) return false;
  for (char c : s) {
    if (!is_ascii_alnum(c) && c != '-' && c != '_' && c != '.' && c != ':') return false;
  }
  return true;
}

bool is_language_code(std::string_view s) {
  if (s.size() < 2 || s.size() > 3) return false;
  for (char c : s) {
    if (c < 'a' || c > 'z') return false;
  }
  return true;
}

// "YYYY-MM-DD" from "YYYY-MM-DD" or "YYYY-MM-DDThh:mm..." / "YYYY-MM-DD hh:mm".
std::optional<std::string> iso_date(std::string_view s) {
  if (s.size() < 10) return std::nullopt;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (!is_digit(s[i])) return std::nullopt;
  }
  if (s[4] != '-' || s[7] != '-') return std::nullopt;
  if (s.size() > 10 && s[10] != 'T' && s[10] != ' ') return std::nullopt;
  const int month = (s[5] - '0') * 10 + (s[6] - '0');
  const int day = (s[8] - '0') * 10 + (s[9] - '0');
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  return std::string(s.substr(0, 10));
}

// Text of an HTML fragment as BCH rich-text fields hold it ("<div><!--block-->Text</div>"):
// tags and comments dropped (block tags and comments leave a space, inline tags such as <b> and
// <a> nothing), common entities decoded, whitespace collapsed.
std::string strip_html(std::string_view html) {
  std::string text;
  text.reserve(html.size());
  for (std::size_t i = 0; i < html.size();) {
    if (html.compare(i, 4, "<!--") == 0) {
      const std::size_t end = html.find("-->", i + 4);
      i = end == std::string_view::npos ? html.size() : end + 3;
      text += ' ';
    } else if (html[i] == '<' && i + 1 < html.size() &&
               (is_alpha(html[i + 1]) || html[i + 1] == '/' ||
                html[i + 1] == '!')) {
      const std::size_t end = html.find('>', i + 1);
      std::size_t name = i + 1 + (html[i + 1] == '/' ? 1 : 0);
      std::string tag;
      while (name < html.size() && is_alpha(html[name]) && tag.size() < 8) tag += to_lower(html[name++]);
      i = end == std::string_view::npos ? html.size() : end + 1;
      static constexpr std::string_view kInline[] = {"a", "b", "i", "u", "em", "strong", "span", "sub", "sup", "small", "code"};
      bool is_inline = false;
      for (std::string_view t : kInline) is_inline = is_inline || tag == t;
      if (!is_inline) text += ' ';  // block tags (div, p, br, li, ...) separate words
    } else if (html[i] == '&') {
      static constexpr std::pair<std::string_view, std::string_view> kEntities[] = {
          {"&amp;", "&"}, {"&lt;", "<"},  {"&gt;", ">"},   {"&quot;", "\""},
          {"&#39;", "'"}, {"&apos;", "'"}, {"&nbsp;", " "}};
      bool matched = false;
      for (const auto& [entity, replacement] : kEntities) {
        if (html.compare(i, entity.size(), entity) == 0) {
          text += replacement;
          i += entity.size();
          matched = true;
          break;
        }
      }
      if (!matched) text += html[i++];
    } else {
      text += html[i++];
    }
  }
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char c : text) {
    if (is_space(c)) {
      pending_space = !out.empty();
    } else {
      if (pending_space) out += ' ';
      pending_space = false;
      out += c;
    }
  }
  return out;
}

// Splits an event name at stack joiners: "×", or a lone "x"/"X" between spaces.
std::vector<std::string> stack_parts(std::string_view name) {
  std::vector<std::string> parts;
  std::string current;
  for (std::size_t i = 0; i < name.size();) {
    if (name.compare(i, kTimes.size(), kTimes) == 0) {
      parts.push_back(trim(current));
      current.clear();
      i += kTimes.size();
    } else if ((name[i] == 'x' || name[i] == 'X') && i > 0 && is_space(name[i - 1]) &&
               i + 1 < name.size() && is_space(name[i + 1])) {
      parts.push_back(trim(current));
      current.clear();
      ++i;
    } else {
      current += name[i++];
    }
  }
  parts.push_back(trim(current));
  for (const auto& part : parts) {
    if (part.empty()) return {trim(name)};
  }
  return parts;
}

// A BCH record id as the index writes it ("bch-lmo-scbd-14750-19"), upper-cased, with its
// document number and revision.
struct RecordId {
  std::string text;
  std::int64_t number = 0;
  std::int64_t revision = 0;
};

std::optional<std::int64_t> small_number(std::string_view digits) {
  if (digits.empty() || digits.size() > 12) return std::nullopt;
  std::int64_t value = 0;
  for (char c : digits) {
    if (!is_digit(c)) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::optional<RecordId> parse_record_id(std::string_view s) {
  if (s.size() > 80) return std::nullopt;
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t dash = s.find('-', start);
    parts.push_back(s.substr(start, dash == std::string_view::npos ? s.npos : dash - start));
    if (dash == std::string_view::npos) break;
    start = dash + 1;
  }
  if (parts.size() != 5) return std::nullopt;
  if (upper(parts[0]) != "BCH") return std::nullopt;
  for (std::size_t i = 1; i <= 2; ++i) {
    if (parts[i].empty()) return std::nullopt;
    for (char c : parts[i]) {
      if (!is_ascii_alnum(c)) return std::nullopt;
    }
  }
  const auto number = small_number(parts[3]);
  const auto revision = small_number(parts[4]);
  if (!number || !revision) return std::nullopt;
  return RecordId{upper(s), *number, *revision};
}

std::string record_url(std::int64_t document_id) {
  return "https://bch.cbd.int/database/record.shtml?documentid=" + std::to_string(document_id);
}

// Where a document came from: its identifier and what its wrapper or index row adds.
struct Meta {
  std::string identifier;                // BCH GUID (header.identifier / identifier_s)
  std::optional<std::int64_t> document_id;  // numeric BCH document id
  std::optional<std::int64_t> revision;
  std::optional<std::string> record_id;  // "BCH-LMO-SCBD-14750-19"
  LocalizedText title;                   // /info title
};

// Typed access to one object's fields; every failure names the field by its JSON path.
class Fields {
 public:
  Fields(const json::object& object, std::string prefix) : object_(object), prefix_(std::move(prefix)) {}

  std::string path(std::string_view name) const { return prefix_ + std::string(name); }
  [[noreturn]] void reject(std::string_view name, std::string reason) const {
    throw Reject{path(name), std::move(reason)};
  }
  const json::object& object() const { return object_; }
  const std::string& prefix() const { return prefix_; }

  const json::value* find(std::string_view name) const {
    auto it = object_.find(name);
    return it == object_.end() || it->value().is_null() ? nullptr : &it->value();
  }

  // A string field; nullopt when absent or blank.
  std::optional<std::string> text(std::string_view name) const {
    const auto* v = find(name);
    if (!v) return std::nullopt;
    if (!v->is_string()) reject(name, "must be a string");
    std::string value = trim(v->as_string());
    if (value.empty()) return std::nullopt;
    return value;
  }

  // A Solr text field: a string, or an array whose first string is used.
  std::optional<std::string> index_text(std::string_view name) const {
    const auto* v = find(name);
    if (!v) return std::nullopt;
    if (v->is_array()) {
      for (const auto& item : v->as_array()) {
        if (!item.is_string()) reject(name, "must be a string or an array of strings");
      }
      for (const auto& item : v->as_array()) {
        std::string value = trim(item.as_string());
        if (!value.empty()) return value;
      }
      return std::nullopt;
    }
    return text(name);
  }

  // A Solr multi-valued field (_ss): a string or an array of strings; blanks dropped.
  std::vector<std::string> index_list(std::string_view name) const {
    std::vector<std::string> out;
    const auto* v = find(name);
    if (!v) return out;
    if (v->is_string()) {
      std::string value = trim(v->as_string());
      if (!value.empty()) out.push_back(std::move(value));
      return out;
    }
    if (!v->is_array()) reject(name, "must be a string or an array of strings");
    for (const auto& item : v->as_array()) {
      if (!item.is_string()) reject(name, "must be a string or an array of strings");
      std::string value = trim(item.as_string());
      if (!value.empty()) out.push_back(std::move(value));
    }
    return out;
  }

  std::optional<bool> flag(std::string_view name) const {
    const auto* v = find(name);
    if (!v) return std::nullopt;
    if (!v->is_bool()) reject(name, "must be true or false");
    return v->as_bool();
  }

  std::optional<std::int64_t> whole_number(std::string_view name) const {
    const auto* v = find(name);
    if (!v) return std::nullopt;
    if (v->is_int64() && v->as_int64() >= 0) return v->as_int64();
    if (v->is_uint64() && v->as_uint64() <= 1'000'000'000'000ULL) return static_cast<std::int64_t>(v->as_uint64());
    reject(name, "must be a whole number");
  }

  // A multilingual string {"en": "...", ...}; a plain string is read as English. With `html`,
  // each text has its tags removed.
  LocalizedText lstring(std::string_view name, bool html = false) const {
    LocalizedText out;
    const auto* v = find(name);
    if (!v) return out;
    read_lstring(*v, path(name), html, out);
    return out;
  }

  // An array field; empty when absent.
  const json::array* array(std::string_view name) const {
    const auto* v = find(name);
    if (!v) return nullptr;
    if (!v->is_array()) reject(name, "must be an array");
    return &v->as_array();
  }

  static void read_lstring(const json::value& v, const std::string& where, bool html, LocalizedText& out) {
    if (v.is_string()) {
      std::string value = html ? strip_html(v.as_string()) : trim(v.as_string());
      if (!value.empty()) out.set("en", std::move(value));
      return;
    }
    if (!v.is_object()) throw Reject{where, "must be an object of language code to text"};
    for (const auto& [lang, item] : v.as_object()) {
      if (!is_language_code(lang)) throw Reject{where, "has a key that is not a language code"};
      if (item.is_null()) continue;
      if (!item.is_string()) throw Reject{where, "must map languages to strings"};
      std::string value = html ? strip_html(item.as_string()) : trim(item.as_string());
      if (!value.empty()) out.set(std::string(lang), std::move(value));
    }
  }

 private:
  const json::object& object_;
  std::string prefix_;
};

std::optional<std::string> english(const LocalizedText& text) {
  if (auto resolved = text.resolve("en")) return resolved->text;
  return std::nullopt;
}

// A reference {"identifier": "<GUID>@<revision>"} → the GUID. `where` is its JSON path.
std::string reference_id(const json::value& v, const std::string& where) {
  if (!v.is_object()) throw Reject{where, "must be a reference object {\"identifier\": ...}"};
  const auto it = v.as_object().find("identifier");
  if (it == v.as_object().end() || !it->value().is_string()) {
    throw Reject{where + ".identifier", "must be a string"};
  }
  std::string_view id = it->value().as_string();
  const std::size_t at = id.find('@');
  if (at != std::string_view::npos) {
    const std::string_view revision = id.substr(at + 1);
    if (!small_number(revision)) throw Reject{where + ".identifier", "has a revision that is not a number"};
    id = id.substr(0, at);
  }
  if (!is_record_identifier(id)) {
    throw Reject{where + ".identifier", "must be a BCH record identifier (letters, digits, '-', '_')"};
  }
  return std::string(id);
}

// A term {"identifier": "<term id>", "customValue": lstring} → "bch:<term id>", or for a term
// with a custom text, bch_name_id of that text.
std::string term_value(const json::value& v, const std::string& where) {
  if (!v.is_object()) throw Reject{where, "must be a term object {\"identifier\": ...}"};
  const auto& object = v.as_object();
  if (const auto it = object.find("customValue"); it != object.end() && !it->value().is_null()) {
    LocalizedText custom;
    Fields::read_lstring(it->value(), where + ".customValue", false, custom);
    if (auto text = english(custom)) {
      std::string id = bch_name_id(*text);
      if (!id.empty()) return id;
    }
  }
  const auto it = object.find("identifier");
  if (it == object.end() || !it->value().is_string() || !is_term_identifier(it->value().as_string())) {
    throw Reject{where + ".identifier", "must be a term identifier"};
  }
  return "bch:" + std::string(it->value().as_string());
}

// The term identifier itself (upper-cased for comparison with the GUID tables below).
std::string term_id(const json::value& v, const std::string& where) {
  if (!v.is_object()) throw Reject{where, "must be a term object {\"identifier\": ...}"};
  const auto it = v.as_object().find("identifier");
  if (it == v.as_object().end() || !it->value().is_string() || !is_term_identifier(it->value().as_string())) {
    throw Reject{where + ".identifier", "must be a term identifier"};
  }
  return upper(it->value().as_string());
}

// The custom text of a term, when it carries one.
std::optional<std::string> term_custom_text(const json::value& v, const std::string& where) {
  if (!v.is_object()) return std::nullopt;
  const auto it = v.as_object().find("customValue");
  if (it == v.as_object().end() || it->value().is_null()) return std::nullopt;
  LocalizedText custom;
  Fields::read_lstring(it->value(), where + ".customValue", true, custom);
  return english(custom);
}

// A name carried by an expanded reference or given as a plain string: a string value, or the
// object's `name`, `scientificName` or `title` (string or lstring). nullopt for a bare reference.
std::optional<std::string> carried_name(const json::value& v, const std::string& where,
                                        std::initializer_list<std::string_view> keys) {
  if (v.is_string()) {
    std::string value = trim(v.as_string());
    if (value.empty()) return std::nullopt;
    return value;
  }
  if (!v.is_object()) return std::nullopt;
  for (std::string_view key : keys) {
    const auto it = v.as_object().find(key);
    if (it == v.as_object().end() || it->value().is_null()) continue;
    LocalizedText text;
    Fields::read_lstring(it->value(), where + "." + std::string(key), false, text);
    if (auto value = english(text)) return value;
  }
  return std::nullopt;
}

std::string path_of(const std::string& base, std::size_t i) {
  return base + "[" + std::to_string(i) + "]";
}

// Each item of a reference array as "bch:<GUID>".
std::vector<std::string> reference_keys(const Fields& f, std::string_view name) {
  std::vector<std::string> out;
  if (const auto* items = f.array(name)) {
    for (std::size_t i = 0; i < items->size(); ++i) {
      out.push_back("bch:" + reference_id((*items)[i], path_of(f.path(name), i)));
    }
  }
  return out;
}

// Each item of a term array as term_value().
std::vector<std::string> term_values(const Fields& f, std::string_view name) {
  std::vector<std::string> out;
  if (const auto* items = f.array(name)) {
    for (std::size_t i = 0; i < items->size(); ++i) {
      out.push_back(term_value((*items)[i], path_of(f.path(name), i)));
    }
  }
  return out;
}

// "GUID" or "GUID@rev" from an index multi-valued field → "bch:GUID" (nullopt if malformed).
std::optional<std::string> index_reference(std::string_view value) {
  const std::size_t at = value.find('@');
  if (at != std::string_view::npos) {
    if (!small_number(value.substr(at + 1))) return std::nullopt;
    value = value.substr(0, at);
  }
  if (!is_record_identifier(value)) return std::nullopt;
  return "bch:" + std::string(value);
}

std::vector<std::string> index_references(const Fields& f, std::string_view name) {
  std::vector<std::string> out;
  for (const auto& value : f.index_list(name)) {
    auto key = index_reference(value);
    if (!key) f.reject(name, "holds " + quote(value) + ", not a BCH record identifier");
    out.push_back(std::move(*key));
  }
  return out;
}

std::vector<std::string> index_terms(const Fields& f, std::string_view name) {
  std::vector<std::string> out;
  for (const auto& value : f.index_list(name)) {
    if (!is_term_identifier(value)) f.reject(name, "holds " + quote(value) + ", not a term identifier");
    out.push_back("bch:" + value);
  }
  return out;
}

void add_unique(std::vector<std::string>& list, std::string value) {
  for (const auto& item : list) {
    if (item == value) return;
  }
  list.push_back(std::move(value));
}

Provenance make_provenance(const Meta& meta, std::string_view retrieved, const std::vector<std::string>& remarks) {
  Provenance p;
  p.source = meta.document_id ? record_url(*meta.document_id) : "BCH record " + meta.identifier;
  p.retrieved = std::string(retrieved);
  p.verified = true;
  p.note = "imported from BCH";
  if (meta.record_id) p.note += " record " + *meta.record_id;
  for (const auto& remark : remarks) p.note += "; " + remark;
  return p;
}

// ---- LMOs ----------------------------------------------------------------------------------

struct UidReading {
  std::optional<std::string> uid;
  std::vector<std::string> parents;  // canonical components when a stack of ≥ 2
};

UidReading read_uid(const std::optional<std::string>& text, std::vector<std::string>& remarks) {
  UidReading out;
  if (!text) return out;
  const StackedIdentifierParse parse = parse_stacked_identifier(*text);
  if (parse.status == IdentifierStatus::invalid) {
    remarks.push_back("unique identifier " + quote(*text) + " not readable, left out");
    return out;
  }
  out.uid = parse.canonical;
  if (parse.components.size() >= 2) {
    for (const auto& component : parse.components) out.parents.push_back(component.canonical);
  }
  for (const auto& component : parse.components) {
    if (component.has_issue("check_digit_mismatch")) {
      remarks.push_back("check digit of " + component.canonical + " does not match (possible typo)");
    }
  }
  return out;
}

// Stack decision shared by documents and index rows (see header comment).
void settle_stack(Lmo& lmo, const UidReading& uid, const std::vector<std::string>& linked) {
  if (uid.parents.size() >= 2) {
    lmo.is_stack = true;
    lmo.parents = uid.parents;
    return;
  }
  if (uid.uid) return;  // a single readable identifier: one event
  const auto parts = stack_parts(lmo.event_name);
  if (parts.size() < 2) return;
  if (linked.size() >= 2) {
    lmo.parents = linked;
  } else {
    for (const auto& part : parts) lmo.parents.push_back(lmo_key(std::nullopt, part));
  }
  lmo.is_stack = lmo.parents.size() >= 2;
  if (!lmo.is_stack) lmo.parents.clear();
}

void finish_lmo(Lmo& lmo, const LocalizedText& identity, const std::string& bch_identifier) {
  for (const auto& [lang, text] : identity.by_language()) {
    if (!text.empty() && text != lmo.event_name) add_unique(lmo.aliases, text);
  }
  // Decisions name their LMOs by BCH record identifier ("bch:<GUID>"); as an alias it lets an
  // import of decisions together with their LMO records link them.
  if (!bch_identifier.empty()) add_unique(lmo.aliases, "bch:" + bch_identifier);
  lmo.key = lmo_key(lmo.uid, lmo.event_name);
}

Lmo decode_lmo_document(const Fields& f, const Meta& meta, std::string_view retrieved) {
  Lmo lmo;
  std::vector<std::string> remarks;
  const LocalizedText identity = f.lstring("identity");
  if (auto event = f.text("transformationEvent")) {
    lmo.event_name = *event;
  } else if (auto name = english(identity)) {
    lmo.event_name = *name;
  } else {
    f.reject("transformationEvent", "is missing (and identity gives no name)");
  }

  const auto has_uid = f.flag("hasUniqueIdentification");
  std::optional<std::string> uid_text = f.text("uniqueIdentification");
  if (has_uid && !*has_uid) uid_text.reset();
  const UidReading uid = read_uid(uid_text, remarks);
  lmo.uid = uid.uid;

  if (const auto* developers = f.array("developers"); developers && !developers->empty()) {
    const std::string where = path_of(f.path("developers"), 0);
    if (auto name = carried_name((*developers)[0], where, {"name", "title"})) {
      lmo.developer = bch_name_id(*name);
    }
    if (lmo.developer.empty()) {
      lmo.developer = "bch:" + reference_id((*developers)[0], where);
      remarks.push_back("developer is a BCH reference");
    }
    if (developers->size() > 1) remarks.push_back("only the first of " + std::to_string(developers->size()) + " developers kept");
  }

  const auto* organisms = f.array("recipientOrganisms");
  if (!organisms || organisms->empty()) f.reject("recipientOrganisms", "is missing (the recipient organism)");
  {
    const std::string where = path_of(f.path("recipientOrganisms"), 0);
    if (auto name = carried_name((*organisms)[0], where, {"scientificName", "name", "title"})) {
      lmo.organism = bch_organism_id(*name);
    }
    if (lmo.organism.empty()) {
      lmo.organism = "bch:" + reference_id((*organisms)[0], where);
      remarks.push_back("organism is a BCH reference");
    }
  }

  const std::vector<std::string> linked = reference_keys(f, "linkedModifiedOrganisms");
  settle_stack(lmo, uid, linked);
  for (auto& trait : term_values(f, "traits")) add_unique(lmo.traits, std::move(trait));
  for (auto& gene : reference_keys(f, "genes")) add_unique(lmo.elements, std::move(gene));
  lmo.description = f.lstring("description", true);
  finish_lmo(lmo, identity, meta.identifier);

  if (meta.document_id && meta.revision) {
    lmo.bch_record = "BCH-LMO-SCBD-" + std::to_string(*meta.document_id) + "-" + std::to_string(*meta.revision);
  } else if (meta.record_id) {
    lmo.bch_record = meta.record_id;
  } else {
    lmo.bch_record = meta.identifier;
  }
  lmo.provenance = make_provenance(meta, retrieved, remarks);
  return lmo;
}

Lmo decode_lmo_row(const Fields& f, const Meta& meta, std::string_view retrieved) {
  Lmo lmo;
  std::vector<std::string> remarks;
  LocalizedText identity;
  if (auto name = f.index_text("identity_s")) identity.set("en", *name);
  if (auto event = f.index_text("transformationEvent_s")) {
    lmo.event_name = *event;
  } else if (auto name = english(identity)) {
    lmo.event_name = *name;
  } else {
    f.reject("transformationEvent_s", "is missing (and identity_s gives no name)");
  }
  const UidReading uid = read_uid(f.index_text("uniqueIdentification_s"), remarks);
  lmo.uid = uid.uid;

  const auto names = f.index_list("lmoScientificNames_ss");
  if (!names.empty()) lmo.organism = bch_organism_id(names.front());
  if (lmo.organism.empty()) f.reject("lmoScientificNames_ss", "is missing (the recipient organism's scientific name)");

  settle_stack(lmo, uid, {});
  for (auto& trait : index_terms(f, "traits_ss")) add_unique(lmo.traits, std::move(trait));
  for (auto& gene : index_references(f, "geneIdentifiers_ss")) add_unique(lmo.elements, std::move(gene));
  std::optional<std::string> summary = f.index_text("summary_EN_t");
  if (!summary) summary = f.index_text("summary_t");
  if (summary) {
    std::string text = strip_html(*summary);
    if (!text.empty()) lmo.description.set("en", std::move(text));
  }
  finish_lmo(lmo, identity, meta.identifier);
  lmo.bch_record = meta.record_id ? *meta.record_id : meta.identifier;
  lmo.provenance = make_provenance(meta, retrieved, remarks);
  return lmo;
}

// ---- Decisions -----------------------------------------------------------------------------

// "Use(s) of LMO" and risk-assessment scope terms [doc:dec] [fe:nr].
std::optional<Use> use_of_term(std::string_view id) {
  static constexpr std::pair<std::string_view, Use> kUses[] = {
      {"91BEAF12-ABE1-4294-AD3B-507935894C78", Use::food},
      {"1D96153B-1625-44E4-AD5E-D26429044B29", Use::feed},
      {"6430E4F4-9E5F-48BE-B4ED-9E1A4FED981E", Use::processing},
      {"42A3DCAE-5FD8-4218-941D-DF11D4AE65FA", Use::contained_use},
      {"D6B59E8A-D82C-4516-917A-A745ACDA5931", Use::field_trial},  // experimental testing / field trials
      {"015737FC-ABC2-460C-A099-06A1B01E649A", Use::release},      // commercial purposes
      {"5B6177DD-5E5E-434E-8CB7-D63D67D5EBED", Use::other},
  };
  for (const auto& [term, use] : kUses) {
    if (term == id) return use;
  }
  return std::nullopt;
}

// Decision subjects ("decisionTypes") [fe:dec].
constexpr std::string_view kDirectUseFfp = "BE64016A-C3BD-4C61-9620-C3FEF96B2A24";
constexpr std::string_view kDirectUseImport = "0D0BEEF4-54E4-44C1-ABB2-B89DC145E0B3";
constexpr std::string_view kDirectUseDomestic = "C15E5CD8-B6F9-41AE-A09C-7EF5F73B0507";
constexpr std::string_view kIntentionalIntroduction = "E8C5A15C-A736-4FB7-A1B6-192412BE7E45";
constexpr std::string_view kTransit = "1B6F702C-0C68-4B53-BCA4-1DA4A25E23A8";
constexpr std::string_view kContainedUse = "D698B5F7-A434-49E2-A7FF-FE869AFBEE8D";

// Decision results [doc:dec] [fe:dec].
std::string result_of_term(std::string_view id) {
  static constexpr std::pair<std::string_view, std::string_view> kResults[] = {
      {"3B9ECE67-B35C-40FF-8C06-4EA5FF762899", "approved"},
      {"3EFF4792-A896-4DC7-9945-04FE9C8B5B4F", "approved-with-conditions"},
      {"6DD1B161-4CDB-4900-BD31-DBB97E86B2AE", "prohibited"},
      {"8D91ACEE-C6B3-4204-8FE6-00AE424013FF", "additional-information-requested"},
      {"19F9F13E-195E-45B5-88DD-058A07E0D6F6", "decision-period-extended"},
  };
  for (const auto& [term, result] : kResults) {
    if (term == id) return std::string(result);
  }
  return "other";
}

// Scope from the subject and use terms. Uses name food/feed/processing/...; a direct-use (FFP)
// subject without any of food/feed/processing among the uses covers all three; an intentional
// introduction without field-trial or release information, and every unknown term, sets `other`.
struct ScopeInput {
  std::vector<std::string> uses;           // upper-cased term ids
  std::vector<std::string> decision_types;  // upper-cased term ids
  bool field_trial = false, commercial_release = false;
};

void apply_scope(const ScopeInput& in, UseScope& scope) {
  for (const auto& id : in.uses) scope.set(use_of_term(id).value_or(Use::other), true);
  if (in.field_trial) scope.field_trial = true;
  if (in.commercial_release) scope.release = true;
  for (const auto& id : in.decision_types) {
    if (id == kDirectUseFfp || id == kDirectUseImport || id == kDirectUseDomestic) {
      if (!scope.food && !scope.feed && !scope.processing) {
        scope.food = scope.feed = scope.processing = true;
      }
    } else if (id == kIntentionalIntroduction) {
      if (!scope.field_trial && !scope.release) scope.other = true;
    } else if (id == kTransit) {
      scope.transit = true;
    } else if (id == kContainedUse) {
      scope.contained_use = true;
    } else if (auto use = use_of_term(id)) {
      scope.set(*use, true);
    } else {
      scope.other = true;
    }
  }
}

std::string country_code(const std::string& term, const Fields& f, std::string_view field, bool allow_eu) {
  const std::string code = upper(term);
  if (code.size() != 2 || !is_alpha(code[0]) || !is_alpha(code[1]) || (!allow_eu && code == "EU")) {
    f.reject(field, "must be an ISO 3166-1 alpha-2 country code" + std::string(allow_eu ? " or eu" : "") +
                        ", not " + quote(term));
  }
  return code;
}

// Decision LMO keys from a reference: the canonical identifier when the reference carries a
// readable `uniqueIdentification`, else "bch:<GUID>".
std::string decision_lmo_key(const json::value& v, const std::string& where) {
  if (v.is_object()) {
    const auto it = v.as_object().find("uniqueIdentification");
    if (it != v.as_object().end() && it->value().is_string()) {
      const auto parse = parse_stacked_identifier(it->value().as_string());
      if (parse.status != IdentifierStatus::invalid) return parse.canonical;
    }
  }
  return "bch:" + reference_id(v, where);
}

Decision decode_decision_document(const Fields& f, const Meta& meta, std::string_view retrieved) {
  Decision d;
  std::vector<std::string> remarks;
  d.id = "bch-" + meta.identifier;
  const auto* government = f.find("government");
  if (!government) f.reject("government", "is missing (the country of the decision)");
  d.country = country_code(term_id(*government, f.path("government")), f, "government", true);

  const auto* organisms = f.array("modifiedOrganisms");
  if (!organisms || organisms->empty()) f.reject("modifiedOrganisms", "is missing (a decision needs at least one LMO)");
  for (std::size_t i = 0; i < organisms->size(); ++i) {
    add_unique(d.lmos, decision_lmo_key((*organisms)[i], path_of(f.path("modifiedOrganisms"), i)));
  }

  ScopeInput scope;
  if (const auto* uses = f.array("uses")) {
    for (std::size_t i = 0; i < uses->size(); ++i) scope.uses.push_back(term_id((*uses)[i], path_of(f.path("uses"), i)));
  }
  if (const auto* types = f.array("decisionTypes")) {
    for (std::size_t i = 0; i < types->size(); ++i) {
      scope.decision_types.push_back(term_id((*types)[i], path_of(f.path("decisionTypes"), i)));
    }
  }
  scope.field_trial = f.flag("involvesFieldTrial").value_or(false);
  scope.commercial_release = f.flag("involvesCommercialRelease").value_or(false);
  apply_scope(scope, d.scope);

  if (const auto* result = f.find("decisionResult")) {
    const std::string id = term_id(*result, f.path("decisionResult"));
    d.result = result_of_term(id);
    if (d.result == "other") {
      if (auto custom = term_custom_text(*result, f.path("decisionResult"))) d.result = *custom;
    }
  } else {
    d.result = "unspecified";
    remarks.push_back("decision result not stated");
  }
  if (auto conditions = english(f.lstring("conditions", true))) d.conditions = *conditions;

  const auto date_text = f.text("date");
  if (!date_text) f.reject("date", "is missing (the date of the decision)");
  const auto date = iso_date(*date_text);
  if (!date) f.reject("date", "must be a date YYYY-MM-DD");
  d.date = *date;
  if (const auto* expires = f.find("expires"); expires && expires->is_string()) {
    d.expiry = iso_date(expires->as_string());
    if (!d.expiry) f.reject("expires", "must be a date YYYY-MM-DD or true/false");
  } else if (expires && !expires->is_bool()) {
    f.reject("expires", "must be a date YYYY-MM-DD or true/false");
  }

  if (const auto* authorities = f.array("authorities")) {
    for (std::size_t i = 0; i < authorities->size(); ++i) {
      const std::string where = path_of(f.path("authorities"), i);
      std::string name = carried_name((*authorities)[i], where, {"name", "title"})
                             .value_or("bch:" + reference_id((*authorities)[i], where));
      if (!d.authority.empty()) d.authority += "; ";
      d.authority += name;
    }
  }
  d.reference = english(f.lstring("title")).value_or("");
  d.provenance = make_provenance(meta, retrieved, remarks);
  return d;
}

Decision decode_decision_row(const Fields& f, const Meta& meta, std::string_view retrieved) {
  Decision d;
  std::vector<std::string> remarks;
  d.id = "bch-" + meta.identifier;
  const auto government = f.index_text("government_s");
  if (!government) f.reject("government_s", "is missing (the country of the decision)");
  d.country = country_code(*government, f, "government_s", true);

  for (const auto& value : f.index_list("modifiedOrganisms_ss")) {
    const auto parse = parse_stacked_identifier(value);
    if (parse.status != IdentifierStatus::invalid) {
      add_unique(d.lmos, parse.canonical);
    } else if (auto key = index_reference(value)) {
      add_unique(d.lmos, *key);
    } else {
      f.reject("modifiedOrganisms_ss", "holds " + quote(value) + ", not a BCH record identifier");
    }
  }
  if (d.lmos.empty()) f.reject("modifiedOrganisms_ss", "is missing (a decision needs at least one LMO)");

  ScopeInput scope;
  for (const auto& id : f.index_list("uses_ss")) scope.uses.push_back(upper(id));
  for (const auto& id : f.index_list("decisionTypes_ss")) scope.decision_types.push_back(upper(id));
  apply_scope(scope, d.scope);
  static constexpr std::pair<std::string_view, Use> kFlags[] = {
      {"scopeFood_b", Use::food},
      {"scopeFeed_b", Use::feed},
      {"scopeProcessing_b", Use::processing},
      {"scopeRelease_b", Use::release},
      {"scopeConfined_b", Use::field_trial},  // confined (experimental) release: inferred
      {"scopeFieldTrials_b", Use::field_trial},  // domain.md §8, not seen in the front end
      {"scopeContainedUse_b", Use::contained_use},
      {"scopeTransit_b", Use::transit},
      {"scopePharmaceutical_b", Use::other},
      {"scopeOther_b", Use::other},
  };
  for (const auto& [name, use] : kFlags) {
    if (f.flag(name).value_or(false)) d.scope.set(use, true);
  }

  if (auto result = f.index_text("decisionResult_s")) {
    d.result = result_of_term(upper(*result));
  } else {
    d.result = "unspecified";
    remarks.push_back("decision result not stated");
  }
  const std::optional<std::string> date_text = f.index_text("decisionDate_dt");
  if (!date_text) f.reject("decisionDate_dt", "is missing (the date of the decision)");
  const auto date = iso_date(*date_text);
  if (!date) f.reject("decisionDate_dt", "must be a date YYYY-MM-DD");
  d.date = *date;
  for (std::string_view name : {"title_EN_t", "title_t", "title_s"}) {
    if (auto title = f.index_text(name)) {
      d.reference = *title;
      break;
    }
  }
  d.provenance = make_provenance(meta, retrieved, remarks);
  return d;
}

// ---- Laboratories --------------------------------------------------------------------------

Laboratory decode_laboratory_document(const Fields& f, const Meta& meta, std::string_view retrieved) {
  Laboratory lab;
  std::vector<std::string> remarks;
  lab.id = "bch-" + meta.identifier;

  const json::value* organization = f.find("organization");
  const std::string org_path = f.path("organization");
  if (organization && organization->is_array()) {  // tolerate a one-element list
    organization = organization->as_array().empty() ? nullptr : &organization->as_array()[0];
  }
  std::optional<std::string> name;
  if (organization) {
    if (!organization->is_string() && !organization->is_object()) {
      f.reject("organization", "must be a reference object {\"identifier\": ...}");
    }
    name = carried_name(*organization, org_path, {"name", "title"});
    if (!name && organization->is_object()) reference_id(*organization, org_path);  // well-formed?
  }
  if (!name) name = english(meta.title);
  if (!name) name = english(f.lstring("title"));
  if (!name) {
    f.reject("organization", "gives no laboratory name (a bare reference; decode the /info form or an index row)");
  }
  lab.name = *name;

  std::optional<std::string> country;
  if (const auto* government = f.find("government")) {
    country = term_id(*government, f.path("government"));
    lab.country = country_code(*country, f, "government", false);
  } else if (organization && organization->is_object()) {
    for (std::string_view key : {"country", "government"}) {
      const auto it = organization->as_object().find(key);
      if (it == organization->as_object().end() || it->value().is_null()) continue;
      const std::string where = org_path + "." + std::string(key);
      const std::string code = term_id(it->value(), where);
      Fields org(organization->as_object(), org_path + ".");
      lab.country = country_code(code, org, key, false);
      break;
    }
  }
  if (lab.country.empty()) f.reject("government", "is missing (the laboratory's country)");

  if (organization && organization->is_object()) {
    const auto it = organization->as_object().find("websites");
    if (it != organization->as_object().end() && it->value().is_array() && !it->value().as_array().empty()) {
      const auto& site = it->value().as_array()[0];
      if (site.is_object()) {
        const auto url = site.as_object().find("url");
        if (url != site.as_object().end() && url->value().is_string()) lab.url = trim(url->value().as_string());
      }
    }
  }

  if (const auto* services = f.array("services")) {
    for (std::size_t i = 0; i < services->size(); ++i) {
      const std::string where = path_of(f.path("services"), i);
      if (auto custom = term_custom_text((*services)[i], where)) {
        add_unique(lab.services, *custom);
      } else {
        add_unique(lab.services, term_value((*services)[i], where));
      }
    }
  }
  if (auto accreditation = english(f.lstring("certifications", true))) lab.accreditation = *accreditation;
  for (auto& key : reference_keys(f, "detectableLmos")) add_unique(lab.detectable, std::move(key));
  for (auto& key : reference_keys(f, "detectableGenes")) add_unique(lab.detectable, std::move(key));
  lab.provenance = make_provenance(meta, retrieved, remarks);
  return lab;
}

Laboratory decode_laboratory_row(const Fields& f, const Meta& meta, std::string_view retrieved) {
  Laboratory lab;
  lab.id = "bch-" + meta.identifier;
  for (std::string_view name : {"title_EN_t", "title_t", "title_s"}) {
    if (auto title = f.index_text(name)) {
      lab.name = *title;
      break;
    }
  }
  if (lab.name.empty()) f.reject("title_EN_t", "is missing (the laboratory's name)");
  const auto government = f.index_text("government_s");
  if (!government) f.reject("government_s", "is missing (the laboratory's country)");
  lab.country = country_code(*government, f, "government_s", false);
  for (auto& service : index_terms(f, "services_ss")) add_unique(lab.services, std::move(service));
  for (auto& key : index_references(f, "detectableLmos_ss")) add_unique(lab.detectable, std::move(key));
  for (auto& key : index_references(f, "detectableGenes_ss")) add_unique(lab.detectable, std::move(key));
  lab.provenance = make_provenance(meta, retrieved, {});
  return lab;
}

// ---- Dispatch ------------------------------------------------------------------------------

enum class Schema { lmo, decision, laboratory };

std::optional<Schema> schema_of(std::string_view name) {
  if (name == "modifiedOrganism") return Schema::lmo;
  if (name == "biosafetyDecision") return Schema::decision;
  if (name == "laboratoryDetection") return Schema::laboratory;
  return std::nullopt;
}

[[noreturn]] void unknown_schema(const Fields& f, std::string_view field, std::string_view name) {
  f.reject(field, "schema " + quote(name) +
                      " is not imported (expected modifiedOrganism, biosafetyDecision or laboratoryDetection)");
}

class Decoder {
 public:
  Decoder(BchDecodeResult& result, std::string_view retrieved) : result_(result), retrieved_(retrieved) {}

  // One document, /info wrapper or index row at `prefix` ("" or "documents[3]." ...).
  void decode_one(const json::value& value, std::size_t index, const std::string& prefix) {
    ++result_.documents;
    std::string label;
    try {
      if (!value.is_object()) {
        const std::string where = prefix.empty() ? "" : prefix.substr(0, prefix.size() - 1);
        throw Reject{where, "is not a JSON object (a BCH document or index row)"};
      }
      const auto& object = value.as_object();
      if (object.contains("schema_s")) {
        decode_row(Fields(object, prefix), label);
        return;
      }
      Meta meta;
      if (const auto body = object.find("body"); body != object.end() && !object.contains("header")) {
        Fields wrapper(object, prefix);
        meta.document_id = wrapper.whole_number("documentID");
        meta.revision = wrapper.whole_number("revision");
        meta.title = wrapper.lstring("title");
        if (!body->value().is_object()) wrapper.reject("body", "must be a BCH document object");
        decode_document(Fields(body->value().as_object(), prefix + "body."), meta, label);
        return;
      }
      decode_document(Fields(object, prefix), meta, label);
    } catch (const Reject& reject) {
      result_.problems.push_back({index, label, reject.field, reject.reason});
    }
  }

 private:
  void decode_document(const Fields& f, Meta& meta, std::string& label) {
    const auto* header = f.find("header");
    if (!header) f.reject("header", "is missing (not a BCH document: no header.schema)");
    if (!header->is_object()) f.reject("header", "must be an object {identifier, schema, languages}");
    Fields h(header->as_object(), f.prefix() + "header.");
    const auto schema_name = h.text("schema");
    if (!schema_name) h.reject("schema", "is missing");
    const auto schema = schema_of(*schema_name);
    if (!schema) unknown_schema(h, "schema", *schema_name);
    const auto identifier = h.text("identifier");
    if (!identifier) h.reject("identifier", "is missing");
    if (!is_record_identifier(*identifier)) h.reject("identifier", "must be a BCH record identifier (letters, digits, '-', '_')");
    meta.identifier = *identifier;
    label = *identifier;
    switch (*schema) {
      case Schema::lmo: result_.records.lmos.push_back(decode_lmo_document(f, meta, retrieved_)); break;
      case Schema::decision: result_.records.decisions.push_back(decode_decision_document(f, meta, retrieved_)); break;
      case Schema::laboratory: result_.records.laboratories.push_back(decode_laboratory_document(f, meta, retrieved_)); break;
    }
  }

  void decode_row(const Fields& f, std::string& label) {
    const auto schema_name = f.index_text("schema_s");
    if (!schema_name) f.reject("schema_s", "is missing");
    const auto schema = schema_of(*schema_name);
    if (!schema) unknown_schema(f, "schema_s", *schema_name);
    Meta meta;
    const auto identifier = f.index_text("identifier_s");
    if (!identifier) f.reject("identifier_s", "is missing");
    const std::size_t at = identifier->find('@');
    meta.identifier = identifier->substr(0, at);
    if (!is_record_identifier(meta.identifier)) f.reject("identifier_s", "must be a BCH record identifier (letters, digits, '-', '_')");
    label = meta.identifier;
    if (auto unique = f.index_text("uniqueIdentifier_s")) {
      if (auto id = parse_record_id(*unique)) {
        meta.record_id = id->text;
        meta.document_id = id->number;
        meta.revision = id->revision;
      }
    }
    if (!meta.document_id) meta.document_id = f.whole_number("_documentId_i");
    if (!meta.revision) meta.revision = f.whole_number("_revision_i");
    switch (*schema) {
      case Schema::lmo: result_.records.lmos.push_back(decode_lmo_row(f, meta, retrieved_)); break;
      case Schema::decision: result_.records.decisions.push_back(decode_decision_row(f, meta, retrieved_)); break;
      case Schema::laboratory: result_.records.laboratories.push_back(decode_laboratory_row(f, meta, retrieved_)); break;
    }
  }

  BchDecodeResult& result_;
  std::string_view retrieved_;
};

bool is_exact_date(std::string_view s) { return s.size() == 10 && iso_date(s).has_value(); }

}  // namespace

std::string bch_name_id(std::string_view name) {
  std::string out;
  bool gap = false;
  for (char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (is_ascii_alnum(c) || byte >= 0x80) {
      if (gap && !out.empty()) out += '-';
      gap = false;
      out += to_lower(c);
    } else {
      gap = true;
    }
  }
  return out;
}

std::string bch_organism_id(std::string_view scientific_name) {
  const std::size_t paren = scientific_name.find('(');
  const std::string_view head = scientific_name.substr(0, paren);
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < head.size() && words.size() < 2) {
    while (i < head.size() && is_space(head[i])) ++i;
    const std::size_t start = i;
    while (i < head.size() && !is_space(head[i])) ++i;
    if (i > start) words.push_back(head.substr(start, i - start));
  }
  std::string joined;
  for (auto word : words) {
    if (!joined.empty()) joined += ' ';
    joined += word;
  }
  return bch_name_id(joined);
}

BchDecodeResult decode_bch(const json::value& document, std::string_view retrieved_date) {
  BchDecodeResult result;
  try {
    if (!is_exact_date(retrieved_date)) {
      result.problems.push_back({0, "", "retrieved_date", "must be a date YYYY-MM-DD"});
      return result;
    }
    Decoder decoder(result, retrieved_date);
    if (document.is_array()) {
      const auto& items = document.as_array();
      for (std::size_t i = 0; i < items.size(); ++i) decoder.decode_one(items[i], i, path_of("documents", i) + ".");
      return result;
    }
    if (document.is_object() && document.as_object().contains("response")) {
      const auto& response = document.as_object().at("response");
      const json::value* docs = nullptr;
      if (response.is_object()) {
        const auto it = response.as_object().find("docs");
        if (it != response.as_object().end()) docs = &it->value();
      }
      if (!docs || !docs->is_array()) {
        result.problems.push_back({0, "", "response.docs", "must be an array of index rows"});
        return result;
      }
      const auto& rows = docs->as_array();
      for (std::size_t i = 0; i < rows.size(); ++i) decoder.decode_one(rows[i], i, path_of("response.docs", i) + ".");
      return result;
    }
    if (document.is_object()) {
      decoder.decode_one(document, 0, "");
      return result;
    }
    result.problems.push_back({0, "", "", "must be a BCH document, an array of documents or a search-index response"});
  } catch (const std::exception& e) {
    result.problems.push_back({0, "", "", std::string("could not be decoded: ") + e.what()});
  }
  return result;
}

}  // namespace lmo::domain
