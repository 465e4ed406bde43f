// Static assets (static/: stylesheet, icon, scripts), read into memory at start and served
// with a content type, a strong ETag and caching; If-None-Match answers 304.
#pragma once

#include <filesystem>

#include "web/http/router.hpp"

namespace lmo::web {

// Adds one GET route per file under `directory`, at /static/<relative path>.
void add_static_routes(Router& router, const std::filesystem::path& directory);

}  // namespace lmo::web
