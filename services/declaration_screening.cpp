#include "services/declaration_screening.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "domain/csv_table.hpp"
#include "services/bundled_content_loader.hpp"

namespace lmo::services {

namespace json = boost::json;

domain::ScreeningPatterns build_screening_patterns(const domain::Registry& registry, const CheckRules& rules,
                                                   const std::filesystem::path& screening_file) {
  domain::ScreeningPatterns patterns;
  for (const auto& lmo : registry.lmos) {
    if (lmo.uid && !lmo.is_stack) patterns.identifiers.emplace_back(*lmo.uid, lmo.key);
    patterns.names.emplace_back(lmo.event_name, lmo.key);
    for (const auto& alias : lmo.aliases) patterns.names.emplace_back(alias, lmo.key);
    for (const auto& trade : lmo.trade_names) patterns.names.emplace_back(trade, lmo.key);
  }
  std::ifstream in(screening_file, std::ios::binary);
  if (!in) throw BundledDataError(screening_file.string() + ": cannot be read");
  std::stringstream text;
  text << in.rdbuf();
  boost::system::error_code error;
  auto value = json::parse(text.str(), error);
  if (error || !value.is_object()) throw BundledDataError(screening_file.string() + ": invalid JSON");
  const auto& root = value.as_object();
  if (const auto* terms = root.if_contains("gm_terms"); terms && terms->is_object()) {
    for (const auto& [lang, list] : terms->as_object()) {
      if (!list.is_array()) continue;
      for (const auto& term : list.as_array()) {
        if (term.is_string()) patterns.gm_terms.emplace_back(term.as_string());
      }
    }
  }
  if (const auto* origins = root.if_contains("gm_origins"); origins && origins->is_array()) {
    for (const auto& entry : origins->as_array()) {
      const auto* o = entry.if_object();
      if (!o || !o->contains("crop") || !o->at("crop").is_string()) continue;
      std::string crop(o->at("crop").as_string());
      if (const auto* countries = o->if_contains("countries"); countries && countries->is_array()) {
        for (const auto& c : countries->as_array()) {
          if (c.is_string()) patterns.gm_origins.emplace_back(std::string(c.as_string()), crop);
        }
      }
    }
  }
  for (const auto& hint : rules.hs_hints()) {
    if (!hint.organism.empty() && (hint.indicates == "grain_or_oilseed" || hint.indicates == "seed_for_sowing")) {
      patterns.hs_crops.emplace_back(hint.hs, hint.organism);
    }
  }
  return patterns;
}

namespace {

// JSON string escaping; bytes ≥ 0x80 pass through (the input is UTF-8 or reported as is).
void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20) {
      out += "\\u00";
      out += kHex[u >> 4];
      out += kHex[u & 0xf];
    } else {
      out += c;
    }
  }
  out += '"';
}

// Splits one CSV record into fields without copying when no field holds an escaped quote;
// false when the record needs the full reader (escaped quotes, malformed quoting).
bool split_simple(std::string_view record, std::vector<std::string_view>& fields) {
  fields.clear();
  std::size_t i = 0;
  for (;;) {
    if (i < record.size() && record[i] == '"') {
      std::size_t close = record.find('"', i + 1);
      if (close == std::string_view::npos) return false;
      if (close + 1 < record.size() && record[close + 1] != ',') return false;  // "" or text after the quote
      fields.push_back(record.substr(i + 1, close - i - 1));
      i = close + 1;
    } else {
      std::size_t comma = record.find(',', i);
      std::string_view field = record.substr(i, comma == std::string_view::npos ? std::string_view::npos : comma - i);
      if (field.find('"') != std::string_view::npos) return false;
      fields.push_back(field);
      i = comma == std::string_view::npos ? record.size() : comma;
    }
    if (i >= record.size()) return true;
    ++i;  // the comma
    if (i == record.size()) {
      fields.emplace_back();
      return true;
    }
  }
}

void write_verdict(std::string& out, std::size_t line, std::string_view id, const domain::ScreeningVerdict& verdict) {
  out += "{\"line\":";
  out += std::to_string(line);
  if (!id.empty()) {
    out += ",\"id\":";
    append_json_string(out, id);
  }
  out += ",\"verdict\":\"";
  out += domain::level_name(verdict.level);
  out += "\",\"reasons\":[";
  for (std::size_t i = 0; i < verdict.reasons.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, verdict.reasons[i]);
  }
  out += "],\"registry_keys\":[";
  for (std::size_t i = 0; i < verdict.registry_keys.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, verdict.registry_keys[i]);
  }
  out += "]}\n";
}

std::string problem_line(std::size_t line, std::string_view reason) {
  std::string text = "{\"line\":" + std::to_string(line) + ",\"error\":";
  append_json_string(text, reason);
  return text + "}\n";
}

}  // namespace

ScreeningCounts screen_stream(std::istream& in, StreamFormat format, const domain::DeclarationScreener& screener,
                              std::ostream& out, std::ostream& problems,
                              const std::function<void(const ScreeningCounts&)>& progress) {
  ScreeningCounts counts;
  std::string buffer;  // output, written in large pieces
  std::string record;
  std::size_t line_number = 0;
  std::size_t next_progress = 64u << 20;
  int column_hs = -1, column_description = -1, column_origin = -1, column_id = -1;
  bool header_seen = format == StreamFormat::ndjson;
  auto count = [&](const domain::ScreeningVerdict& verdict) {
    ++counts.lines;
    switch (verdict.level) {
      case domain::ScreeningVerdict::Level::lmo_relevant: ++counts.lmo_relevant; break;
      case domain::ScreeningVerdict::Level::possible: ++counts.possible; break;
      case domain::ScreeningVerdict::Level::not_relevant: ++counts.not_relevant; break;
    }
  };
  // When problems and verdicts share a stream, problems take their place among the verdicts.
  bool inline_problems = &problems == &out;
  auto problem = [&](std::ostream&, std::size_t at, std::string_view reason) {
    if (inline_problems) buffer += problem_line(at, reason); else problems << problem_line(at, reason);
  };
  std::string line;
  std::vector<std::string_view> views;
  while (std::getline(in, line)) {
    ++line_number;
    counts.bytes += line.size() + 1;
    std::size_t start_line = line_number;
    if (format == StreamFormat::csv) {
      record = line;
      // A quoted field may hold line breaks: read on while the quotes are unbalanced.
      auto quotes = [](const std::string& s) { return std::count(s.begin(), s.end(), '"'); };
      while (quotes(record) % 2 == 1 && std::getline(in, line)) {
        ++line_number;
        counts.bytes += line.size() + 1;
        record += '\n' + line;
        if (record.size() > (1u << 20)) break;
      }
      if (!record.empty() && record.back() == '\r') record.pop_back();
      if (record.empty()) continue;
      std::vector<std::string> owned;
      if (!split_simple(record, views)) {
        auto table = domain::parse_csv(record, 1);
        if (!table.error.empty() || table.rows.empty()) {
          ++counts.malformed;
          problem(problems, start_line, table.error.empty() ? "empty record" : table.error);
          continue;
        }
        owned = std::move(table.rows.front().fields);
        views.assign(owned.begin(), owned.end());
      }
      const auto& fields = views;
      if (!header_seen) {
        for (int i = 0; i < static_cast<int>(fields.size()); ++i) {
          if (fields[i] == "hs_code") column_hs = i;
          if (fields[i] == "description") column_description = i;
          if (fields[i] == "origin_country") column_origin = i;
          if (fields[i] == "id") column_id = i;
        }
        if (column_description < 0) {
          problem(problems, start_line, "the header has no 'description' column; nothing screened");
          break;
        }
        header_seen = true;
        continue;
      }
      auto field = [&](int column) -> std::string_view {
        return column >= 0 && column < static_cast<int>(fields.size()) ? fields[column] : std::string_view();
      };
      if (static_cast<int>(fields.size()) <= column_description) {
        ++counts.malformed;
        problem(problems, start_line, "fewer fields than the header");
        continue;
      }
      auto verdict = screener.screen({field(column_hs), field(column_description), field(column_origin)});
      count(verdict);
      write_verdict(buffer, start_line, field(column_id), verdict);
    } else {
      if (line.empty() || line == "\r") continue;
      boost::system::error_code error;
      json::parse_options options;
      options.max_depth = 8;
      auto value = json::parse(line, error, {}, options);
      const auto* object = error ? nullptr : value.if_object();
      if (!object) {
        ++counts.malformed;
        problem(problems, start_line, error ? "not valid JSON: " + error.message() : "not a JSON object");
        continue;
      }
      auto text = [&](const char* name) -> std::string_view {
        const auto* v = object->if_contains(name);
        return v && v->is_string() ? std::string_view(v->as_string()) : std::string_view();
      };
      std::string id;
      if (const auto* v = object->if_contains("id"); v && (v->is_string() || v->is_int64())) {
        id = v->is_string() ? std::string(v->as_string()) : std::to_string(v->as_int64());
      }
      auto verdict = screener.screen({text("hs_code"), text("description"), text("origin_country")});
      count(verdict);
      write_verdict(buffer, start_line, id, verdict);
    }
    if (buffer.size() > (1u << 20)) {
      out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      buffer.clear();
    }
    if (progress && counts.bytes >= next_progress) {
      progress(counts);
      next_progress += 64u << 20;
    }
  }
  out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  out.flush();
  return counts;
}

}  // namespace lmo::services
