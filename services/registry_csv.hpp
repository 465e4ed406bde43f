// The project's CSV format for registry records: one row per record, one column per field of
// the record's JSON form. Lists are joined with " | "; maps (texts per language, use flags,
// primers, packing instructions) are written "key=value | key=value"; an empty cell is an
// empty list, an empty text or null. CSV export → import gives back the same records.
#pragma once

#include <boost/json/array.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "domain/registry_json.hpp"

namespace lmo::services {

std::string records_to_csv(domain::RecordType type, const boost::json::array& records);

struct CsvProblem {
  std::size_t line = 0;
  std::string field;
  std::string reason;
};

// Turns CSV text into the JSON form of records of `type` (to be decoded by decode_records).
// Unknown columns, a missing header or a malformed file are problems; a problem with line 0
// concerns the whole file. Each returned record carries its line in `lines`.
boost::json::array csv_to_records(domain::RecordType type, std::string_view text, std::vector<CsvProblem>& problems,
                                  std::vector<std::size_t>& lines);

}  // namespace lmo::services
