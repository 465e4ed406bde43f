// Catalogs: the user-interface languages the portal speaks and their gettext message
// catalogs (locale/<code>.po compiled to <locale_dir>/<code>/LC_MESSAGES/lmo-portal.mo),
// looked up with Boost.Locale. A language exists when its catalog exists: adding a language
// is adding a .po file. Each catalog names itself through two entries:
//   msgid "language-native-name"  (e.g. "Español")
//   msgid "language-direction"    ("ltr" or "rtl")
// English is the source language and always present. Immutable after load; thread-safe.
#pragma once

#include <filesystem>
#include <locale>
#include <map>
#include <string>
#include <set>
#include <string_view>
#include <vector>

namespace lmo::web {

struct LanguageInfo {
  std::string code;         // "en", "es", "fr", "ar"...
  std::string native_name;  // shown in the language switcher
  std::string direction;    // "ltr" or "rtl"
};

class Catalogs {
 public:
  // Loads every compiled catalog under `locale_dir`. Throws std::runtime_error when a catalog
  // lacks its language entries.
  explicit Catalogs(const std::filesystem::path& locale_dir);

  const std::vector<LanguageInfo>& languages() const { return languages_; }
  const LanguageInfo* find(std::string_view code) const;
  bool supports(std::string_view code) const { return find(code) != nullptr; }
  // The translation of `msgid`, or `msgid` itself when the catalog has none.
  std::string translate(std::string_view code, std::string_view msgid) const;
  // True when the catalog of `code` has an entry for `msgid` (English: always). A translation
  // may equal the English text ("Video" in Spanish), so entries, not texts, are compared.
  bool has_translation(std::string_view code, std::string_view msgid) const;

 private:
  std::vector<LanguageInfo> languages_;
  std::map<std::string, std::locale, std::less<>> locales_;
  std::map<std::string, std::set<std::string, std::less<>>, std::less<>> entries_;  // msgids per catalog
};

}  // namespace lmo::web
