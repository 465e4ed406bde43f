#include "web/i18n/catalogs.hpp"

#include <algorithm>
#include <boost/locale/generator.hpp>
#include <boost/locale/message.hpp>
#include <stdexcept>

namespace lmo::web {

namespace fs = std::filesystem;

namespace {
constexpr std::string_view kDomain = "lmo-portal";
}

Catalogs::Catalogs(const fs::path& locale_dir) {
  boost::locale::generator generator;
  generator.add_messages_path(locale_dir.string());
  generator.add_messages_domain(std::string(kDomain));

  std::vector<std::string> codes{"en"};
  if (fs::is_directory(locale_dir)) {
    for (const auto& entry : fs::directory_iterator(locale_dir)) {
      std::string code = entry.path().filename().string();
      if (code == "en") continue;
      if (fs::exists(entry.path() / "LC_MESSAGES" / (std::string(kDomain) + ".mo"))) {
        codes.push_back(code);
      }
    }
  }
  std::sort(codes.begin() + 1, codes.end());
  for (const auto& code : codes) {
    std::locale locale = generator(code + ".UTF-8");
    locales_.emplace(code, locale);
    LanguageInfo info{code, translate(code, "language-native-name"),
                      translate(code, "language-direction")};
    if (code == "en") {
      if (info.native_name == "language-native-name") info.native_name = "English";
      if (info.direction == "language-direction") info.direction = "ltr";
    }
    if (info.native_name == "language-native-name") {
      throw std::runtime_error("catalog '" + code + "' has no 'language-native-name' entry");
    }
    if (info.direction != "ltr" && info.direction != "rtl") {
      throw std::runtime_error("catalog '" + code + "' must translate 'language-direction' as ltr or rtl");
    }
    languages_.push_back(std::move(info));
  }
}

const LanguageInfo* Catalogs::find(std::string_view code) const {
  for (const auto& language : languages_) {
    if (language.code == code) return &language;
  }
  return nullptr;
}

std::string Catalogs::translate(std::string_view code, std::string_view msgid) const {
  auto it = locales_.find(code);
  if (it == locales_.end()) return std::string(msgid);
  return boost::locale::translate(std::string(msgid)).str(it->second);
}

bool Catalogs::has_translation(std::string_view code, std::string_view msgid) const {
  if (code == "en") return true;
  std::string translated = translate(code, msgid);
  return !translated.empty() && translated != msgid;
}

}  // namespace lmo::web
