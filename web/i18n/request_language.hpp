// The language a request is served in: the URL prefix (/en/, /es/, /fr/...) when it names a
// supported language, else the best match of Accept-Language, else English.
#pragma once

#include <string>

#include "web/http/http_types.hpp"
#include "web/i18n/catalogs.hpp"

namespace lmo::web {

// The language named by the first path segment, or "" when it names none.
std::string path_language(const Request& request, const Catalogs& catalogs);
std::string negotiated_language(const Request& request, const Catalogs& catalogs);
std::string request_language(const Request& request, const Catalogs& catalogs);

}  // namespace lmo::web
