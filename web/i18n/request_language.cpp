#include "web/i18n/request_language.hpp"

#include "web/i18n/accept_language.hpp"

namespace lmo::web {

std::string path_language(const Request& request, const Catalogs& catalogs) {
  std::string_view path = request.path;
  if (path.size() < 2 || path.front() != '/') return {};
  std::string_view first = path.substr(1, path.find('/', 1) == std::string_view::npos
                                               ? std::string_view::npos
                                               : path.find('/', 1) - 1);
  return catalogs.supports(first) ? std::string(first) : std::string();
}

std::string negotiated_language(const Request& request, const Catalogs& catalogs) {
  std::vector<std::string> codes;
  for (const auto& language : catalogs.languages()) codes.push_back(language.code);
  return negotiate_language(request.header("accept-language"), codes).value_or("en");
}

std::string request_language(const Request& request, const Catalogs& catalogs) {
  std::string prefixed = path_language(request, catalogs);
  return prefixed.empty() ? negotiated_language(request, catalogs) : prefixed;
}

}  // namespace lmo::web
