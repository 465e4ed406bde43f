#include "web/i18n/catalogs.hpp"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iterator>
#include <optional>
#include <boost/locale/generator.hpp>
#include <boost/locale/message.hpp>
#include <stdexcept>

namespace lmo::web {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kDomain = "lmo-portal";

// The msgids of a compiled GNU .mo catalog: a header (magic, revision, count, offset of the
// table of original strings), then per string its length and offset. Malformed files give
// an empty set (Boost.Locale then reports the catalog as untranslated anyway).
std::set<std::string, std::less<>> catalog_entries(const fs::path& path) {
  std::set<std::string, std::less<>> ids;
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto word = [&](size_t at, bool swap) -> std::optional<std::uint32_t> {
    if (at + 4 > bytes.size()) return std::nullopt;
    std::uint32_t v;
    std::memcpy(&v, bytes.data() + at, 4);
    return swap ? __builtin_bswap32(v) : v;
  };
  auto magic = word(0, false);
  if (!magic || (*magic != 0x950412de && *magic != 0xde120495)) return ids;
  bool swap = *magic == 0xde120495;
  auto count = word(8, swap);
  auto table = word(12, swap);
  if (!count || !table) return ids;
  for (std::uint32_t i = 0; i < *count; ++i) {
    auto length = word(*table + 8ull * i, swap);
    auto offset = word(*table + 8ull * i + 4, swap);
    if (!length || !offset || std::uint64_t(*offset) + *length > bytes.size()) return {};
    std::string id = bytes.substr(*offset, *length);
    id = id.substr(0, id.find('\0'));  // a plural entry holds "singular\0plural"
    if (!id.empty()) ids.insert(std::move(id));
  }
  return ids;
}

}  // namespace

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
    entries_.emplace(code, catalog_entries(locale_dir / code / "LC_MESSAGES" / (std::string(kDomain) + ".mo")));
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
  auto found = entries_.find(code);
  return found != entries_.end() && found->second.count(msgid) > 0 && !translate(code, msgid).empty();
}

}  // namespace lmo::web
