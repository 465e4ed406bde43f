// Fuzzes the CSV reader: any bytes give rows or an error with a line; a well-formed table
// written back with csv_field reads the same.
#include <cstddef>
#include <cstdint>
#include <string>

#include "domain/csv_table.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto table = lmo::domain::parse_csv(text, 10000);
  if (!table.error.empty()) {
    if (table.error_line == 0) __builtin_trap();
    return 0;
  }
  // A leading byte-order mark is dropped on reading; write one so that a first field that
  // itself begins with those bytes survives.
  std::string written = "\xEF\xBB\xBF";
  for (const auto& row : table.rows) {
    for (size_t i = 0; i < row.fields.size(); ++i) written += (i ? "," : "") + lmo::domain::csv_field(row.fields[i]);
    written += "\r\n";
  }
  auto again = lmo::domain::parse_csv(written, 10000);
  if (!again.error.empty()) __builtin_trap();
  size_t kept = 0;
  for (const auto& row : table.rows) kept += !(row.fields.size() == 1 && row.fields[0].empty());
  if (again.rows.size() != kept) __builtin_trap();
  return 0;
}
