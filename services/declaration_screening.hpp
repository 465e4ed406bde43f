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
#include <ostream>
#include <string>

#include "domain/declaration_screener.hpp"
#include "domain/registry_records.hpp"
#include "services/check_rules.hpp"

namespace lmo::services {

domain::ScreeningPatterns build_screening_patterns(const domain::Registry& registry, const CheckRules& rules,
                                                   const std::filesystem::path& screening_file);

struct ScreeningCounts {
  std::size_t lines = 0, lmo_relevant = 0, possible = 0, not_relevant = 0, malformed = 0;
  std::size_t bytes = 0;
};

enum class StreamFormat { csv, ndjson };

// Screens `in` to `out` (one JSON object per line: line, id, verdict, reasons, registry_keys);
// problems go to `problems` as JSON lines — in input order among the verdicts when `problems`
// is `out`. `progress` (may be empty) is called about every
// 64 MiB with the counts so far.
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

ScreeningCounts screen_stream(std::istream& in, StreamFormat format, const domain::DeclarationScreener& screener,
                              std::ostream& out, std::ostream& problems,
                              const std::function<void(const ScreeningCounts&)>& progress = {});

}  // namespace lmo::services
