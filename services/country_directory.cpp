#include "services/country_directory.hpp"

#include <boost/json.hpp>

#include "services/data_file.hpp"

namespace lmo::services {

namespace json = boost::json;

CountryDirectory::CountryDirectory(const std::filesystem::path& file) {
  auto value = read_json_file(file);
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
