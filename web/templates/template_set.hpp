// TemplateSet: the HTML templates (templates/*.mustache, Mustache via kainjow), translated
// once per language at load. Text to translate is marked in templates as
//   {{#_}}English text{{/_}}
// and replaced by its HTML-escaped translation before the template is compiled, so pages
// cost no catalog lookups at request time. Values are HTML-escaped by Mustache ({{x}});
// only trusted, project-written HTML is inserted raw ({{{x}}}).
// Compiled templates are kept per thread (kainjow's renderer is not documented as
// thread-safe); the translated sources are immutable and shared. Thread-safe.
#pragma once

#include <filesystem>
#include <kainjow/mustache.hpp>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "web/i18n/catalogs.hpp"

namespace lmo::web {

using TemplateData = kainjow::mustache::data;

class TemplateSet {
 public:
  // Loads and checks every template for every language of `catalogs`. Throws
  // std::runtime_error naming the template when one does not compile.
  TemplateSet(const std::filesystem::path& directory, const Catalogs& catalogs);

  // REQUIRES: `name` is a loaded template; `lang` a language of the catalogs.
  std::string render(std::string_view name, std::string_view lang, const TemplateData& data) const;

  // Every {{#_}}…{{/_}} text in the templates, in order of first appearance.
  const std::vector<std::string>& messages() const { return messages_; }

 private:
  std::uint64_t id_;  // distinguishes the per-thread caches of different sets
  std::map<std::string, std::string, std::less<>> translated_;  // "name\nlang" → source
  std::vector<std::string> messages_;
};

// Splits a template into its translatable messages (whitespace runs collapsed to one space).
std::vector<std::string> extract_messages(std::string_view source);

}  // namespace lmo::web
