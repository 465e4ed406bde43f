#include "services/country_directory.hpp"

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "services/bundled_content_loader.hpp"

namespace lmo::services {

namespace json = boost::json;

CountryDirectory::CountryDirectory(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw BundledDataError(file.string() + ": cannot be read");
  std::stringstream text;
  text << in.rdbuf();
  boost::system::error_code error;
  auto value = json::parse(text.str(), error);
  if (error) throw BundledDataError(file.string() + ": invalid JSON: " + error.message());
  const auto* countries = value.is_object() ? value.as_object().if_contains("countries") : nullptr;
  if (!countries || !countries->is_array()) throw BundledDataError(file.string() + ": needs a 'countries' array");
  for (const auto& entry : countries->as_array()) {
    const auto* object = entry.if_object();
    const auto* code = object ? object->if_contains("code") : nullptr;
    const auto* names = object ? object->if_contains("name") : nullptr;
    if (!code || !code->is_string() || code->as_string().size() != 2 || !names || !names->is_object()) {
      throw BundledDataError(file.string() + ": every country needs a two-letter code and names");
    }
    domain::LocalizedText text;
    for (const auto& [lang, name] : names->as_object()) {
      if (name.is_string()) text.set(std::string(lang), std::string(name.as_string()));
    }
    names_.emplace(std::string(code->as_string()), std::move(text));
  }
}

std::string CountryDirectory::name(std::string_view code, std::string_view lang) const {
  auto found = names_.find(code);
  if (found == names_.end()) return std::string(code);
  auto resolved = found->second.resolve(lang);
  return resolved ? resolved->text : std::string(code);
}

}  // namespace lmo::services
