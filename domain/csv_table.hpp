// CsvTable: reading RFC 4180 CSV text — comma-separated fields, double-quoted fields that may
// hold commas, quotes ("") and line breaks, CRLF or LF line ends, an optional UTF-8 byte-order
// mark. Each row remembers the line it starts on, so problems can be reported by line.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lmo::domain {

struct CsvRow {
  std::size_t line = 0;  // 1-based line where the row starts
  std::vector<std::string> fields;
};

struct CsvResult {
  std::vector<CsvRow> rows;  // the header row first, when present
  std::string error;         // empty when the text is well-formed
  std::size_t error_line = 0;
};

// Reads `text`. Stops at the first malformed construct (a quote inside an unquoted field,
// text after a closing quote, an unterminated quoted field) and reports its line.
// Blank lines are skipped. At most `max_rows` rows are read (more is an error).
CsvResult parse_csv(std::string_view text, std::size_t max_rows = 10'000'000);

// Quotes a field when it holds a comma, a quote or a line break.
std::string csv_field(std::string_view text);

}  // namespace lmo::domain
