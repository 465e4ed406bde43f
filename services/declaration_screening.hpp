// Declaration-stream screening: builds the screener's patterns from the registry (identifiers,
// event names, aliases, trade names), the HS hints and data/rules/screening.json, and screens
// streams of declaration lines — CSV with a header (columns hs_code, description,
// origin_country, and optionally id) or NDJSON objects with the same fields — writing one
// NDJSON verdict per line. Memory stays constant whatever the input size; malformed lines are
// reported with their line number and skipped.
#pragma once

#include <filesystem>
#include <functional>
#include <istream>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/declaration_screener.hpp"
#include "domain/registry_records.hpp"
#include "services/check_rules.hpp"

namespace lmo::services {

// Patterns for screening in `jurisdictions` (the importing country and its blocs): their
// national tariff codes of crops are added to the Harmonized System's.
domain::ScreeningPatterns build_screening_patterns(const domain::Registry& registry, const CheckRules& rules,
                                                   const std::filesystem::path& screening_file,
                                                   const std::vector<std::string>& jurisdictions = {});

// The screeners of a server or a run, built once: one with the Harmonized System's codes only,
// and one per jurisdiction with a national tariff table (data/rules/hs_national/).
class ScreenerSet {
 public:
  using JurisdictionsOf = std::function<std::vector<std::string>(std::string_view country)>;
  ScreenerSet(const domain::Registry& registry, const CheckRules& rules, const std::filesystem::path& screening_file,
              JurisdictionsOf jurisdictions_of);
  // The screener for lines declared in `country` (empty: the Harmonized System's only).
  const domain::DeclarationScreener& for_country(std::string_view country) const;
  // The national table used for `country`, or "" when none applies.
  std::string table_for(std::string_view country) const;

 private:
  JurisdictionsOf jurisdictions_of_;
  domain::DeclarationScreener general_;
  std::vector<std::pair<std::string, std::unique_ptr<domain::DeclarationScreener>>> national_;
};

struct ScreeningCounts {
  std::size_t lines = 0, lmo_relevant = 0, possible = 0, not_relevant = 0, malformed = 0;
  std::size_t bytes = 0;
};

enum class StreamFormat { csv, ndjson };

// Screens NDJSON lines as they arrive, in pieces of any size: each call returns the verdicts
// (and, in their place, the problems) of the lines completed so far. Memory: one partial line.
class NdjsonScreening {
 public:
  explicit NdjsonScreening(const domain::DeclarationScreener& screener) : screener_(screener) {}
  std::string feed(std::string_view bytes);
  std::string finish();  // the last line, when the input did not end with a newline
  const ScreeningCounts& counts() const { return counts_; }

 private:
  std::string screen_complete(std::string text);
  const domain::DeclarationScreener& screener_;
  std::string partial_;
  std::size_t next_line_ = 1;
  ScreeningCounts counts_;
};

// Screens `in` to `out` (one JSON object per line: line, id, verdict, reasons, registry_keys);
// problems go to `problems` as JSON lines — in input order among the verdicts when `problems`
// is `out`. `progress` (may be empty) is called about every 64 MiB with the counts so far.
ScreeningCounts screen_stream(std::istream& in, StreamFormat format, const domain::DeclarationScreener& screener,
                              std::ostream& out, std::ostream& problems,
                              const std::function<void(const ScreeningCounts&)>& progress = {});

}  // namespace lmo::services
