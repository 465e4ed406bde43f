// Fuzzes query-string and form decoding: a result or an error naming a field, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "web/http/query_params.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view query(reinterpret_cast<const char*>(data), size);
  lmo::web::QueryError error;
  auto params = lmo::web::parse_query(query, &error);
  if (!params && error.field.empty() && error.message.empty()) __builtin_trap();
  if (params && params->values.size() > 100) __builtin_trap();
  return 0;
}
