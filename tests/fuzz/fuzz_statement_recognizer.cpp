// Fuzzes statement recognition in document text: any bytes, no crash; folding is idempotent
// and every match lies inside the folded text.
#include <cstddef>
#include <cstdint>
#include <string>

#include "domain/statement_recognizer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const lmo::domain::StatementRecognizer recognizer({
      {"a.contains_or_may_contain", "en", "may contain living modified organisms", "may_contain"},
      {"a.contains_or_may_contain", "en", "contains living modified organisms", "contains"},
      {"a.contains_or_may_contain", "fr", "peut contenir des organismes vivants modifiés", "may_contain"},
      {"a.not_for_introduction", "es", "no están destinados a ser introducidos intencionalmente en el medio ambiente", ""},
  });
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string folded = lmo::domain::fold_text(text);
  if (lmo::domain::fold_text(folded) != folded) __builtin_trap();
  for (const auto& found : recognizer.recognise(text)) {
    if (found.position > folded.size()) __builtin_trap();
  }
  return 0;
}
