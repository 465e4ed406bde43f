// The border check in HTML: /{lang}/check shows the form (no JavaScript needed); posting it
// runs the same check as the API and shows a printable inspection report with a reference
// number, the date, the outcome and every finding with its legal basis, in the officer's
// language. A form that cannot be read is shown again with the problems listed.
#pragma once

#include "web/http/router.hpp"
#include "web/web_context.hpp"

namespace lmo::web {

void add_check_page_routes(Router& router, const WebContext& context);

}  // namespace lmo::web
