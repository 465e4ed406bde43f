// The registry's HTML pages: /{lang}/registry (search with facets and paging) and
// /{lang}/registry/{id} (everything known about one LMO), with their print views.
#pragma once

#include "web/http/router.hpp"
#include "web/web_context.hpp"

namespace lmo::web {

void add_registry_page_routes(Router& router, const WebContext& context);

}  // namespace lmo::web
