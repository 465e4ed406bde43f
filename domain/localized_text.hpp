// LocalizedText: one piece of content written in several languages, with the rule the whole
// portal uses to pick a language: the requested one if present and non-empty, else English,
// else any language that has it (lowest code first, so the choice is stable).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace lmo::domain {

inline constexpr std::string_view kFallbackLanguage = "en";

// The text chosen for a request and the language it is actually written in.
struct ResolvedText {
  std::string text;
  std::string language;
  bool is_fallback = false;  // true when language differs from the one requested
};

class LocalizedText {
 public:
  LocalizedText() = default;

  void set(std::string language, std::string text);
  // REQUIRES: nothing. Returns nullopt only when no language has a non-empty text.
  std::optional<ResolvedText> resolve(std::string_view requested) const;
  // Like resolve(), but an empty text in the requested language when nothing exists.
  ResolvedText resolve_or_empty(std::string_view requested) const;
  const std::map<std::string, std::string, std::less<>>& by_language() const { return texts_; }
  bool empty() const;

 private:
  std::map<std::string, std::string, std::less<>> texts_;
};

}  // namespace lmo::domain
