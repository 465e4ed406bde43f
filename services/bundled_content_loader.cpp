#include "services/bundled_content_loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <regex>
#include <set>

#include "domain/content_hash.hpp"
#include "domain/page_document.hpp"

namespace lmo::services {

namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

// Where in the bundle a value came from, for error messages.
struct Where {
  std::string file;
  std::string record;

  [[noreturn]] void fail(std::string_view field, std::string_view problem) const {
    throw BundledDataError(fmt::format("{}: {}: field '{}' {}", file, record, field, problem));
  }
};

bool is_language_code(std::string_view code) {
  return code.size() >= 2 && code.size() <= 3 &&
         std::all_of(code.begin(), code.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

const json::value* field(const json::object& object, std::string_view name) {
  auto it = object.find(name);
  return it == object.end() || it->value().is_null() ? nullptr : &it->value();
}

std::string required_string(const json::object& object, std::string_view name, const Where& where) {
  const auto* value = field(object, name);
  if (!value || !value->is_string() || value->as_string().empty()) {
    where.fail(name, "must be a non-empty string");
  }
  return std::string(value->as_string());
}

std::string optional_string(const json::object& object, std::string_view name, const Where& where) {
  const auto* value = field(object, name);
  if (!value) return {};
  if (!value->is_string()) where.fail(name, "must be a string");
  return std::string(value->as_string());
}

std::optional<std::string> nullable_string(const json::object& object, std::string_view name,
                                           const Where& where) {
  std::string value = optional_string(object, name, where);
  if (value.empty()) return std::nullopt;
  return value;
}

bool required_bool(const json::object& object, std::string_view name, const Where& where) {
  const auto* value = field(object, name);
  if (!value || !value->is_bool()) where.fail(name, "must be true or false");
  return value->as_bool();
}

std::vector<std::string> string_list(const json::object& object, std::string_view name,
                                     const Where& where, bool language_codes) {
  std::vector<std::string> out;
  const auto* value = field(object, name);
  if (!value) return out;
  if (!value->is_array()) where.fail(name, "must be an array of strings");
  for (const auto& item : value->as_array()) {
    if (!item.is_string() || item.as_string().empty()) where.fail(name, "must hold strings only");
    std::string text(item.as_string());
    if (language_codes && !is_language_code(text)) {
      where.fail(name, fmt::format("holds '{}', not a language code", text));
    }
    out.push_back(std::move(text));
  }
  return out;
}

domain::LocalizedText localized(const json::object& object, std::string_view name,
                                const Where& where, bool required) {
  domain::LocalizedText text;
  const auto* value = field(object, name);
  if (!value) {
    if (required) where.fail(name, "is missing (an object of language code to text)");
    return text;
  }
  if (!value->is_object()) where.fail(name, "must be an object of language code to text");
  for (const auto& [lang, item] : value->as_object()) {
    if (!is_language_code(lang)) where.fail(name, fmt::format("has key '{}', not a language code",
                                                             std::string_view(lang)));
    if (!item.is_string()) where.fail(name, "must map languages to strings");
    text.set(std::string(lang), std::string(item.as_string()));
  }
  if (required && text.resolve(domain::kFallbackLanguage).value_or(domain::ResolvedText{}).text.empty()) {
    where.fail(name, "needs a non-empty text");
  }
  if (required && text.by_language().find(domain::kFallbackLanguage) == text.by_language().end()) {
    where.fail(name, "needs an English ('en') text, the fallback language");
  }
  return text;
}

domain::Provenance provenance(const json::object& object, const Where& where) {
  domain::Provenance p;
  const auto* source = field(object, "source");
  if (source && source->is_array()) {
    for (const auto& item : source->as_array()) {
      if (!item.is_string()) where.fail("source", "must hold strings only");
      if (!p.source.empty()) p.source += "; ";
      p.source += std::string(item.as_string());
    }
    if (p.source.empty()) where.fail("source", "must not be empty");
  } else {
    p.source = required_string(object, "source", where);
  }
  p.retrieved = required_string(object, "retrieved", where);
  static const std::regex iso_date(R"(\d{4}-\d{2}-\d{2})");
  if (!std::regex_match(p.retrieved, iso_date)) where.fail("retrieved", "must be YYYY-MM-DD");
  p.verified = required_bool(object, "verified", where);
  p.note = optional_string(object, "note", where);
  return p;
}

const json::array& top_array(const json::value& value, const std::string& file) {
  if (!value.is_array()) throw BundledDataError(file + ": must be a JSON array of records");
  return value.as_array();
}

const json::object& record_object(const json::value& value, const std::string& file, size_t i) {
  if (!value.is_object()) {
    throw BundledDataError(fmt::format("{}: record {} is not an object", file, i + 1));
  }
  return value.as_object();
}

std::vector<domain::Page> read_pages(const fs::path& dir) {
  const std::string index_file = (dir / "pages.json").string();
  const json::value document = read_json_file(dir / "pages.json");
  const auto& index = top_array(document, index_file);
  std::vector<domain::Page> pages;
  std::set<std::string> slugs;
  static const std::regex slug_pattern("[a-z0-9]+(-[a-z0-9]+)*");
  for (size_t i = 0; i < index.size(); ++i) {
    const auto& object = record_object(index[i], index_file, i);
    Where where{index_file, fmt::format("record {}", i + 1)};
    domain::Page page;
    page.slug = required_string(object, "slug", where);
    if (!std::regex_match(page.slug, slug_pattern)) where.fail("slug", "must be lower-case-hyphenated");
    if (!slugs.insert(page.slug).second) where.fail("slug", "is used twice");
    where.record = "page '" + page.slug + "'";
    page.parent = nullable_string(object, "parent", where);
    const auto* position = field(object, "position");
    if (!position || !position->is_int64()) where.fail("position", "must be an integer");
    page.position = static_cast<int>(position->as_int64());
    page.updated = required_string(object, "updated", where);
    page.lists = string_list(object, "lists", where, false);
    for (const auto& list : page.lists) {
      if (list != "resources" && list != "activities") where.fail("lists", "may hold 'resources' and 'activities' only");
    }
    page.provenance = provenance(object, where);
    pages.push_back(std::move(page));
  }
  for (const auto& page : pages) {
    if (page.parent && !slugs.count(*page.parent)) {
      throw BundledDataError(fmt::format("{}: page '{}': parent '{}' does not exist", index_file,
                                         page.slug, *page.parent));
    }
  }
  // Texts: <slug>.<lang>.html, one per language present.
  for (auto& page : pages) {
    for (const auto& entry : fs::directory_iterator(dir)) {
      std::string name = entry.path().filename().string();
      std::string prefix = page.slug + ".";
      if (name.rfind(prefix, 0) != 0 || entry.path().extension() != ".html") continue;
      std::string lang = name.substr(prefix.size(), name.size() - prefix.size() - 5);
      if (!is_language_code(lang)) continue;
      auto parsed = domain::parse_page_document(read_data_file(entry.path()));
      if (auto* error = std::get_if<domain::PageDocumentError>(&parsed)) {
        throw BundledDataError(
            fmt::format("{}:{}: {}", entry.path().string(), error->line, error->message));
      }
      auto& document = std::get<domain::PageDocument>(parsed);
      page.title.set(lang, document.title);
      page.nav_title.set(lang, document.nav_title);
      page.summary.set(lang, document.summary);
      page.body_html.set(lang, document.body_html);
    }
    if (page.title.by_language().find(domain::kFallbackLanguage) == page.title.by_language().end()) {
      throw BundledDataError(fmt::format("{}: page '{}' has no English text ({}.en.html)",
                                         dir.string(), page.slug, page.slug));
    }
  }
  return pages;
}

std::vector<domain::Resource> read_resources(const fs::path& path) {
  const std::string file = path.string();
  const json::value document = read_json_file(path);
  const auto& records = top_array(document, file);
  std::vector<domain::Resource> resources;
  std::set<std::string> ids;
  for (size_t i = 0; i < records.size(); ++i) {
    const auto& object = record_object(records[i], file, i);
    Where where{file, fmt::format("record {}", i + 1)};
    domain::Resource r;
    r.id = required_string(object, "id", where);
    if (!ids.insert(r.id).second) where.fail("id", "is used twice");
    where.record = "resource '" + r.id + "'";
    r.kind = required_string(object, "kind", where);
    r.title = localized(object, "title", where, true);
    r.description = localized(object, "description", where, false);
    r.translated_titles = string_list(object, "title_translated", where, true);
    r.publisher = required_string(object, "publisher", where);
    if (const auto* year = field(object, "year")) {
      if (!year->is_int64()) where.fail("year", "must be an integer");
      r.year = static_cast<int>(year->as_int64());
    }
    r.url = required_string(object, "url", where);
    if (r.url.rfind("https://", 0) != 0 && r.url.rfind("http://", 0) != 0) {
      where.fail("url", "must be an http(s) address");
    }
    r.languages = string_list(object, "languages", where, true);
    r.position = static_cast<int>(i);
    r.provenance = provenance(object, where);
    resources.push_back(std::move(r));
  }
  return resources;
}

std::vector<domain::Activity> read_activities(const fs::path& path) {
  const std::string file = path.string();
  const json::value document = read_json_file(path);
  const auto& records = top_array(document, file);
  std::vector<domain::Activity> activities;
  std::set<std::string> ids;
  static const std::regex partial_date(R"(\d{4}(-\d{2}(-\d{2})?)?)");
  for (size_t i = 0; i < records.size(); ++i) {
    const auto& object = record_object(records[i], file, i);
    Where where{file, fmt::format("record {}", i + 1)};
    domain::Activity a;
    a.id = required_string(object, "id", where);
    if (!ids.insert(a.id).second) where.fail("id", "is used twice");
    where.record = "activity '" + a.id + "'";
    a.title = localized(object, "title", where, true);
    a.audience = localized(object, "audience", where, false);
    a.start = required_string(object, "start", where);
    if (!std::regex_match(a.start, partial_date)) where.fail("start", "must be YYYY[-MM[-DD]]");
    a.end = optional_string(object, "end", where);
    if (a.end.empty()) a.end = a.start;
    if (!std::regex_match(a.end, partial_date)) where.fail("end", "must be YYYY[-MM[-DD]]");
    if (a.end < a.start) where.fail("end", "is before start");
    a.city = nullable_string(object, "city", where);
    a.country = nullable_string(object, "country", where);
    if (a.country && (a.country->size() != 2 || !std::all_of(a.country->begin(), a.country->end(),
                                                            [](char c) { return c >= 'A' && c <= 'Z'; }))) {
      where.fail("country", "must be an ISO 3166-1 alpha-2 code in capitals");
    }
    if (const auto* online = field(object, "online")) {
      if (!online->is_bool()) where.fail("online", "must be true or false");
      a.online = online->as_bool();
    }
    a.region = required_string(object, "region", where);
    a.languages = string_list(object, "languages", where, true);
    a.organisers = string_list(object, "organisers", where, false);
    if (const auto* materials = field(object, "materials")) {
      if (!materials->is_array()) where.fail("materials", "must be an array");
      for (const auto& item : materials->as_array()) {
        if (!item.is_object()) where.fail("materials", "must hold objects");
        Where material_where{file, where.record + " material"};
        domain::ActivityMaterial material;
        material.title = localized(item.as_object(), "title", material_where, true);
        material.url = required_string(item.as_object(), "url", material_where);
        a.materials.push_back(std::move(material));
      }
    }
    a.provenance = provenance(object, where);
    activities.push_back(std::move(a));
  }
  return activities;
}


}  // namespace

domain::PortalContent read_bundled_content(const fs::path& data_dir, std::string* fingerprint) {
  domain::PortalContent content;
  content.pages = read_pages(data_dir / "pages");
  content.resources = read_resources(data_dir / "resources.json");
  content.activities = read_activities(data_dir / "activities.json");
  if (fingerprint) {
    std::vector<fs::path> files{data_dir / "resources.json", data_dir / "activities.json"};
    for (const auto& entry : fs::directory_iterator(data_dir / "pages")) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    domain::ContentHash hash;  // name and bytes of every file: enough to notice that the bundle changed
    for (const auto& file : files) hash.add_field(file.filename().string()).add_field(read_data_file(file));
    *fingerprint = hash.hex();
  }
  return content;
}

LoadOutcome load_bundled_content(const fs::path& data_dir, store::ContentStore& store) {
  std::string fingerprint;
  auto content = read_bundled_content(data_dir, &fingerprint);
  if (store.bundled_fingerprint() == fingerprint) return LoadOutcome::unchanged;
  store.replace_bundled_content(content, fingerprint);
  return LoadOutcome::loaded;
}

}  // namespace lmo::services
