#include "services/registry_csv.hpp"

#include <boost/json.hpp>

#include "domain/csv_table.hpp"

namespace lmo::services {

namespace json = boost::json;
using domain::RecordType;

namespace {

enum class Kind { text, nullable_text, list, flag, number, text_map, flag_map };

struct Column {
  const char* name;
  Kind kind;
};

const std::vector<Column>& columns(RecordType type) {
  static const std::vector<Column> provenance = {
      {"source", Kind::list}, {"retrieved", Kind::text}, {"verified", Kind::flag}, {"note", Kind::text}};
  auto with_provenance = [](std::vector<Column> fields) {
    fields.insert(fields.end(), provenance.begin(), provenance.end());
    return fields;
  };
  static const std::vector<Column> organism = with_provenance(
      {{"id", Kind::text}, {"scientific_name", Kind::text}, {"common_names", Kind::text_map}, {"kind", Kind::text},
       {"taxon_reference_genes", Kind::list}});
  static const std::vector<Column> developer = with_provenance(
      {{"id", Kind::text}, {"name", Kind::text}, {"uid_prefixes", Kind::list}, {"country", Kind::text}});
  static const std::vector<Column> element = with_provenance(
      {{"id", Kind::text}, {"name", Kind::text}, {"class", Kind::text}, {"origin", Kind::text}, {"function", Kind::text_map}});
  static const std::vector<Column> trait = with_provenance(
      {{"id", Kind::text}, {"name", Kind::text_map}, {"category", Kind::text}});
  static const std::vector<Column> lmo = with_provenance(
      {{"uid", Kind::nullable_text}, {"event_name", Kind::text}, {"aliases", Kind::list}, {"trade_names", Kind::list},
       {"organism", Kind::text}, {"developer", Kind::text}, {"kind", Kind::text}, {"parents", Kind::list},
       {"traits", Kind::list}, {"elements", Kind::list}, {"bch_record", Kind::nullable_text},
       {"description", Kind::text_map}});
  static const std::vector<Column> decision = with_provenance(
      {{"id", Kind::text}, {"country", Kind::text}, {"lmos", Kind::list}, {"scope", Kind::flag_map},
       {"result", Kind::text}, {"conditions", Kind::nullable_text}, {"date", Kind::text},
       {"expiry", Kind::nullable_text}, {"authority", Kind::text}, {"reference", Kind::text}});
  static const std::vector<Column> method = with_provenance(
      {{"code", Kind::text}, {"name", Kind::text}, {"scope", Kind::text}, {"targets", Kind::list},
       {"detects", Kind::list}, {"taxon", Kind::nullable_text}, {"primers", Kind::text_map},
       {"amplicon_bp", Kind::number}, {"validation", Kind::text}, {"reference_material", Kind::nullable_text},
       {"lod", Kind::nullable_text}});
  static const std::vector<Column> laboratory = with_provenance(
      {{"id", Kind::text}, {"name", Kind::text}, {"country", Kind::text}, {"url", Kind::text},
       {"services", Kind::list}, {"accreditation", Kind::nullable_text}, {"network", Kind::text},
       {"detectable", Kind::list}});
  static const std::vector<Column> authority = with_provenance(
      {{"id", Kind::text}, {"country", Kind::text}, {"role", Kind::text}, {"institution", Kind::text},
       {"department", Kind::nullable_text}, {"responsibilities", Kind::text_map}, {"url", Kind::nullable_text},
       {"contact_page", Kind::nullable_text}, {"party_to_protocol", Kind::flag}, {"bch_record", Kind::nullable_text}});
  static const std::vector<Column> standard = with_provenance(
      {{"id", Kind::text}, {"name", Kind::text}, {"acronym", Kind::text}, {"url", Kind::text}, {"sets", Kind::text_map}});
  static const std::vector<Column> transport = with_provenance(
      {{"id", Kind::text}, {"un_number", Kind::text}, {"proper_shipping_name", Kind::text}, {"class", Kind::text},
       {"packing_instruction", Kind::text_map}, {"packaging", Kind::text}, {"exemption", Kind::text}});
  switch (type) {
    case RecordType::organism: return organism;
    case RecordType::developer: return developer;
    case RecordType::genetic_element: return element;
    case RecordType::trait: return trait;
    case RecordType::lmo: return lmo;
    case RecordType::decision: return decision;
    case RecordType::method: return method;
    case RecordType::laboratory: return laboratory;
    case RecordType::authority: return authority;
    case RecordType::standard: return standard;
    case RecordType::transport_rule: return transport;
  }
  return lmo;
}

constexpr std::string_view kSeparator = " | ";

std::vector<std::string> split_list(std::string_view cell) {
  std::vector<std::string> out;
  if (cell.empty()) return out;
  size_t start = 0;
  for (;;) {
    size_t at = cell.find(kSeparator, start);
    out.emplace_back(cell.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) break;
    start = at + kSeparator.size();
  }
  return out;
}

std::string cell_of(const json::value& value, Kind kind) {
  std::string out;
  auto join = [&](const std::string& item) {
    if (!out.empty()) out += kSeparator;
    out += item;
  };
  switch (kind) {
    case Kind::text:
    case Kind::nullable_text:
      return value.is_string() ? std::string(value.as_string()) : std::string();
    case Kind::number:
      return value.is_int64() ? std::to_string(value.as_int64()) : std::string();
    case Kind::flag:
      return value.is_bool() ? (value.as_bool() ? "true" : "false") : std::string();
    case Kind::list:
      if (value.is_array()) {
        for (const auto& item : value.as_array()) join(item.is_string() ? std::string(item.as_string()) : "");
      }
      return out;
    case Kind::text_map:
    case Kind::flag_map:
      if (value.is_object()) {
        for (const auto& [key, item] : value.as_object()) {
          std::string text = item.is_string() ? std::string(item.as_string())
                             : item.is_bool() ? (item.as_bool() ? "true" : "false")
                                              : std::string();
          join(std::string(key) + "=" + text);
        }
      }
      return out;
  }
  return out;
}

}  // namespace

std::string records_to_csv(RecordType type, const json::array& records) {
  const auto& cols = columns(type);
  std::string out;
  for (size_t i = 0; i < cols.size(); ++i) out += (i ? "," : "") + std::string(cols[i].name);
  out += "\r\n";
  for (const auto& record : records) {
    const auto& object = record.as_object();
    for (size_t i = 0; i < cols.size(); ++i) {
      auto it = object.find(cols[i].name);
      std::string cell = it == object.end() ? std::string() : cell_of(it->value(), cols[i].kind);
      out += (i ? "," : "") + domain::csv_field(cell);
    }
    out += "\r\n";
  }
  return out;
}

json::array csv_to_records(RecordType type, std::string_view text, std::vector<CsvProblem>& problems,
                           std::vector<std::size_t>& lines) {
  json::array records;
  auto table = domain::parse_csv(text);
  if (!table.error.empty()) {
    problems.push_back({table.error_line, "", table.error});
    return records;
  }
  if (table.rows.empty()) {
    problems.push_back({0, "", "the file has no header row"});
    return records;
  }
  const auto& cols = columns(type);
  std::vector<const Column*> header;
  for (const auto& name : table.rows.front().fields) {
    const Column* found = nullptr;
    for (const auto& column : cols) {
      if (name == column.name) found = &column;
    }
    if (!found) {
      problems.push_back({table.rows.front().line, name, "is not a column of " + std::string(domain::record_type_file(type))});
      return records;
    }
    header.push_back(found);
  }
  for (size_t r = 1; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    if (row.fields.size() != header.size()) {
      problems.push_back({row.line, "", "has " + std::to_string(row.fields.size()) + " fields, the header " +
                                            std::to_string(header.size())});
      continue;
    }
    json::object object;
    bool ok = true;
    for (size_t c = 0; c < header.size() && ok; ++c) {
      const auto& cell = row.fields[c];
      const char* name = header[c]->name;
      switch (header[c]->kind) {
        case Kind::text: object[name] = cell; break;
        case Kind::nullable_text: object[name] = cell.empty() ? json::value(nullptr) : json::value(cell); break;
        case Kind::list: {
          json::array list;
          for (auto& item : split_list(cell)) list.emplace_back(item);
          object[name] = std::move(list);
          break;
        }
        case Kind::flag:
          if (cell != "true" && cell != "false") {
            problems.push_back({row.line, name, "must be true or false"});
            ok = false;
          } else {
            object[name] = cell == "true";
          }
          break;
        case Kind::number:
          if (cell.empty()) {
            object[name] = nullptr;
          } else {
            try {
              size_t used = 0;
              long long value = std::stoll(cell, &used);
              if (used != cell.size()) throw std::invalid_argument(cell);
              object[name] = value;
            } catch (const std::exception&) {
              problems.push_back({row.line, name, "must be a whole number"});
              ok = false;
            }
          }
          break;
        case Kind::text_map:
        case Kind::flag_map: {
          json::object map;
          for (auto& pair : split_list(cell)) {
            size_t equals = pair.find('=');
            if (equals == std::string::npos || equals == 0) {
              problems.push_back({row.line, name, "entries must be written key=value"});
              ok = false;
              break;
            }
            std::string key = pair.substr(0, equals);
            std::string value = pair.substr(equals + 1);
            if (header[c]->kind == Kind::flag_map) {
              if (value != "true" && value != "false") {
                problems.push_back({row.line, name, "flags must be true or false"});
                ok = false;
                break;
              }
              map[key] = value == "true";
            } else {
              map[key] = value;
            }
          }
          object[name] = std::move(map);
          break;
        }
      }
    }
    if (ok) {
      records.push_back(std::move(object));
      lines.push_back(row.line);
    }
  }
  return records;
}

}  // namespace lmo::services
