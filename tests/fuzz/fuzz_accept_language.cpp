// Fuzzes Accept-Language negotiation: the answer is always a supported language or none.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "web/i18n/accept_language.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::vector<std::string> supported{"en", "ar", "es", "fr"};
  std::string_view header(reinterpret_cast<const char*>(data), size);
  auto chosen = lmo::web::negotiate_language(header, supported);
  if (chosen && std::find(supported.begin(), supported.end(), *chosen) == supported.end()) {
    __builtin_trap();
  }
  return 0;
}
