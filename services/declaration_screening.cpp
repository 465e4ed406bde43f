#include "services/declaration_screening.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <boost/json.hpp>
#include <deque>
#include <future>
#include <memory>
#include <optional>
#include <thread>
#include <utility>

#include "domain/csv_table.hpp"
#include "services/data_file.hpp"

namespace lmo::services {

namespace json = boost::json;

domain::ScreeningPatterns build_screening_patterns(const domain::Registry& registry, const CheckRules& rules,
                                                   const std::filesystem::path& screening_file,
                                                   const std::vector<std::string>& jurisdictions) {
  domain::ScreeningPatterns patterns;
  for (const auto& lmo : registry.lmos) {
    if (lmo.uid && !lmo.is_stack) patterns.identifiers.emplace_back(*lmo.uid, lmo.key);
    patterns.names.emplace_back(lmo.event_name, lmo.key);
    for (const auto& alias : lmo.aliases) patterns.names.emplace_back(alias, lmo.key);
    for (const auto& trade : lmo.trade_names) patterns.names.emplace_back(trade, lmo.key);
  }
  auto value = read_json_file(screening_file);
  if (!value.is_object()) throw BundledDataError(screening_file.string() + ": must be a JSON object");
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
  for (const HsHint* hint : rules.hs_hints_in(jurisdictions)) {
    if (!hint->organism.empty() && (hint->indicates == "grain_or_oilseed" || hint->indicates == "seed_for_sowing")) {
      patterns.hs_crops.emplace_back(hint->hs, hint->organism);
    }
  }
  return patterns;
}

ScreenerSet::ScreenerSet(const domain::Registry& registry, const CheckRules& rules,
                         const std::filesystem::path& screening_file, JurisdictionsOf jurisdictions_of)
    : jurisdictions_of_(std::move(jurisdictions_of)),
      general_(build_screening_patterns(registry, rules, screening_file)) {
  for (const auto& table : rules.national_tables()) {
    national_.emplace_back(table, std::make_unique<domain::DeclarationScreener>(
                                      build_screening_patterns(registry, rules, screening_file, {table})));
  }
}

std::string ScreenerSet::table_for(std::string_view country) const {
  if (country.empty() || !jurisdictions_of_) return {};
  for (const auto& jurisdiction : jurisdictions_of_(country)) {
    for (const auto& [table, screener] : national_) {
      if (table == jurisdiction) return table;
    }
  }
  return {};
}

const domain::DeclarationScreener& ScreenerSet::for_country(std::string_view country) const {
  std::string table = table_for(country);
  for (const auto& [name, screener] : national_) {
    if (name == table) return *screener;
  }
  return general_;
}

namespace {

// JSON string escaping; bytes ≥ 0x80 pass through (the input is UTF-8 or reported as is).
void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t plain = 0;  // start of the bytes not yet copied
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto u = static_cast<unsigned char>(text[i]);
    if (u >= 0x20 && u != '"' && u != '\\') continue;
    out.append(text.data() + plain, i - plain);
    plain = i + 1;
    if (u >= 0x20) {
      out += '\\';
      out += text[i];
    } else {
      out += "\\u00";
      out += kHex[u >> 4];
      out += kHex[u & 0xf];
    }
  }
  out.append(text.data() + plain, text.size() - plain);
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

namespace {

struct Columns {
  int hs = -1, description = -1, origin = -1, id = -1;
};

// One batch of records screened by one worker: output and problems in input order.
struct Batch {
  std::string text;  // the records, owned
  std::size_t first_line = 0;
  std::string output;
  std::string problems;
  ScreeningCounts counts;
};

void count(ScreeningCounts& counts, const domain::ScreeningVerdict& verdict) {
  ++counts.lines;
  switch (verdict.level) {
    case domain::ScreeningVerdict::Level::lmo_relevant: ++counts.lmo_relevant; break;
    case domain::ScreeningVerdict::Level::possible: ++counts.possible; break;
    case domain::ScreeningVerdict::Level::not_relevant: ++counts.not_relevant; break;
  }
}

// Splits a CSV record into fields (views into `record` or into `owned`); an error otherwise.
std::optional<std::string> csv_fields(std::string_view record, std::vector<std::string_view>& views,
                                      std::vector<std::string>& owned) {
  if (split_simple(record, views)) return std::nullopt;
  auto table = domain::parse_csv(record, 1);
  if (!table.error.empty() || table.rows.empty()) return table.error.empty() ? "empty record" : table.error;
  owned = std::move(table.rows.front().fields);
  views.assign(owned.begin(), owned.end());
  return std::nullopt;
}

// One record read from a batch, ready to be screened: its fields are views into the batch
// text, or into the record's own storage (CSV fields with escaped quotes, parsed JSON).
struct Record {
  std::size_t line = 0;
  std::string_view id;
  domain::DeclarationLine fields;
  std::vector<std::string_view> views;
  std::vector<std::string> owned;
  json::value parsed;
  std::string id_text;
};

// Reads `text` (one record, without its line end) into `record`; the problem otherwise.
std::optional<std::string> read_record(std::string_view text, StreamFormat format, const Columns& columns, Record& record) {
  if (format == StreamFormat::csv) {
    if (auto error = csv_fields(text, record.views, record.owned)) return error;
    if (static_cast<int>(record.views.size()) <= columns.description) return "fewer fields than the header";
    auto field = [&](int column) -> std::string_view {
      return column >= 0 && column < static_cast<int>(record.views.size()) ? record.views[column] : std::string_view();
    };
    record.fields = {field(columns.hs), field(columns.description), field(columns.origin)};
    record.id = field(columns.id);
    return std::nullopt;
  }
  boost::system::error_code error;
  json::parse_options options;
  options.max_depth = 8;
  record.parsed = json::parse(text, error, {}, options);
  const auto* object = error ? nullptr : record.parsed.if_object();
  if (!object) return error ? "not valid JSON: " + error.message() : std::string("not a JSON object");
  auto field = [&](const char* name) -> std::string_view {
    const auto* v = object->if_contains(name);
    return v && v->is_string() ? std::string_view(v->as_string()) : std::string_view();
  };
  record.id_text.clear();
  if (const auto* v = object->if_contains("id"); v && (v->is_string() || v->is_int64())) {
    record.id_text = v->is_string() ? std::string(v->as_string()) : std::to_string(v->as_int64());
  }
  record.id = record.id_text;
  record.fields = {field("hs_code"), field("description"), field("origin_country")};
  return std::nullopt;
}

// Screens the records of a batch two at a time (see DeclarationScreener::screen), writing
// verdicts and problems in input order.
void screen_batch(Batch& batch, StreamFormat format, const Columns& columns, const domain::DeclarationScreener& screener,
                  bool inline_problems) {
  std::array<Record, 2> records;
  bool waiting = false;  // records[0] is read and not yet screened
  auto emit = [&](const Record& record, const domain::ScreeningVerdict& verdict) {
    count(batch.counts, verdict);
    write_verdict(batch.output, record.line, record.id, verdict);
  };
  auto flush = [&] {
    if (waiting) emit(records[0], screener.screen(records[0].fields));
    waiting = false;
  };
  std::string_view text = batch.text;
  std::size_t line = batch.first_line;
  std::size_t position = 0;
  while (position < text.size()) {
    // One record: up to a newline outside quotes (CSV) or up to the newline (NDJSON).
    // Newlines are found with memchr; a CSV record ends at one with an even count of quotes before it.
    std::size_t end = position;
    std::size_t newlines = 0;
    std::size_t quotes = 0;
    for (;;) {
      const void* found = std::memchr(text.data() + end, '\n', text.size() - end);
      std::size_t at = found ? static_cast<std::size_t>(static_cast<const char*>(found) - text.data()) : text.size();
      if (format == StreamFormat::csv) {
        quotes += static_cast<std::size_t>(std::count(text.data() + end, text.data() + at, '"'));
      }
      end = at;
      if (at == text.size() || quotes % 2 == 0) break;
      ++newlines;
      ++end;
    }
    std::string_view record_text = text.substr(position, end - position);
    std::size_t record_line = line;
    line += newlines + 1;
    position = end + 1;
    if (!record_text.empty() && record_text.back() == '\r') record_text.remove_suffix(1);
    if (record_text.empty()) continue;
    Record& record = records[waiting ? 1 : 0];
    record.line = record_line;
    if (auto error = read_record(record_text, format, columns, record)) {
      flush();
      ++batch.counts.malformed;
      (inline_problems ? batch.output : batch.problems) += problem_line(record_line, *error);
      continue;
    }
    if (!waiting) {
      waiting = true;
      continue;
    }
    auto [first, second] = screener.screen(records[0].fields, records[1].fields);
    emit(records[0], first);
    emit(records[1], second);
    waiting = false;
  }
  flush();
}

// The end of the last complete record in `text` (after its newline), 0 when there is none:
// for CSV, a newline with an even number of quotes before it (counted from the start of the
// batch). Two vectorised counts over the text, then a walk back over the last few lines.
std::size_t complete_prefix(std::string_view text, StreamFormat format) {
  std::size_t last = text.rfind('\n');
  if (last == std::string_view::npos) return 0;
  if (format == StreamFormat::ndjson) return last + 1;
  auto quotes_before = static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(last), '"'));
  for (;;) {
    if (quotes_before % 2 == 0) return last + 1;
    std::size_t previous = last == 0 ? std::string_view::npos : text.rfind('\n', last - 1);
    if (previous == std::string_view::npos) return 0;
    quotes_before -= static_cast<std::size_t>(std::count(text.begin() + static_cast<std::ptrdiff_t>(previous),
                                                         text.begin() + static_cast<std::ptrdiff_t>(last), '"'));
    last = previous;
  }
}

}  // namespace

std::string NdjsonScreening::screen_complete(std::string text) {
  Batch batch;
  batch.first_line = next_line_;
  next_line_ += static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  if (!text.empty() && text.back() != '\n') ++next_line_;
  batch.text = std::move(text);
  screen_batch(batch, StreamFormat::ndjson, Columns{}, screener_, /*inline_problems=*/true);
  counts_.lines += batch.counts.lines;
  counts_.lmo_relevant += batch.counts.lmo_relevant;
  counts_.possible += batch.counts.possible;
  counts_.not_relevant += batch.counts.not_relevant;
  counts_.malformed += batch.counts.malformed;
  return std::move(batch.output);
}

std::string NdjsonScreening::feed(std::string_view bytes) {
  counts_.bytes += bytes.size();
  partial_.append(bytes);
  std::size_t last = partial_.rfind('\n');
  if (last == std::string::npos) {
    if (partial_.size() > (16u << 20)) return screen_complete(std::exchange(partial_, {}));  // a 16 MiB line: screen it as is
    return {};
  }
  std::string complete = partial_.substr(0, last + 1);
  partial_.erase(0, last + 1);
  return screen_complete(std::move(complete));
}

std::string NdjsonScreening::finish() {
  if (partial_.empty()) return {};
  return screen_complete(std::exchange(partial_, {}));
}

ScreeningCounts screen_stream(std::istream& in, StreamFormat format, const domain::DeclarationScreener& screener,
                              std::ostream& out, std::ostream& problems,
                              const std::function<void(const ScreeningCounts&)>& progress) {
  ScreeningCounts total;
  bool inline_problems = &problems == &out;
  Columns columns;
  std::size_t line = 1;
  std::string pending;  // bytes read but not yet part of a complete record

  if (format == StreamFormat::csv) {
    // The header names the columns; it is read before any batch.
    std::string header;
    if (!std::getline(in, header)) return total;
    total.bytes += header.size() + 1;
    if (!header.empty() && header.back() == '\r') header.pop_back();
    std::vector<std::string_view> views;
    std::vector<std::string> owned;
    auto error = csv_fields(header, views, owned);
    for (int i = 0; !error && i < static_cast<int>(views.size()); ++i) {
      if (views[i] == "hs_code") columns.hs = i;
      if (views[i] == "description") columns.description = i;
      if (views[i] == "origin_country") columns.origin = i;
      if (views[i] == "id") columns.id = i;
    }
    if (error || columns.description < 0) {
      problems << problem_line(1, "the header has no 'description' column; nothing screened");
      return total;
    }
    line = 2;
  }

  // Batches of about 4 MiB, screened by as many workers as there are cores, written in order.
  constexpr std::size_t kBatchBytes = 4u << 20;
  const std::size_t workers = std::max(1u, std::thread::hardware_concurrency());
  std::deque<std::pair<std::unique_ptr<Batch>, std::future<void>>> in_flight;
  std::size_t next_progress = 64u << 20;
  auto drain_one = [&] {
    auto& [batch, done] = in_flight.front();
    done.get();
    out.write(batch->output.data(), static_cast<std::streamsize>(batch->output.size()));
    if (!batch->problems.empty()) problems << batch->problems;
    total.lines += batch->counts.lines;
    total.lmo_relevant += batch->counts.lmo_relevant;
    total.possible += batch->counts.possible;
    total.not_relevant += batch->counts.not_relevant;
    total.malformed += batch->counts.malformed;
    in_flight.pop_front();
    if (progress && total.bytes >= next_progress) {
      progress(total);
      next_progress = total.bytes + (64u << 20);
    }
  };
  bool end_of_input = false;
  while (!end_of_input) {
    // Read straight into the end of `pending` (no intermediate copy).
    std::size_t kept = pending.size();
    pending.resize(kept + kBatchBytes);
    in.read(pending.data() + kept, static_cast<std::streamsize>(kBatchBytes));
    std::size_t got = static_cast<std::size_t>(in.gcount());
    pending.resize(kept + got);
    end_of_input = got < kBatchBytes;
    total.bytes += got;
    std::size_t cut = end_of_input ? pending.size() : complete_prefix(pending, format);
    if (cut == 0 && pending.size() < (64u << 20)) continue;  // a record longer than a chunk: read on
    if (cut == 0) cut = pending.size();                       // or give up on balance: one huge record
    auto batch = std::make_unique<Batch>();
    // The batch takes the buffer; only the incomplete tail is copied back.
    std::string tail = pending.substr(cut);
    batch->text = std::move(pending);
    batch->text.resize(cut);
    pending = std::move(tail);
    batch->first_line = line;
    line += static_cast<std::size_t>(std::count(batch->text.begin(), batch->text.end(), '\n'));
    if (!batch->text.empty() && batch->text.back() != '\n') ++line;
    Batch* raw = batch.get();
    auto done = std::async(std::launch::async, [raw, format, columns, &screener, inline_problems] {
      screen_batch(*raw, format, columns, screener, inline_problems);
    });
    in_flight.emplace_back(std::move(batch), std::move(done));
    if (in_flight.size() >= workers) drain_one();
  }
  while (!in_flight.empty()) drain_one();
  out.flush();
  return total;
}

}  // namespace lmo::services
