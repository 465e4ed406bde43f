// Fuzzes the bundled page text parser: any bytes give a document or a located error.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "domain/page_document.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto result = lmo::domain::parse_page_document(text);
  if (auto* document = std::get_if<lmo::domain::PageDocument>(&result)) {
    // A parsed document always has a title, a nav title and a non-empty body.
    if (document->title.empty() || document->nav_title.empty() || document->body_html.empty()) {
      __builtin_trap();
    }
  } else if (std::get<lmo::domain::PageDocumentError>(result).message.empty()) {
    __builtin_trap();
  }
  return 0;
}
