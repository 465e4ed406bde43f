// CountryDirectory: the ISO 3166-1 countries and territories (and the EU) with their names in
// each language, from data/countries.json. Answers whether a code exists and how to name it.
// Immutable after load; thread-safe.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "domain/localized_text.hpp"

namespace lmo::services {

class CountryDirectory {
 public:
  // Throws BundledDataError when the file is missing or malformed.
  explicit CountryDirectory(const std::filesystem::path& file);
  CountryDirectory() = default;  // empty: knows no country

  bool contains(std::string_view code) const { return names_.count(code) > 0; }
  // The name in `lang` (English fallback), or the code itself when unknown.
  std::string name(std::string_view code, std::string_view lang) const;
  std::size_t size() const { return names_.size(); }

 private:
  std::map<std::string, domain::LocalizedText, std::less<>> names_;
};

}  // namespace lmo::services
