// Fuzz target: the Cookie header reader. Invariants: no crash; at most 50 cookies; every name
// is a non-empty token and every value is free of separators, quotes and control bytes.
#include <cstdint>
#include <string_view>

#include "tests/fuzz/fuzz_support.hpp"
#include "web/http/cookies.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  std::string_view header(reinterpret_cast<const char*>(bytes), size);
  auto cookies = lmo::web::parse_cookies(header);
  lmo::fuzz::require(cookies.size() <= 50);
  for (const auto& [name, value] : cookies) {
    lmo::fuzz::require(!name.empty());
    lmo::fuzz::require(value.size() <= 4096);
    for (char c : value) lmo::fuzz::require(c != ';' && c != '"' && static_cast<unsigned char>(c) > 0x20);
  }
  return 0;
}
