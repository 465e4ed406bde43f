// Fuzzes the BCH record import: any bytes that parse as JSON (depth ≤ 32) give a result without a
// crash or an exception; every problem names a field or a reason; each document looked at gives
// exactly one record or one problem; every record is accepted by the registry's own decoder and
// holds valid UTF-8. The same value is also decoded inside an array and a search-index response.
#include <boost/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/bch_record.hpp"
#include "domain/registry_json.hpp"

#include "tests/fuzz/fuzz_support.hpp"

namespace {

using lmo::fuzz::is_valid_utf8;
using lmo::fuzz::require;

namespace json = boost::json;
using lmo::domain::BchDecodeResult;
using lmo::domain::RecordType;


void check(const BchDecodeResult& result) {
  for (const auto& problem : result.problems) {
    require(!problem.field.empty() || !problem.reason.empty());
    require(!problem.reason.empty());
    require(is_valid_utf8(problem.field) && is_valid_utf8(problem.reason) && is_valid_utf8(problem.record));
    require(result.documents == 0 || problem.index < result.documents);
  }
  const std::size_t records =
      result.records.lmos.size() + result.records.decisions.size() + result.records.laboratories.size();
  if (result.documents > 0) {
    require(records + result.problems.size() == result.documents);
  } else {
    require(records == 0 && result.problems.size() <= 1);
  }
  for (RecordType type : {RecordType::lmo, RecordType::decision, RecordType::laboratory}) {
    const json::array encoded = lmo::domain::encode_records(type, result.records);
    require(is_valid_utf8(json::serialize(encoded)));
    lmo::domain::Registry again;
    std::vector<lmo::domain::RecordProblem> problems;
    lmo::domain::decode_records(type, encoded, again, problems);
    require(problems.empty());
  }
  for (const auto& lmo : result.records.lmos) {
    require(lmo.key == lmo::domain::lmo_key(lmo.uid, lmo.event_name));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  json::parse_options options;
  options.max_depth = 32;
  json::stream_parser parser({}, options);
  boost::system::error_code ec;
  parser.write(reinterpret_cast<const char*>(data), size, ec);
  if (!ec) parser.finish(ec);
  if (ec) return 0;
  const json::value value = parser.release();

  check(lmo::domain::decode_bch(value, "2026-11-28"));
  check(lmo::domain::decode_bch(json::array{value}, "2026-11-28"));
  check(lmo::domain::decode_bch(json::object{{"response", json::object{{"docs", json::array{value}}}}}, "2026-11-28"));
  return 0;
}
