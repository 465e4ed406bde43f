// Inspection cases for signed-in officers: /{lang}/cases (their country's cases),
// POST /{lang}/cases (save a border check as a case, from the inspection report),
// /{lang}/cases/{reference} (the printable case file, with forms to record the sampling,
// laboratory results and the final decision: POST .../sampling, .../laboratory, .../decision).
// Every form carries the session's CSRF token and the case version it was made on.
#pragma once

#include "web/http/router.hpp"
#include "web/web_context.hpp"

namespace lmo::web {

void add_case_page_routes(Router& router, const WebContext& context);

}  // namespace lmo::web
