// The Customs Portal's HTML pages: /{lang}/ (home), /{lang}/{slug}, their print views at
// /{lang}/{slug}/print, and the redirects that bring unprefixed addresses to a language.
#pragma once

#include "web/http/router.hpp"
#include "web/web_context.hpp"

namespace lmo::web {

void add_page_routes(Router& router, const WebContext& context);

}  // namespace lmo::web
