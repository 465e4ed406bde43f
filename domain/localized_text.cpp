#include "domain/localized_text.hpp"

namespace lmo::domain {

void LocalizedText::set(std::string language, std::string text) {
  texts_.insert_or_assign(std::move(language), std::move(text));
}

std::optional<ResolvedText> LocalizedText::resolve(std::string_view requested) const {
  auto pick = [&](std::string_view language) -> std::optional<ResolvedText> {
    auto it = texts_.find(language);
    if (it == texts_.end() || it->second.empty()) return std::nullopt;
    return ResolvedText{it->second, it->first, it->first != requested};
  };
  if (auto exact = pick(requested)) return exact;
  if (auto english = pick(kFallbackLanguage)) return english;
  for (const auto& [language, text] : texts_) {
    if (!text.empty()) return ResolvedText{text, language, true};
  }
  return std::nullopt;
}

ResolvedText LocalizedText::resolve_or_empty(std::string_view requested) const {
  if (auto found = resolve(requested)) return *found;
  return ResolvedText{"", std::string(requested), false};
}

bool LocalizedText::empty() const {
  for (const auto& entry : texts_) {
    if (!entry.second.empty()) return false;
  }
  return true;
}

}  // namespace lmo::domain
