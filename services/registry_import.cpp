#include "services/registry_import.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <filesystem>
#include <map>
#include <set>

#include "domain/bch_record.hpp"
#include "domain/registry_json.hpp"
#include "domain/search_text.hpp"
#include "services/registry_csv.hpp"
#include "services/registry_loader.hpp"

namespace lmo::services {

namespace json = boost::json;
using domain::RecordType;

namespace {

std::optional<RecordType> type_named(std::string_view name) {
  for (RecordType type : domain::kAllRecordTypes) {
    if (domain::record_type_file(type) == name) return type;
  }
  return std::nullopt;
}

std::string stem_of(const std::string& name) { return std::filesystem::path(name).stem().string(); }

std::string extension_of(const std::string& name) { return std::filesystem::path(name).extension().string(); }

// Whether a JSON value looks like Biosafety Clearing-House records: a document with a header,
// the record form {documentID, body}, a search-index response, or an array of such.
bool is_bch(const json::value& value) {
  auto document = [](const json::value& v) {
    const auto* o = v.if_object();
    return o && (o->contains("header") || o->contains("schema_s") || (o->contains("documentID") && o->contains("body")));
  };
  if (const auto* o = value.if_object()) {
    if (o->contains("response")) return true;
    return document(value);
  }
  if (const auto* a = value.if_array()) return !a->empty() && document(a->front());
  return false;
}

void append_all(domain::Registry& into, domain::Registry&& from) {
  auto move_all = [](auto& to, auto& source) {
    to.insert(to.end(), std::make_move_iterator(source.begin()), std::make_move_iterator(source.end()));
  };
  move_all(into.organisms, from.organisms);
  move_all(into.developers, from.developers);
  move_all(into.elements, from.elements);
  move_all(into.traits, from.traits);
  move_all(into.lmos, from.lmos);
  move_all(into.decisions, from.decisions);
  move_all(into.methods, from.methods);
  move_all(into.laboratories, from.laboratories);
  move_all(into.authorities, from.authorities);
  move_all(into.standards, from.standards);
  move_all(into.transport_rules, from.transport_rules);
}

std::size_t count(const domain::Registry& r) {
  return r.organisms.size() + r.developers.size() + r.elements.size() + r.traits.size() + r.lmos.size() +
         r.decisions.size() + r.methods.size() + r.laboratories.size() + r.authorities.size() +
         r.standards.size() + r.transport_rules.size();
}

void decode_json_array(RecordType type, const json::value& array, const std::string& file, domain::Registry& into,
                       ImportReport& report) {
  std::vector<domain::RecordProblem> problems;
  domain::decode_records(type, array, into, problems);
  for (const auto& p : problems) {
    report.rejections.push_back({file, fmt::format("record {}{}", p.index + 1, p.record.empty() ? "" : " (" + p.record + ")"),
                                 p.field, p.reason});
  }
}

// Reads one file into `into`; false when the file is malformed as a whole.
bool read_file(const ImportFile& file, domain::Registry& into, ImportReport& report, const ImportOptions& options) {
  auto whole_file = [&](std::string reason) {
    report.rejections.push_back({file.name, "", "", std::move(reason)});
    report.malformed = true;
    return false;
  };
  if (file.content.size() > options.max_file_bytes) {
    return whole_file(fmt::format("is larger than the {} bytes an import accepts", options.max_file_bytes));
  }
  std::string extension = extension_of(file.name);
  if (extension == ".csv") {
    auto type = type_named(stem_of(file.name));
    if (!type) {
      return whole_file("a CSV file must be named after its record type (lmos.csv, decisions.csv, ...)");
    }
    std::vector<CsvProblem> problems;
    std::vector<std::size_t> lines;
    auto records = csv_to_records(*type, file.content, problems, lines);
    for (const auto& p : problems) {
      if (p.line == 0 || p.field.empty()) {
        report.malformed = report.malformed || p.line == 0 || records.empty();
      }
      report.rejections.push_back({file.name, p.line ? fmt::format("line {}", p.line) : "", p.field, p.reason});
    }
    if (report.malformed) return false;
    std::vector<domain::RecordProblem> decode_problems;
    domain::decode_records(*type, records, into, decode_problems);
    for (const auto& p : decode_problems) {
      report.rejections.push_back({file.name, fmt::format("line {}", lines[p.index]), p.field, p.reason});
    }
    return true;
  }
  boost::system::error_code error;
  json::parse_options parse_options;
  parse_options.max_depth = 64;
  json::value value = json::parse(file.content, error, {}, parse_options);
  if (error) return whole_file("is not valid JSON: " + error.message());
  if (is_bch(value)) {
    auto decoded = domain::decode_bch(value, options.retrieved_date);
    for (const auto& p : decoded.problems) {
      report.rejections.push_back({file.name, p.record.empty() ? fmt::format("document {}", p.index + 1) : p.record,
                                   p.field, p.reason});
    }
    append_all(into, std::move(decoded.records));
    return true;
  }
  if (value.is_array()) {
    auto type = type_named(stem_of(file.name));
    if (!type) {
      return whole_file("a JSON array must be in a file named after its record type (lmos.json, ...)");
    }
    decode_json_array(*type, value, file.name, into, report);
    return true;
  }
  if (value.is_object()) {
    const auto& object = value.as_object();
    bool any = false;
    for (const auto& [key, records] : object) {
      if (key == "format" || key == "version") continue;
      auto type = type_named(key);
      if (!type) return whole_file("has an unknown section '" + std::string(key) + "'");
      decode_json_array(*type, records, file.name, into, report);
      any = true;
    }
    if (!any) return whole_file("holds no records");
    return true;
  }
  return whole_file("must hold a JSON array or object of records");
}

}  // namespace

ImportReport import_registry(const std::vector<ImportFile>& files, store::RegistryStore& store,
                             std::string_view origin, const ImportOptions& options) {
  ImportReport report;
  domain::Registry batch;
  for (const auto& file : files) read_file(file, batch, report, options);
  report.records = count(batch) + report.rejections.size();
  if (report.malformed) return report;

  // References may point at records of the batch or of the store.
  domain::Registry known = store.load_types({RecordType::lmo});
  domain::Registry resolving;
  resolving.lmos = known.lmos;
  resolving.lmos.insert(resolving.lmos.end(), batch.lmos.begin(), batch.lmos.end());
  resolving.decisions = std::move(batch.decisions);
  resolving.methods = std::move(batch.methods);
  auto batch_lmo_count = batch.lmos.size();
  std::set<std::pair<RecordType, std::string>> unresolved;
  for (const auto& u : resolve_lmo_references(resolving)) {
    report.rejections.push_back({std::string(domain::record_type_file(u.type)), u.key, u.field,
                                 "refers to '" + u.reference + "', which is neither in the import nor in the registry"});
    unresolved.emplace(u.type, u.key);
  }
  auto drop = [&](auto& records, RecordType type) {
    records.erase(std::remove_if(records.begin(), records.end(),
                                 [&](const auto& r) { return unresolved.count({type, store::record_key(r)}) > 0; }),
                  records.end());
  };
  // The batch's own LMOs got their parents resolved in `resolving` (after the store's).
  batch.lmos.assign(resolving.lmos.end() - static_cast<std::ptrdiff_t>(batch_lmo_count), resolving.lmos.end());
  batch.decisions = std::move(resolving.decisions);
  batch.methods = std::move(resolving.methods);
  drop(batch.lmos, RecordType::lmo);
  drop(batch.decisions, RecordType::decision);

  if (!report.rejections.empty() && !options.allow_partial) return report;
  if (options.dry_run) return report;
  report.written = store.write(batch, origin);
  report.applied = report.written.added + report.written.updated > 0;
  return report;
}

std::vector<ImportFile> export_registry(const domain::Registry& registry) {
  std::vector<ImportFile> files;
  for (RecordType type : domain::kAllRecordTypes) {
    auto records = domain::encode_records(type, registry);
    std::string text = "[\n";
    for (size_t i = 0; i < records.size(); ++i) {
      text += "  " + json::serialize(records[i]) + (i + 1 < records.size() ? ",\n" : "\n");
    }
    text += "]\n";
    files.push_back({std::string(domain::record_type_file(type)) + ".json", std::move(text)});
  }
  return files;
}

}  // namespace lmo::services
