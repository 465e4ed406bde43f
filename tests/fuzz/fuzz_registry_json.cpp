// Fuzzes the decoding of registry records (project JSON imports): any JSON gives records or
// problems naming a reason, and decoded records encode to JSON that decodes to the same.
#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>

#include "domain/registry_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  auto type = lmo::domain::kAllRecordTypes[data[0] % std::size(lmo::domain::kAllRecordTypes)];
  boost::system::error_code error;
  boost::json::parse_options options;
  options.max_depth = 32;
  auto value = boost::json::parse(std::string_view(reinterpret_cast<const char*>(data + 1), size - 1), error, {}, options);
  if (error) return 0;
  lmo::domain::Registry registry;
  std::vector<lmo::domain::RecordProblem> problems;
  lmo::domain::decode_records(type, value, registry, problems);
  for (const auto& p : problems) {
    if (p.reason.empty()) __builtin_trap();
  }
  auto encoded = lmo::domain::encode_records(type, registry);
  lmo::domain::Registry again;
  std::vector<lmo::domain::RecordProblem> again_problems;
  lmo::domain::decode_records(type, encoded, again, again_problems);
  if (!again_problems.empty()) __builtin_trap();
  if (boost::json::serialize(lmo::domain::encode_records(type, again)) != boost::json::serialize(encoded)) __builtin_trap();
  return 0;
}
